//! S9: ListPartnerCouponsRecord (every issue and reclaim of the partner's coupons) and its
//! streamed CSV export with the same filters. List filters are repeated query keys.

use super::{range, EmptyParams, READERS};
use crate::auth::Caller;
use crate::extract::LegacyQuery as Query;
use crate::handlers::accounts::export::{self, Names};
use crate::service::vouchers::acting_partner;
use crate::wire::WireAmount;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{get, HttpRequest, HttpResponse};
use domain::paging::Page;
use domain::vouchers::{check_ids, MAX_BATCH, RESULT_FAILED, RESULT_OK};
use domain::Money;
use persistence::repo::coupon_records::{self, CouponRecordFilter, CouponRecordRow};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

#[derive(Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CouponRecordsQuery {
    /// Repeated key, at most 8: 1 issue, 2 manual reclaim, 3 unbind reclaim, 4 expiry reclaim,
    /// 5 unsubscribe reclaim, 6 refund revoke, 7 association reclaim, 8 mode-switch reclaim,
    /// 9 reseller transfer. Absent: no filter; an empty value: filters to nothing.
    #[serde(default)]
    #[param(schema_with = super::schemas::operation_types)]
    operation_types: Option<Vec<String>>,
    /// Absent: no filter; "" filters too.
    #[validate(length(max = 64))]
    #[param(max_length = 64, example = "0c1d2e3f4a5b46c7d8e9f0a1b2c3d4e5")]
    quota_id: Option<String>,
    /// 0 voucher quota, 1 cash-coupon quota.
    #[validate(range(min = 0, max = 1))]
    #[param(minimum = 0, maximum = 1, example = 0)]
    quota_type: Option<i32>,
    /// Repeated key, at most 100. Absent: no filter; an empty value: filters to nothing.
    #[serde(default)]
    #[param(schema_with = coupon_ids_schema)]
    coupon_ids: Option<Vec<String>>,
    /// Absent: no filter; "" filters too.
    #[validate(length(max = 64))]
    #[param(max_length = 64, example = "c8a7b6d5e4f34a2b9c1d0e8f7a6b5c4d")]
    customer_id: Option<String>,
    /// UTC, strict lower bound.
    #[validate(length(max = 20))]
    #[param(schema_with = crate::schemas::utc_time)]
    operation_time_begin: Option<String>,
    /// UTC, strict upper bound.
    #[validate(length(max = 20))]
    #[param(schema_with = crate::schemas::utc_time)]
    operation_time_end: Option<String>,
    /// "0" success, "-1" failure; other values do not filter.
    #[validate(length(max = 8))]
    #[param(max_length = 8, example = "0")]
    result: Option<String>,
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
        example = "0a1b2c3d4e5f46a7b8c9d0e1f2a3b4c5"
    )]
    indirect_partner_id: Option<String>,
}

fn coupon_ids_schema() -> utoipa::openapi::Array {
    super::schemas::id_list(100)
}

/// One record (CouponRecordV2).
#[derive(Serialize, ToSchema)]
pub struct CouponRecord {
    id: String,
    operation_type: String,
    quota_id: Option<String>,
    quota_type: i32,
    coupon_id: Option<String>,
    customer_id: Option<String>,
    /// Issue: the face value; reclaim: the amount reclaimed.
    operation_amount: WireAmount,
    operation_time: String,
    /// "0" success, "-1" failure.
    result: String,
    remark: Option<String>,
}

impl From<&CouponRecordRow> for CouponRecord {
    fn from(r: &CouponRecordRow) -> Self {
        CouponRecord {
            id: r.id.clone(),
            operation_type: r.operation_type.clone(),
            quota_id: r.quota_id.clone(),
            quota_type: r.quota_type,
            coupon_id: r.coupon_id.clone(),
            customer_id: r.customer_id.clone(),
            operation_amount: WireAmount(Money::from_cents(r.amount_cents)),
            operation_time: wire::utc(r.operation_time),
            result: r.result.clone(),
            remark: r.remark.clone(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct CouponRecordPage {
    total_count: i64,
    records: Vec<CouponRecord>,
}

/// A repeated-key list; a lone empty value is the empty list.
fn list(field: &str, v: Option<Vec<String>>, max: usize) -> Result<Option<Vec<String>>, ApiError> {
    let Some(items) = v else { return Ok(None) };
    let items: Vec<String> = items.into_iter().filter(|s| !s.is_empty()).collect();
    check_ids(field, &items, max)?;
    Ok(Some(items))
}

async fn prepare(
    state: &AppState,
    caller: &Caller,
    query: Query<CouponRecordsQuery>,
    req: &HttpRequest,
) -> Result<(CouponRecordFilter, Page), ApiError> {
    let me = caller.partner_with(READERS)?.partner_id.clone();
    let q = query.into_inner()?;
    let page = Page::new(q.offset, q.limit)?;
    let empty = EmptyParams::of(req);
    empty.reject(&["operation_time_begin", "operation_time_end"])?;
    let operation_types = list(
        "operation_types",
        empty.list("operation_types", q.operation_types),
        8,
    )?;
    let known = |t: &String| t.len() == 1 && ("1"..="9").contains(&t.as_str());
    if let Some(t) = operation_types.iter().flatten().find(|t| !known(t)) {
        return Err(ApiError::param(format!(
            "operation_types holds an unknown type '{}'",
            domain::text::clip(t, 8)
        )));
    }
    let (after, before) = range(
        ("operation_time_begin", q.operation_time_begin.as_ref()),
        ("operation_time_end", q.operation_time_end.as_ref()),
    )?;
    let indirect = q.indirect_partner_id.clone();
    let partner = state
        .read(move |conn| acting_partner(conn, &me, indirect.as_deref()))
        .await?;
    let filter = CouponRecordFilter {
        partner_id: partner.id,
        operation_types,
        quota_id: empty.text("quota_id", q.quota_id),
        quota_type: q.quota_type,
        coupon_ids: list(
            "coupon_ids",
            empty.list("coupon_ids", q.coupon_ids),
            MAX_BATCH,
        )?,
        customer_id: empty.text("customer_id", q.customer_id),
        after,
        before,
        result: q.result.filter(|r| r == RESULT_OK || r == RESULT_FAILED),
    };
    Ok((filter, page))
}

/// Issue and reclaim records of your coupons (or the named reseller's), newest first.
#[utoipa::path(tag = "vouchers", params(CouponRecordsQuery), responses((status = 200, body = CouponRecordPage)))]
#[get("/v2/promotions/benefits/partner-coupons/records/query")]
pub async fn list_partner_coupons_record(
    state: Data<AppState>,
    caller: Caller,
    query: Query<CouponRecordsQuery>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let (f, page) = prepare(&state, &caller, query, &req).await?;
    super::sweep(&state).await?;
    let (total, rows) = state
        .read(move |conn| {
            Ok((
                coupon_records::count(conn, &f)?,
                coupon_records::page(conn, &f, page.offset, page.limit)?,
            ))
        })
        .await?;
    Ok(wire::json(
        StatusCode::OK,
        &CouponRecordPage {
            total_count: total,
            records: rows.iter().map(CouponRecord::from).collect(),
        },
    ))
}

/// The same records as CSV, streamed (any size, constant memory); formula-like cells are
/// neutralised. `offset`/`limit` are ignored.
#[utoipa::path(tag = "vouchers", params(CouponRecordsQuery), responses((status = 200, content_type = "text/csv", body = String)))]
#[get("/v2/promotions/benefits/partner-coupons/records/export")]
pub async fn export_partner_coupons_record(
    state: Data<AppState>,
    caller: Caller,
    query: Query<CouponRecordsQuery>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let (f, _) = prepare(&state, &caller, query, &req).await?;
    super::sweep(&state).await?;
    Ok(export::stream_batches(
        &state,
        "partner-coupon-records.csv",
        &[
            "id",
            "operation_time",
            "operation_type",
            "quota_id",
            "quota_type",
            "coupon_id",
            "customer_id",
            "operation_amount",
            "result",
            "remark",
        ],
        move |conn, after, n| Ok(coupon_records::batch_after(conn, &f, after, n)?),
        |_, _| Ok(Names::new()),
        |r| (r.operation_time, r.seq.unwrap_or_default()),
        |r, _| {
            let rec = CouponRecord::from(r);
            vec![
                rec.id,
                rec.operation_time,
                rec.operation_type,
                rec.quota_id.unwrap_or_default(),
                rec.quota_type.to_string(),
                rec.coupon_id.unwrap_or_default(),
                rec.customer_id.unwrap_or_default(),
                Money::from_cents(r.amount_cents).to_string(),
                rec.result,
                rec.remark.unwrap_or_default(),
            ]
        },
    ))
}
