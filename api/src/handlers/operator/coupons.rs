//! `POST /v2/operator/customers/{customer_id}/coupons`: a platform promotion coupon.

use super::path_id;
use crate::auth::Caller;
use crate::extract::LegacyJson as Json;
use crate::service::not_found;
use crate::wire::{DecimalInput, Ratio};
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{post, HttpResponse};
use domain::code::Coded;
use domain::vouchers::coupon::{self, CouponType};
use domain::Violation;
use persistence::ids;
use persistence::repo::coupons::{self, CouponRow};
use persistence::repo::customers;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

#[derive(Deserialize, Validate, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct UseLimits {
    /// 0: not with a partner-granted discount. Default 1.
    #[validate(range(min = 0, max = 1))]
    #[schema(minimum = 0, maximum = 1, example = 1)]
    simultaneous_use_with_empower_discount: Option<i32>,
    /// 0: not with a contract or business discount. Default 1.
    #[validate(range(min = 0, max = 1))]
    #[schema(minimum = 0, maximum = 1, example = 1)]
    simultaneous_use_with_contract_discount: Option<i32>,
    /// 0: not with a promotion discount. Default 1.
    #[validate(range(min = 0, max = 1))]
    #[schema(minimum = 0, maximum = 1, example = 1)]
    simultaneous_use_with_promotion_discount: Option<i32>,
    /// Unusable when every order line's discount ratio is below this, in (0, 1].
    min_consume_discount: Option<Ratio>,
}

#[derive(Deserialize, Validate, ToSchema)]
pub struct GrantCoupon {
    /// 1 voucher (paid as PayOrders `type` 301), 2 discount coupon (300), 3 product coupon
    /// (cannot pay orders here), 4 cash coupon (302); 303 stored-value cards are not granted.
    #[validate(range(min = 1, max = 4))]
    #[schema(minimum = 1, maximum = 4, example = 1)]
    coupon_type: i32,
    /// An amount; for a discount coupon (type 2) the share still paid, a ratio in (0, 1)
    /// with at most two decimals (0.80: the order is paid at 80 %).
    face_value: DecimalInput,
    /// UTC, in the future; default one year from now.
    #[schema(schema_with = crate::schemas::utc_time)]
    expire_time: Option<String>,
    #[validate(nested)]
    use_limits: Option<UseLimits>,
}

#[derive(Serialize, ToSchema)]
pub struct GrantedCoupon {
    coupon_id: String,
}

/// Grants a customer a platform coupon, usable from now.
#[utoipa::path(tag = "operator", params(("customer_id" = String, Path, example = "c8a7b6d5e4f34a2b9c1d0e8f7a6b5c4d")), request_body = GrantCoupon, responses((status = 201, body = GrantedCoupon), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/operator/customers/{customer_id}/coupons")]
pub async fn grant_coupon(
    state: Data<AppState>,
    caller: Caller,
    customer_id: Path<String>,
    body: Json<GrantCoupon>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let cid = path_id(&customer_id)?.to_owned();
    let b = body.into_inner()?;
    let kind = CouponType::from_int(i64::from(b.coupon_type))
        .ok_or_else(|| Violation::param("coupon_type must be 1, 2, 3 or 4"))?;
    let face = coupon::face_value(kind, b.face_value.0)?;
    let now = state.now();
    let expire = match &b.expire_time {
        Some(s) => wire::parse_utc("expire_time", s)?,
        None => now + 365 * 86_400,
    };
    if expire <= now {
        return Err(Violation::new(
            domain::vouchers::PERIOD_ENDED,
            "expire_time must be in the future",
        )
        .into());
    }
    let limits = b.use_limits.as_ref();
    let flag = |f: fn(&UseLimits) -> Option<i32>| limits.and_then(f).unwrap_or(1) == 1;
    let min = limits
        .and_then(|l| l.min_consume_discount)
        .map(|d| d.0.normalize().to_string());
    let row = CouponRow {
        id: ids::prefixed("CP"),
        customer_id: cid,
        coupon_type: b.coupon_type,
        source: "PLATFORM".into(),
        partner_id: None,
        quota_id: None,
        face_value_cents: face.cents(),
        balance_cents: face.cents(),
        status: domain::payment::COUPON_USABLE,
        effective_time: now,
        expire_time: expire,
        with_partner_discount: flag(|l| l.simultaneous_use_with_empower_discount),
        with_contract_discount: flag(|l| l.simultaneous_use_with_contract_discount),
        with_promotion_discount: flag(|l| l.simultaneous_use_with_promotion_discount),
        min_consume_discount: min,
        used_by_order_id: None,
        last_used_time: None,
        memo: None,
        create_time: now,
        cloud_service_types: None,
        product_ids: None,
    };
    let id = row.id.clone();
    state
        .write(move |conn| {
            customers::find(conn, &row.customer_id)?.ok_or_else(|| not_found("customer"))?;
            Ok(coupons::insert(conn, &row)?)
        })
        .await?;
    Ok(wire::json(
        StatusCode::CREATED,
        &GrantedCoupon { coupon_id: id },
    ))
}
