//! ListIssuedPartnerCoupons: coupons the partner issued to its resale customers, with all of
//! Huawei's filters; coupons expired more than two years ago are not returned.

use super::{range, sweep, EmptyParams, READERS};
use crate::auth::Caller;
use crate::extract::LegacyQuery as Query;
use crate::service::vouchers::acting_partner;
use crate::wire::WireAmount;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{get, HttpRequest, HttpResponse};
use domain::paging::Page;
use domain::vouchers::split_list;
use domain::Money;
use persistence::repo::coupons::CouponRow;
use persistence::repo::partner_coupons::{self, IssuedFilter};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

/// Two years, after which expired coupons drop out of the list.
const SHOWN_AFTER_EXPIRY: i64 = 2 * 365 * 86_400;

fn coupon_type_schema() -> utoipa::openapi::Object {
    crate::schemas::integers(&[1, 4])
}

#[derive(Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct IssuedCouponsQuery {
    #[validate(length(min = 1, max = 64))]
    #[param(
        min_length = 1,
        max_length = 64,
        example = "1f2e3d4c5b6a47988a7b6c5d4e3f2a1b"
    )]
    coupon_id: Option<String>,
    /// "" filters for coupons without a customer (none).
    #[validate(length(max = 64))]
    #[param(max_length = 64, example = "c8a7b6d5e4f34a2b9c1d0e8f7a6b5c4d")]
    customer_id: Option<String>,
    /// The order that used the coupon.
    #[validate(length(min = 1, max = 64))]
    #[param(min_length = 1, max_length = 64, example = "CS2612041200ABCDE")]
    order_id: Option<String>,
    /// 1 voucher, 4 cash coupon.
    #[param(schema_with = coupon_type_schema)]
    coupon_type: Option<i32>,
    /// 1 not activated, 2 usable, 3 used, 4 expired, 5 reclaimed.
    #[validate(range(min = 1, max = 5))]
    #[param(minimum = 1, maximum = 5, example = 2)]
    status: Option<i32>,
    #[validate(length(max = 20))]
    #[param(schema_with = super::schemas::utc_time_or_empty)]
    create_time_begin: Option<String>,
    #[validate(length(max = 20))]
    #[param(schema_with = super::schemas::utc_time_or_empty)]
    create_time_end: Option<String>,
    #[validate(length(max = 20))]
    #[param(schema_with = super::schemas::utc_time_or_empty)]
    effective_time_begin: Option<String>,
    #[validate(length(max = 20))]
    #[param(schema_with = super::schemas::utc_time_or_empty)]
    effective_time_end: Option<String>,
    #[validate(length(max = 20))]
    #[param(schema_with = super::schemas::utc_time_or_empty)]
    expire_time_begin: Option<String>,
    #[validate(length(max = 20))]
    #[param(schema_with = super::schemas::utc_time_or_empty)]
    expire_time_end: Option<String>,
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

/// A limit of the coupon (ICouponUseLimitInfoV2): `cloudServiceType`, `productId`.
#[derive(Serialize, ToSchema)]
pub struct CouponUseLimit {
    use_limiti_info_id: String,
    limit_key: &'static str,
    /// Comma-separated values.
    value1: String,
    value2: Option<String>,
    value_unit: Option<String>,
    limit_type: Option<String>,
    promotion_plan_id: Option<String>,
}

/// One issued coupon (IQueryUserPartnerCouponsResultV2).
#[derive(Serialize, ToSchema)]
pub struct IssuedCoupon {
    coupon_id: String,
    status: i32,
    customer_id: String,
    coupon_type: i32,
    measure_id: i32,
    face_value: WireAmount,
    effective_time: String,
    expire_time: String,
    order_id: Option<String>,
    promotion_plan_id: Option<String>,
    promotion_plan_name: Option<String>,
    promotion_plan_desc: Option<String>,
    /// 1 electronic.
    media_type: i32,
    /// 3 issued online.
    fetch_method: i32,
    use_limits: Vec<CouponUseLimit>,
    active_time: String,
    last_used_time: Option<String>,
    promotion_id: Option<String>,
    create_time: String,
    balance: WireAmount,
    lock_order_id: Option<String>,
    is_frozen: &'static str,
}

fn use_limits(c: &CouponRow) -> Vec<CouponUseLimit> {
    [
        ("cloudServiceType", &c.cloud_service_types),
        ("productId", &c.product_ids),
    ]
    .into_iter()
    .filter(|(_, v)| !split_list(v.as_deref()).is_empty())
    .map(|(key, v)| CouponUseLimit {
        use_limiti_info_id: format!("{}-{key}", c.id),
        limit_key: key,
        value1: v.clone().unwrap_or_default(),
        value2: None,
        value_unit: None,
        limit_type: None,
        promotion_plan_id: None,
    })
    .collect()
}

pub fn issued_coupon(c: &CouponRow) -> IssuedCoupon {
    IssuedCoupon {
        coupon_id: c.id.clone(),
        status: c.status,
        customer_id: c.customer_id.clone(),
        coupon_type: c.coupon_type,
        measure_id: 1,
        face_value: WireAmount(Money::from_cents(c.face_value_cents)),
        effective_time: wire::utc(c.effective_time),
        expire_time: wire::utc(c.expire_time),
        order_id: c.used_by_order_id.clone(),
        promotion_plan_id: None,
        promotion_plan_name: None,
        promotion_plan_desc: c.memo.clone(),
        media_type: 1,
        fetch_method: 3,
        use_limits: use_limits(c),
        active_time: wire::utc(c.effective_time),
        last_used_time: c.last_used_time.map(wire::utc),
        promotion_id: None,
        create_time: wire::utc(c.create_time),
        balance: WireAmount(Money::from_cents(c.balance_cents)),
        lock_order_id: None,
        is_frozen: "0",
    }
}

#[derive(Serialize, ToSchema)]
pub struct IssuedCouponPage {
    total_count: i64,
    user_coupons: Vec<IssuedCoupon>,
}

/// Coupons you issued (or, for a distributor, the named reseller issued), newest first.
#[utoipa::path(tag = "vouchers", params(IssuedCouponsQuery), responses((status = 200, body = IssuedCouponPage)))]
#[get("/v2/promotions/benefits/partner-coupons")]
pub async fn list_issued_partner_coupons(
    state: Data<AppState>,
    caller: Caller,
    query: Query<IssuedCouponsQuery>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(READERS)?.partner_id.clone();
    let q = query.into_inner()?;
    let page = Page::new(q.offset, q.limit)?;
    let empty = EmptyParams::of(&req);
    empty.reject(&["coupon_id", "order_id"])?;
    if q.coupon_type.is_some_and(|t| t != 1 && t != 4) {
        return Err(ApiError::param("coupon_type must be 1 or 4"));
    }
    let f = IssuedFilter {
        coupon_id: q.coupon_id.clone(),
        customer_id: empty.text("customer_id", q.customer_id.clone()),
        order_id: q.order_id.clone(),
        coupon_type: q.coupon_type,
        status: q.status,
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
        expired_since: state.now() - SHOWN_AFTER_EXPIRY,
        ..IssuedFilter::default()
    };
    sweep(&state).await?;
    let (total, rows) = state
        .read(move |conn| {
            let p = acting_partner(conn, &me, q.indirect_partner_id.as_deref())?;
            let f = IssuedFilter {
                resale_customers: partner_coupons::resale_customers(conn, &p.id)?,
                partner_id: p.id,
                ..f.clone()
            };
            Ok((
                partner_coupons::count(conn, &f)?,
                partner_coupons::page(conn, &f, page.offset, page.limit)?,
            ))
        })
        .await?;
    Ok(wire::json(
        StatusCode::OK,
        &IssuedCouponPage {
            total_count: total,
            user_coupons: rows.iter().map(issued_coupon).collect(),
        },
    ))
}
