//! ListQuotaCoupons: the coupon quotas the partner (or, for a distributor, one of its
//! resellers) holds.

use super::{limit_infos, range, sweep, QuotaLimitInfo, READERS};
use crate::auth::Caller;
use crate::extract::LegacyJson as Json;
use crate::service::vouchers::acting_partner;
use crate::wire::WireAmount;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{post, HttpResponse};
use domain::paging::Page;
use domain::Money;
use persistence::repo::quota_query::{self, QuotaFilter};
use persistence::repo::quotas::QuotaRow;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

/// Quota statuses 0 to 6, at most 5 of them.
fn quota_status_list_schema() -> utoipa::openapi::Array {
    use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, SchemaType, Type};
    let status = ObjectBuilder::new()
        .schema_type(SchemaType::Type(Type::Integer))
        .minimum(Some(0))
        .maximum(Some(6));
    ArrayBuilder::new()
        .items(status)
        .max_items(Some(5))
        .examples([serde_json::json!([0])])
        .build()
}

#[derive(Deserialize, Validate, ToSchema)]
pub struct QuotaQuery {
    /// Empty or absent: no filter.
    #[validate(length(max = 50))]
    #[schema(max_items = 50, example = json!(["0c1d2e3f4a5b46c7d8e9f0a1b2c3d4e5"]))]
    quota_ids: Option<Vec<String>>,
    /// 0 normal, 3 invalid, 4 adjusting, 5 frozen (6 reclaimed); empty or absent: no filter.
    #[validate(length(max = 5))]
    #[schema(schema_with = quota_status_list_schema)]
    quota_status_list: Option<Vec<i32>>,
    /// 0 voucher quota (default), 1 cash-coupon quota.
    #[validate(range(min = 0, max = 1))]
    #[schema(minimum = 0, maximum = 1, example = 0)]
    quota_type: Option<i32>,
    #[validate(length(max = 20))]
    #[schema(schema_with = crate::schemas::utc_time)]
    create_time_begin: Option<String>,
    #[validate(length(max = 20))]
    #[schema(schema_with = crate::schemas::utc_time)]
    create_time_end: Option<String>,
    #[validate(length(max = 20))]
    #[schema(schema_with = crate::schemas::utc_time)]
    effective_time_begin: Option<String>,
    #[validate(length(max = 20))]
    #[schema(schema_with = crate::schemas::utc_time)]
    effective_time_end: Option<String>,
    #[validate(length(max = 20))]
    #[schema(schema_with = crate::schemas::utc_time)]
    expire_time_begin: Option<String>,
    #[validate(length(max = 20))]
    #[schema(schema_with = crate::schemas::utc_time)]
    expire_time_end: Option<String>,
    #[validate(range(min = 0))]
    #[schema(minimum = 0, example = 0)]
    offset: Option<i64>,
    #[validate(range(min = 1, max = 100))]
    #[schema(minimum = 1, maximum = 100, example = 10)]
    limit: Option<i64>,
    #[validate(length(min = 1, max = 64))]
    #[schema(
        min_length = 1,
        max_length = 64,
        example = "0a1b2c3d4e5f46a7b8c9d0e1f2a3b4c5"
    )]
    indirect_partner_id: Option<String>,
}

/// One quota (CouponQuotaV2).
#[derive(Serialize, ToSchema)]
pub struct CouponQuota {
    quota_id: String,
    /// 0 voucher quota, 1 cash-coupon quota.
    quota_type: i32,
    create_time: String,
    last_update_time: String,
    /// Everything granted into the quota.
    quota_value: WireAmount,
    /// 0 normal, 3 invalid (expired), 6 reclaimed.
    quota_status: i32,
    balance: WireAmount,
    measure_id: i32,
    currency: &'static str,
    effective_time: String,
    expire_time: String,
    limit_infos: Vec<QuotaLimitInfo>,
}

impl From<&QuotaRow> for CouponQuota {
    fn from(q: &QuotaRow) -> Self {
        CouponQuota {
            quota_id: q.id.clone(),
            quota_type: q.quota_type,
            create_time: wire::utc(q.create_time),
            last_update_time: wire::utc(q.last_update_time),
            quota_value: WireAmount(Money::from_cents(q.quota_cents)),
            quota_status: q.status,
            balance: WireAmount(Money::from_cents(q.balance_cents)),
            measure_id: 1,
            currency: "CNY",
            effective_time: wire::utc(q.effective_time),
            expire_time: wire::utc(q.expire_time),
            limit_infos: limit_infos(q),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct QuotaPage {
    total_count: i64,
    quotas: Vec<CouponQuota>,
}

/// The partner's coupon quotas, newest first; time bounds are strict.
#[utoipa::path(tag = "vouchers", request_body = QuotaQuery, responses((status = 200, body = QuotaPage)))]
#[post("/v2/partners/coupon-quotas/query")]
pub async fn list_quota_coupons(
    state: Data<AppState>,
    caller: Caller,
    body: Json<QuotaQuery>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(READERS)?.partner_id.clone();
    let q = body.into_inner()?;
    let page = Page::new(q.offset, q.limit)?;
    if let Some(s) = q
        .quota_status_list
        .iter()
        .flatten()
        .find(|s| !(0..=6).contains(*s))
    {
        return Err(ApiError::param(format!(
            "quota_status_list holds an unknown status {s}"
        )));
    }
    let f = QuotaFilter {
        quota_type: Some(q.quota_type.unwrap_or(0)),
        ids: q.quota_ids.clone().filter(|v| !v.is_empty()),
        statuses: q.quota_status_list.clone().filter(|v| !v.is_empty()),
        created: range(
            ("create_time_begin", q.create_time_begin.as_ref()),
            ("create_time_end", q.create_time_end.as_ref()),
        )?,
        effective: range(
            ("effective_time_begin", q.effective_time_begin.as_ref()),
            ("effective_time_end", q.effective_time_end.as_ref()),
        )?,
        expires: range(
            ("expire_time_begin", q.expire_time_begin.as_ref()),
            ("expire_time_end", q.expire_time_end.as_ref()),
        )?,
        ..QuotaFilter::default()
    };
    sweep(&state).await?;
    let (total, rows) = state
        .read(move |conn| {
            let p = acting_partner(conn, &me, q.indirect_partner_id.as_deref())?;
            let f = QuotaFilter {
                partner_id: Some(p.id),
                ..f.clone()
            };
            Ok((
                quota_query::count(conn, &f)?,
                quota_query::page(conn, &f, page.offset, page.limit)?,
            ))
        })
        .await?;
    Ok(wire::json(
        StatusCode::OK,
        &QuotaPage {
            total_count: total,
            quotas: rows.iter().map(CouponQuota::from).collect(),
        },
    ))
}
