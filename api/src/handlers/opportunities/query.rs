//! `POST /v2/partners/business-opportunities/query` and `.../export`: the opportunities the
//! caller sees, filtered on every field, sorted by last update, paged by keyset marker (and
//! `offset`/`limit` as in BSS).

use super::{marker_of, names, parse_marker, OpportunityView};
use crate::auth::Caller;
use crate::extract::LegacyJson as Json;
use crate::handlers::accounts::export;
use crate::handlers::channel::{non_empty, SALES};
use crate::handlers::opportunities::time_filter;
use crate::service::acting;
use crate::service::opportunities::scope_of;
use crate::service::Failure;
use crate::wire::DecimalInput;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{post, HttpResponse};
use domain::opportunities::visibility::Scope;
use domain::opportunities::{confidence, OpportunityType, Stage};
use domain::paging::Page;
use domain::{names as codes_, Violation};
use persistence::repo::opportunities::business_query::{self as q, OpportunityFilter};
use persistence::repo::users;
use persistence::DbConnection;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

#[derive(Deserialize, Validate, ToSchema, Clone)]
#[schema(example = json!({"stage": "PROPOSAL", "expected_monthly_amount_min": "1000", "updated_on_begin": "2026-11-01T00:00:00Z", "limit": 50}))]
pub struct OpportunityQuery {
    #[validate(length(max = 64))]
    #[schema(schema_with = filters::customer_id)]
    customer_id: Option<String>,
    /// A distributor's reseller: only the opportunities of that reseller's customers.
    #[validate(length(max = 64))]
    #[schema(schema_with = filters::indirect_partner_id)]
    indirect_partner_id: Option<String>,
    /// Owner's login name.
    #[validate(length(max = 64))]
    #[schema(schema_with = filters::account_manager_id)]
    account_manager_id: Option<String>,
    #[schema(schema_with = filters::industry)]
    industry: Option<String>,
    #[schema(schema_with = filters::opportunity_type)]
    opportunity_type: Option<String>,
    #[schema(schema_with = filters::stage)]
    stage: Option<String>,
    /// Exact confidence; `confidence_min`/`_max` give a range (inclusive). Given together,
    /// all of them apply.
    #[schema(schema_with = filters::confidence)]
    confidence: Option<i32>,
    #[schema(schema_with = filters::confidence)]
    confidence_min: Option<i32>,
    #[schema(schema_with = filters::confidence)]
    confidence_max: Option<i32>,
    /// Expected monthly spend range in yuan, inclusive.
    #[schema(schema_with = filters::amount)]
    expected_monthly_amount_min: Option<DecimalInput>,
    #[schema(schema_with = filters::amount)]
    expected_monthly_amount_max: Option<DecimalInput>,
    /// Last update range, UTC `yyyy-MM-ddTHH:mm:ssZ`, inclusive.
    #[validate(length(max = 20))]
    #[schema(schema_with = filters::time)]
    updated_on_begin: Option<String>,
    #[validate(length(max = 20))]
    #[schema(schema_with = filters::time)]
    updated_on_end: Option<String>,
    /// `-last_update_time` (newest first, default) or `last_update_time`.
    #[schema(schema_with = filters::sort)]
    sort: Option<String>,
    /// `next_marker` of the previous page: the next page starts after it (no OFFSET scan).
    #[validate(length(max = 200))]
    #[schema(schema_with = filters::marker)]
    marker: Option<String>,
    /// Rows to skip (after the marker when both are given), 0–40000000, default 0.
    #[schema(example = 0)]
    offset: Option<i64>,
    /// 1–100, default 10.
    #[schema(example = 50)]
    limit: Option<i64>,
}

/// The filters' schemas: empty strings and `null` mean "any".
mod filters {
    use super::super::schemas;
    use domain::opportunities::{OpportunityType, Stage};
    use utoipa::openapi::schema::{Object, ObjectBuilder, SchemaType, Type};

    fn optional_id(example: &str) -> Object {
        schemas::nullable(
            ObjectBuilder::new()
                .schema_type(SchemaType::Type(Type::String))
                .max_length(Some(64))
                .examples([serde_json::json!(example)])
                .build(),
        )
    }
    pub fn customer_id() -> Object {
        optional_id("c0a8012e5f3b4c6d8e9f0a1b2c3d4e5f")
    }
    pub fn indirect_partner_id() -> Object {
        optional_id("4b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e")
    }
    pub fn account_manager_id() -> Object {
        optional_id("alice")
    }
    pub fn industry() -> Object {
        schemas::optional_code("RETAIL")
    }
    pub fn opportunity_type() -> Object {
        schemas::nullable(schemas::one_of(
            OpportunityType::ALL.iter().map(|t| t.as_str()),
            true,
        ))
    }
    pub fn stage() -> Object {
        schemas::nullable(schemas::one_of(Stage::ALL.iter().map(|s| s.as_str()), true))
    }
    pub fn confidence() -> Object {
        schemas::nullable(schemas::integer(0, 100, 50))
    }
    pub fn amount() -> Object {
        schemas::nullable(crate::schemas::non_negative_amount())
    }
    pub fn time() -> Object {
        schemas::nullable(crate::schemas::utc_time())
    }
    pub fn sort() -> Object {
        schemas::nullable(schemas::one_of(
            ["-last_update_time", "last_update_time"],
            true,
        ))
    }
    /// Opaque; one that no page handed out is refused with a business code.
    pub fn marker() -> Object {
        schemas::nullable(
            ObjectBuilder::new()
                .schema_type(SchemaType::Type(Type::String))
                .max_length(Some(200))
                .examples([serde_json::json!("MTc2NzMyMzA0NTo4ZjNjMGQ2ZTJiN2E0YzFk")])
                .build(),
        )
    }
}

/// The query checked: a filter without the caller-specific parts, and the paging.
struct Checked {
    filter: OpportunityFilter,
    indirect_partner_id: Option<String>,
    account_manager: Option<String>,
    ascending: bool,
}

fn monthly(field: &str, d: Option<DecimalInput>) -> Result<Option<i64>, ApiError> {
    d.map(|d| {
        domain::money::non_negative_from_decimal(d.0)
            .map(|m| m.cents())
            .map_err(|e| ApiError::from(Violation::param(format!("{field} {e}"))))
    })
    .transpose()
}

fn empty_range(message: &str) -> ApiError {
    Violation::new(domain::opportunities::FILTER_RANGE_EMPTY, message).into()
}

impl OpportunityQuery {
    fn check(&self) -> Result<Checked, ApiError> {
        let mut f = OpportunityFilter {
            customer_id: non_empty(self.customer_id.clone()),
            ..OpportunityFilter::default()
        };
        if let Some(v) = non_empty(self.industry.clone()) {
            f.industry = Some(codes_::code("industry", &v)?.to_owned());
        }
        if let Some(v) = non_empty(self.opportunity_type.clone()) {
            f.opportunity_type = Some(
                OpportunityType::parse("opportunity_type", &v)?
                    .as_str()
                    .to_owned(),
            );
        }
        if let Some(v) = non_empty(self.stage.clone()) {
            f.stage = Some(Stage::parse("stage", &v)?.as_str().to_owned());
        }
        // An exact confidence is the range [c, c]; given with a range, both apply.
        let c = |n: &str, v: Option<i32>| v.map(|v| confidence(n, v)).transpose();
        let exact = c("confidence", self.confidence)?;
        let min = c("confidence_min", self.confidence_min)?;
        let max = c("confidence_max", self.confidence_max)?;
        f.confidence_min = min.max(exact);
        f.confidence_max = match (max, exact) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        if let (Some(a), Some(b)) = (f.confidence_min, f.confidence_max) {
            if a > b {
                return Err(empty_range(
                    "the confidence filters leave no value: confidence_min (or confidence) is above confidence_max (or confidence)",
                ));
            }
        }
        f.monthly_min_cents = monthly(
            "expected_monthly_amount_min",
            self.expected_monthly_amount_min,
        )?;
        f.monthly_max_cents = monthly(
            "expected_monthly_amount_max",
            self.expected_monthly_amount_max,
        )?;
        if let (Some(a), Some(b)) = (f.monthly_min_cents, f.monthly_max_cents) {
            if a > b {
                return Err(empty_range(
                    "expected_monthly_amount_min is above expected_monthly_amount_max",
                ));
            }
        }
        (f.updated_from, f.updated_until) = time_filter(
            ("updated_on_begin", self.updated_on_begin.as_deref()),
            ("updated_on_end", self.updated_on_end.as_deref()),
        )?;
        let ascending = match self.sort.as_deref() {
            None | Some("") | Some("-last_update_time") => false,
            Some("last_update_time") => true,
            Some(_) => {
                return Err(ApiError::param(
                    "sort must be -last_update_time (newest first) or last_update_time",
                ))
            }
        };
        Ok(Checked {
            filter: f,
            indirect_partner_id: non_empty(self.indirect_partner_id.clone()),
            account_manager: non_empty(self.account_manager_id.clone()),
            ascending,
        })
    }
}

/// The caller-specific parts of the filter: a reseller of the caller (CBC.99000037 when it is
/// not one), an owner's login name (an unknown one matches nothing).
fn resolve(conn: &mut DbConnection, me: &str, c: &Checked) -> Result<OpportunityFilter, Failure> {
    let mut f = c.filter.clone();
    if let Some(r) = &c.indirect_partner_id {
        f.partner_id = Some(acting::own_reseller(conn, me, r)?.id);
    }
    if let Some(login) = &c.account_manager {
        f.owner_user_id = Some(
            users::find_by_name(conn, login)?
                .map(|u| u.id)
                .unwrap_or_default(),
        );
    }
    Ok(f)
}

#[derive(Serialize, ToSchema)]
pub struct OpportunityPage {
    /// How many match the filter within the caller's visibility.
    total_count: i64,
    opportunities: Vec<OpportunityView>,
    /// Pass as `marker` for the next page; absent on the last page.
    next_marker: Option<String>,
}

async fn prepare(
    caller: &Caller,
    req: Json<OpportunityQuery>,
) -> Result<(String, Scope, OpportunityQuery, Checked), ApiError> {
    let u = caller.partner_with(SALES)?;
    let scope = scope_of(u)?;
    let r = req.into_inner()?;
    let checked = r.check()?;
    Ok((u.partner_id.clone(), scope, r, checked))
}

/// The opportunities the caller sees: an account manager their own, a supervisor their
/// team's and their own, an admin all of the partner's (a distributor's admin also its
/// resellers' customers'). The visibility is part of the database query.
#[utoipa::path(tag = "opportunities", request_body = OpportunityQuery, responses((status = 200, body = OpportunityPage)))]
#[post("/v2/partners/business-opportunities/query")]
pub async fn list_business_opportunities(
    state: Data<AppState>,
    caller: Caller,
    req: Json<OpportunityQuery>,
) -> Result<HttpResponse, ApiError> {
    let (me, scope, r, c) = prepare(&caller, req).await?;
    let page = Page::new(r.offset, r.limit)?;
    let after = r
        .marker
        .as_deref()
        .filter(|m| !m.is_empty())
        .map(parse_marker)
        .transpose()?;
    let (total, mut rows, n) = state
        .read(move |conn| {
            let f = resolve(conn, &me, &c)?;
            let rows = q::page(
                conn,
                &scope,
                &f,
                after.as_ref(),
                c.ascending,
                page.offset,
                page.limit + 1,
            )?;
            let n = names(conn, &rows)?;
            Ok((q::count(conn, &scope, &f)?, rows, n))
        })
        .await?;
    let more = rows.len() > usize::try_from(page.limit).unwrap_or(usize::MAX);
    rows.truncate(usize::try_from(page.limit).unwrap_or(usize::MAX));
    let next_marker = if more {
        rows.last().map(marker_of)
    } else {
        None
    };
    Ok(wire::json(
        StatusCode::OK,
        &OpportunityPage {
            total_count: total,
            opportunities: rows.iter().map(|r| OpportunityView::new(r, &n)).collect(),
            next_marker,
        },
    ))
}

const HEADER: &[&str] = &[
    "opportunity_id",
    "opportunity_name",
    "customer_id",
    "customer_name",
    "partner_id",
    "industry",
    "opportunity_type",
    "confidence",
    "stage",
    "expected_monthly_amount",
    "currency",
    "account_manager_id",
    "create_time",
    "last_update_time",
    "close_time",
];

/// The same opportunities as CSV, streamed in keyset batches (any size, constant memory);
/// formula-like cells are neutralised. `marker`, `offset` and `limit` are ignored (within
/// their bounds).
#[utoipa::path(tag = "opportunities", request_body = OpportunityQuery, responses((status = 200, content_type = "text/csv", body = String)))]
#[post("/v2/partners/business-opportunities/export")]
pub async fn export_business_opportunities(
    state: Data<AppState>,
    caller: Caller,
    req: Json<OpportunityQuery>,
) -> Result<HttpResponse, ApiError> {
    let (me, scope, r, c) = prepare(&caller, req).await?;
    // Paging does not apply to the export, but the body is the query's: its bounds hold.
    Page::new(r.offset, r.limit)?;
    let ascending = c.ascending;
    let f = state.read(move |conn| resolve(conn, &me, &c)).await?;
    Ok(export::stream_batches(
        &state,
        "business-opportunities.csv",
        HEADER,
        move |conn, after: Option<(i64, String)>, n| {
            Ok(q::page(conn, &scope, &f, after.as_ref(), ascending, 0, n)?)
        },
        names,
        |r| (r.updated_at, r.id.clone()),
        |r, n| {
            let v = serde_json::to_value(OpportunityView::new(r, n)).unwrap_or_default();
            HEADER
                .iter()
                .map(|h| match &v[*h] {
                    serde_json::Value::String(s) => s.clone(),
                    serde_json::Value::Null => String::new(),
                    other => other.to_string(),
                })
                .collect()
        },
    ))
}
