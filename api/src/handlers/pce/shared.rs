//! `GET /v2/partners/programs/pce/shared-opportunities` and
//! `POST .../{opportunity_id}/status`: members work what the platform shares with them.

use super::SharedView;
use crate::auth::Caller;
use crate::extract::{LegacyJson as Json, LegacyQuery as Query};
use crate::handlers::channel::SALES;
use crate::handlers::opportunities::schemas;
use crate::service::opportunities::pce;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{get, post, HttpResponse};
use domain::opportunities::pce::SharedStatus;
use domain::paging::Page;
use domain::Violation;
use persistence::repo::opportunities::pce as repo;
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::Object;
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

#[derive(Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SharedQuery {
    /// `SHARED`, `CONFIRMED`, `DECLINED`, `WON` or `LOST`; absent or empty: all.
    #[param(schema_with = filter_statuses)]
    status: Option<String>,
    #[validate(range(min = 0))]
    #[param(example = 0)]
    offset: Option<i64>,
    #[validate(range(min = 1, max = 100))]
    #[param(example = 10)]
    limit: Option<i64>,
}

fn filter_statuses() -> Object {
    schemas::one_of(SharedStatus::ALL.iter().map(|s| s.as_str()), true)
}

#[derive(Serialize, ToSchema)]
pub struct SharedPage {
    total_count: i64,
    opportunities: Vec<SharedView>,
}

/// Opportunities the platform shared with the partner, newest first. PCE members only
/// (403 CBC.0151 otherwise).
#[utoipa::path(tag = "opportunities", params(SharedQuery), responses((status = 200, body = SharedPage)))]
#[get("/v2/partners/programs/pce/shared-opportunities")]
pub async fn list_shared_opportunities(
    state: Data<AppState>,
    caller: Caller,
    query: Query<SharedQuery>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(SALES)?.partner_id.clone();
    let q = query.into_inner()?;
    let page = Page::new(q.offset, q.limit)?;
    let status = q
        .status
        .filter(|s| !s.is_empty())
        .map(|s| SharedStatus::parse("status", &s).map(|s| s.as_str()))
        .transpose()?;
    let (total, rows) = state
        .read(move |conn| {
            pce::require_member(conn, &me)?;
            Ok(repo::list_shared(
                conn,
                &me,
                status,
                page.offset,
                page.limit,
            )?)
        })
        .await?;
    Ok(wire::json(
        StatusCode::OK,
        &SharedPage {
            total_count: total,
            opportunities: rows.into_iter().map(SharedView::from).collect(),
        },
    ))
}

#[derive(Deserialize, Validate, ToSchema)]
#[schema(example = json!({"status": "CONFIRMED"}))]
pub struct SharedStatusRequest {
    /// `CONFIRMED` or `DECLINED` a `SHARED` one; `WON` or `LOST` a `CONFIRMED` one (any
    /// other move is refused with CBC.99100123).
    #[schema(schema_with = statuses)]
    status: String,
    #[validate(length(max = 1000))]
    #[schema(schema_with = reason)]
    reason: Option<String>,
}

fn statuses() -> Object {
    schemas::one_of(SharedStatus::ALL.iter().map(|s| s.as_str()), false)
}

fn reason() -> Object {
    schemas::optional_text(1000, "The customer chose another provider")
}

/// Confirms, declines or closes a shared opportunity (CBC.99100123 for any other move).
/// PCE members only (403 CBC.0151 otherwise). Moving it to `WON` grants the partner a
/// `PCE_SHARED_OPPORTUNITY` incentive by the operator's rule (once per opportunity; its id
/// in `incentive_id`).
#[utoipa::path(tag = "opportunities", params(("opportunity_id" = String, Path, example = "5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a")), request_body = SharedStatusRequest, responses((status = 200, body = SharedView), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/partners/programs/pce/shared-opportunities/{opportunity_id}/status")]
pub async fn move_shared_opportunity(
    state: Data<AppState>,
    caller: Caller,
    id: Path<String>,
    req: Json<SharedStatusRequest>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(SALES)?.partner_id.clone();
    let id = crate::handlers::channel::path_id(&id, || {
        Violation::new(
            domain::codes::NOT_FOUND,
            "shared opportunity does not exist",
        )
    })?;
    let r = req.into_inner()?;
    let next = SharedStatus::parse("status", &r.status)?;
    if let Some(reason) = &r.reason {
        domain::text::optional("reason", reason, 1000)?;
    }
    let now = state.now();
    let row = state
        .write(move |conn| pce::move_shared(conn, &me, &id, next, r.reason.as_deref(), now))
        .await?;
    Ok(wire::json(StatusCode::OK, &SharedView::from(row)))
}
