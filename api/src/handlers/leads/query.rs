//! `POST /v2/partners/leads/query` and `POST /v2/partners/leads/export`.

use super::{shown, LeadView};
use crate::auth::Caller;
use crate::extract::LegacyJson as Json;
use crate::handlers::accounts::export;
use crate::handlers::channel::{non_empty, SALES};
use crate::handlers::opportunities::schemas;
use crate::handlers::opportunities::time_filter;
use crate::service::leads;
use crate::service::Failure;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{post, HttpResponse};
use domain::leads::{LeadSource, LeadStatus};
use domain::paging::Page;
use persistence::repo::leads::{self as repo, LeadFilter, LeadRow};
use persistence::DbConnection;
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::Object;
use utoipa::ToSchema;
use validator::Validate;

#[derive(Deserialize, Validate, ToSchema)]
#[schema(example = json!({"status": "NEW", "source": "DISPATCHED", "created_on_begin": "2026-11-01T00:00:00Z", "limit": 20}))]
pub struct LeadQuery {
    /// `NEW`, `FOLLOWING`, `CONVERTED` or `INVALID`; empty: any.
    #[schema(schema_with = statuses)]
    status: Option<String>,
    /// `DISPATCHED` or `SELF_CREATED`; empty: any.
    #[schema(schema_with = sources)]
    source: Option<String>,
    /// Creation time range, UTC `yyyy-MM-ddTHH:mm:ssZ`, inclusive.
    #[validate(length(max = 20))]
    #[schema(schema_with = time)]
    created_on_begin: Option<String>,
    #[validate(length(max = 20))]
    #[schema(schema_with = time)]
    created_on_end: Option<String>,
    /// 0–40000000, default 0.
    #[schema(example = 0)]
    offset: Option<i64>,
    /// 1–100, default 10.
    #[schema(example = 20)]
    limit: Option<i64>,
}

fn statuses() -> Object {
    schemas::nullable(schemas::one_of(
        LeadStatus::ALL.iter().map(|s| s.as_str()),
        true,
    ))
}

fn sources() -> Object {
    schemas::nullable(schemas::one_of(
        LeadSource::ALL.iter().map(|s| s.as_str()),
        true,
    ))
}

fn time() -> Object {
    schemas::nullable(crate::schemas::utc_time())
}

impl LeadQuery {
    fn filter(&self, partner_id: String) -> Result<LeadFilter, ApiError> {
        let (created_from, created_until) = time_filter(
            ("created_on_begin", self.created_on_begin.as_deref()),
            ("created_on_end", self.created_on_end.as_deref()),
        )?;
        Ok(LeadFilter {
            partner_id,
            status: non_empty(self.status.clone())
                .map(|s| LeadStatus::parse("status", &s).map(|s| s.as_str().to_owned()))
                .transpose()?,
            source: non_empty(self.source.clone())
                .map(|s| LeadSource::parse("source", &s).map(|s| s.as_str().to_owned()))
                .transpose()?,
            created_from,
            created_until,
        })
    }
}

#[derive(Serialize, ToSchema)]
pub struct LeadPage {
    total_count: i64,
    leads: Vec<LeadView>,
}

/// The partner's leads, newest first; contacts masked for marketing plan 2.0.
#[utoipa::path(tag = "leads", request_body = LeadQuery, responses((status = 200, body = LeadPage)))]
#[post("/v2/partners/leads/query")]
pub async fn list_leads(
    state: Data<AppState>,
    caller: Caller,
    req: Json<LeadQuery>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(SALES)?.partner_id.clone();
    let q = req.into_inner()?;
    let page = Page::new(q.offset, q.limit)?;
    let f = q.filter(me.clone())?;
    let (plan, total, rows) = state
        .read(move |conn| {
            let plan = leads::plan_of(conn, &me)?;
            let rows = repo::page(conn, &f, None, page.offset, page.limit)?;
            Ok((plan, repo::count(conn, &f)?, rows))
        })
        .await?;
    Ok(wire::json(
        StatusCode::OK,
        &LeadPage {
            total_count: total,
            leads: rows.iter().map(|r| LeadView::new(r, &plan)).collect(),
        },
    ))
}

/// The partner's marketing plan, looked up once per export batch.
fn plan_for(conn: &mut DbConnection, rows: &[LeadRow]) -> Result<String, Failure> {
    match rows.first() {
        Some(r) => leads::plan_of(conn, &r.partner_id),
        None => Ok(String::new()),
    }
}

/// The same leads as CSV, streamed; contacts masked exactly as in the list. `offset` and
/// `limit` are ignored (within their bounds).
#[utoipa::path(tag = "leads", request_body = LeadQuery, responses((status = 200, content_type = "text/csv", body = String)))]
#[post("/v2/partners/leads/export")]
pub async fn export_leads(
    state: Data<AppState>,
    caller: Caller,
    req: Json<LeadQuery>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(SALES)?.partner_id.clone();
    let q = req.into_inner()?;
    // Paging does not apply to the export, but the body is the query's: its bounds hold.
    Page::new(q.offset, q.limit)?;
    let f = q.filter(me)?;
    Ok(export::stream_batches(
        &state,
        "leads.csv",
        &[
            "lead_id",
            "source",
            "status",
            "customer_name",
            "contact_name",
            "mobile_phone",
            "email",
            "industry",
            "create_time",
            "last_update_time",
        ],
        move |conn, after: Option<(i64, String)>, n| {
            Ok(repo::page(conn, &f, after.as_ref(), 0, n)?)
        },
        plan_for,
        |r| (r.created_at, r.id.clone()),
        |r, plan| {
            let (phone, email) = shown(r, plan);
            vec![
                r.id.clone(),
                r.source.clone(),
                r.status.clone(),
                r.customer_name.clone(),
                r.contact_name.clone().unwrap_or_default(),
                phone.unwrap_or_default(),
                email.unwrap_or_default(),
                r.industry.clone().unwrap_or_default(),
                wire::utc(r.created_at),
                wire::utc(r.updated_at),
            ]
        },
    ))
}
