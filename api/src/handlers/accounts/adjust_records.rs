//! ListPartnerAdjustRecords: `GET /v3/accounts/partner-accounts/adjust-records` — the
//! partner's allocations to and reclaims from customers.

use super::{amount_text, CURRENCY, MEASURE_YUAN};
use crate::auth::Caller;
use crate::extract::LegacyQuery as Query;
use crate::service::acting;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{get, HttpResponse};
use domain::identity::Role;
use domain::ledger::TradeDetail;
use domain::paging::Page;
use persistence::repo::ledger_query::{self, LedgerFilter};
use persistence::repo::{accounts, customers};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

const OPERATION_TYPES: [&str; 3] = [
    "SOURCE_OPERATION_BEADJUST",
    "SOURCE_OPERATION_BERETRIEVE",
    "SOURCE_OPERATION_BEUNBIND",
];

#[derive(Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AdjustRecordsQuery {
    #[validate(length(min = 1, max = 64))]
    #[param(
        min_length = 1,
        max_length = 64,
        example = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
    )]
    customer_id: Option<String>,
    /// `SOURCE_OPERATION_BEADJUST`, `SOURCE_OPERATION_BERETRIEVE` or `SOURCE_OPERATION_BEUNBIND`;
    /// absent or empty: all.
    #[param(schema_with = operation_type_schema)]
    operation_type: Option<String>,
    /// UTC `yyyy-MM-ddTHH:mm:ssZ`.
    #[validate(length(max = 20))]
    #[param(schema_with = crate::schemas::utc_time)]
    operation_time_begin: Option<String>,
    #[validate(length(max = 20))]
    #[param(schema_with = crate::schemas::utc_time)]
    operation_time_end: Option<String>,
    #[validate(length(min = 1, max = 64))]
    #[param(min_length = 1, max_length = 64, example = "TR2412040001")]
    trans_id: Option<String>,
    #[validate(range(min = 0))]
    #[param(minimum = 0, example = 0)]
    offset: Option<i64>,
    #[validate(range(min = 1, max = 100))]
    #[param(minimum = 1, maximum = 100, example = 10)]
    limit: Option<i64>,
    #[validate(length(min = 1, max = 64))]
    #[param(
        min_length = 1,
        max_length = 64,
        example = "5f1e2d3c4b5a69788796a5b4c3d2e1f0"
    )]
    indirect_partner_id: Option<String>,
}

/// An operation type, or `""` for all.
fn operation_type_schema() -> utoipa::openapi::schema::Object {
    crate::schemas::strings(OPERATION_TYPES.into_iter().chain([""]))
}

#[derive(Serialize, ToSchema)]
pub struct AdjustRecord {
    customer_id: String,
    customer_name: Option<String>,
    operation_type: String,
    /// Yuan, two decimals.
    amount: String,
    currency: &'static str,
    apply_scene: &'static str,
    operation_time: String,
    measure_id: i32,
    trans_id: String,
    memo: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct AdjustRecords {
    records: Vec<AdjustRecord>,
    total_count: i64,
}

/// Allocations and reclaims between the partner and its customers, newest first.
#[utoipa::path(tag = "accounts", params(AdjustRecordsQuery), responses((status = 200, body = AdjustRecords)))]
#[get("/v3/accounts/partner-accounts/adjust-records")]
pub async fn list_partner_adjust_records(
    state: Data<AppState>,
    caller: Caller,
    query: Query<AdjustRecordsQuery>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(&[Role::Finance])?.partner_id.clone();
    let q = query.into_inner()?;
    let page = Page::new(q.offset, q.limit)?;
    let kinds = match q.operation_type.as_deref() {
        None | Some("") => OPERATION_TYPES.iter().map(|s| (*s).to_owned()).collect(),
        Some(t) if OPERATION_TYPES.contains(&t) => vec![t.to_owned()],
        Some(_) => {
            return Err(ApiError::param(format!(
                "operation_type must be one of {}",
                OPERATION_TYPES.join(", ")
            )))
        }
    };
    let from = q
        .operation_time_begin
        .as_deref()
        .map(|s| wire::parse_utc("operation_time_begin", s))
        .transpose()?;
    let until = q
        .operation_time_end
        .as_deref()
        .map(|s| wire::parse_utc("operation_time_end", s))
        .transpose()?;
    let filter = LedgerFilter {
        owner_kind: accounts::PARTNER.into(),
        account_type: accounts::CASH,
        from,
        until: until.map(|t| t + 1),
        trade_detail_types: Some(kinds),
        trade_id: q.trans_id.clone(),
        customers_only: true,
        customer_id: q.customer_id.clone(),
        ..LedgerFilter::default()
    };
    let indirect = q.indirect_partner_id.clone();
    let (total, rows, names) = state
        .read(move |conn| {
            let mut f = filter.clone();
            f.owner_id = acting::partner(conn, &me, indirect.as_deref())?.id;
            let rows = ledger_query::page(conn, &f, page.offset, page.limit)?;
            let ids: Vec<String> = rows.iter().filter_map(|r| r.customer_id.clone()).collect();
            Ok((
                ledger_query::count(conn, &f)?,
                rows,
                customers::names(conn, &ids)?,
            ))
        })
        .await?;
    let records = rows
        .into_iter()
        .map(|r| {
            let customer_id = r.customer_id.unwrap_or_default();
            AdjustRecord {
                customer_name: names.get(&customer_id).cloned(),
                customer_id,
                operation_type: r.trade_detail_type,
                amount: amount_text(r.amount_cents),
                currency: CURRENCY,
                apply_scene: if r.trade_type == TradeDetail::BeAdjust.trade_type() {
                    "ALLOCATION"
                } else {
                    "RECLAIM"
                },
                operation_time: wire::utc(r.created_at),
                measure_id: MEASURE_YUAN,
                trans_id: r.trade_id,
                memo: r.remark,
            }
        })
        .collect();
    Ok(wire::json(
        StatusCode::OK,
        &AdjustRecords {
            records,
            total_count: total,
        },
    ))
}
