//! CreatePartnerCoupons: coupons from a quota to up to 100 resale customers. Whole-request
//! failures are 400; per-customer ones (CBC.99000013, 99000014, 99000035) come back in
//! `error_details` with HTTP 200. Accepts `Idempotency-Key`.

use super::{sweep, ErrorDetail, WRITERS};
use crate::auth::Caller;
use crate::extract::LegacyJson as Json;
use crate::idempotency::{self, IdempotencyKey};
use crate::service::vouchers::issue::{self, IssueRequest};
use crate::wire::DecimalInput;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{post, HttpRequest, HttpResponse};
use domain::vouchers::issue::IssueTerms;
use domain::vouchers::{check_ids, MAX_BATCH, MAX_LIMIT_ITEMS};
use domain::{Amount, Violation};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

#[derive(Deserialize, Validate, ToSchema)]
pub struct CreatePartnerCoupons {
    #[validate(length(min = 1, max = 64))]
    #[schema(
        min_length = 1,
        max_length = 64,
        example = "0c1d2e3f4a5b46c7d8e9f0a1b2c3d4e5"
    )]
    quota_id: String,
    /// Resale customers of yours, 1–100.
    #[schema(schema_with = customer_ids_schema)]
    customer_ids: Vec<String>,
    /// Yuan, > 0 with at most 2 decimals, inside the quota's FACE_VALUE limits.
    face_value: DecimalInput,
    /// UTC; default the quota's effective time.
    #[validate(length(max = 20))]
    #[schema(schema_with = crate::schemas::utc_time)]
    valid_time: Option<String>,
    /// UTC; default the quota's expiry.
    #[validate(length(max = 20))]
    #[schema(schema_with = crate::schemas::utc_time)]
    expire_time: Option<String>,
    /// At most 10, within the quota's; empty inherits the quota's.
    #[schema(schema_with = limit_items_schema)]
    cloud_service_types: Option<Vec<String>>,
    /// At most 10, within the quota's; empty inherits the quota's.
    #[schema(schema_with = limit_items_schema)]
    product_ids: Option<Vec<String>>,
    /// Absent or null: none; "" is kept as an empty memo.
    #[validate(length(max = 256))]
    #[schema(schema_with = memo_schema)]
    memo: Option<String>,
    /// A distributor issuing for one of its resellers (from that reseller's quota).
    #[validate(length(min = 1, max = 64))]
    #[schema(
        min_length = 1,
        max_length = 64,
        example = "0a1b2c3d4e5f46a7b8c9d0e1f2a3b4c5"
    )]
    indirect_partner_id: Option<String>,
}

fn customer_ids_schema() -> utoipa::openapi::Array {
    super::schemas::ids(1, MAX_BATCH)
}

fn limit_items_schema() -> utoipa::openapi::Array {
    super::schemas::ids(0, MAX_LIMIT_ITEMS)
}

fn memo_schema() -> utoipa::openapi::Object {
    super::schemas::text(256, "Welcome voucher")
}

/// A customer and the coupon it received.
#[derive(Serialize, ToSchema)]
pub struct CouponSimpleInfo {
    id: String,
    coupon_id: String,
}

#[derive(Serialize, ToSchema)]
pub struct CreatedCoupons {
    error_details: Vec<ErrorDetail>,
    coupon_infos: Vec<CouponSimpleInfo>,
}

fn request(b: CreatePartnerCoupons) -> Result<IssueRequest, ApiError> {
    if b.customer_ids.is_empty() {
        return Err(ApiError::param(
            "customer_ids must name at least one customer",
        ));
    }
    check_ids("customer_ids", &b.customer_ids, MAX_BATCH)?;
    let types = b.cloud_service_types.unwrap_or_default();
    let products = b.product_ids.unwrap_or_default();
    check_ids("cloud_service_types", &types, MAX_LIMIT_ITEMS)?;
    check_ids("product_ids", &products, MAX_LIMIT_ITEMS)?;
    domain::text::optional("memo", b.memo.as_deref().unwrap_or(""), 256)?;
    let face = Amount::from_decimal(b.face_value.0)
        .map_err(|e| Violation::param(format!("face_value {e}")))?;
    let time = |field: &str, v: Option<String>| v.map(|s| wire::parse_utc(field, &s)).transpose();
    Ok(IssueRequest {
        quota_id: b.quota_id,
        customer_ids: b.customer_ids,
        terms: IssueTerms {
            face,
            valid_time: time("valid_time", b.valid_time)?,
            expire_time: time("expire_time", b.expire_time)?,
            cloud_service_types: types,
            product_ids: products,
        },
        memo: b.memo,
        indirect_partner_id: b.indirect_partner_id,
    })
}

/// Issues one coupon of `face_value` to each customer while the quota's balance lasts.
#[utoipa::path(tag = "vouchers", params(("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer when a request is repeated; another body with the same key is refused with 409 CBC.0260.", example = "3f6c2a1e-9b7d-4e2f-8a1c-5d4b3a2f1e0d")), request_body = CreatePartnerCoupons, responses((status = 200, body = CreatedCoupons), (status = 409, body = openapi::ErrorBody)))]
#[post("/v2/promotions/benefits/partner-coupons")]
pub async fn create_partner_coupons(
    state: Data<AppState>,
    caller: Caller,
    key: IdempotencyKey,
    req: HttpRequest,
    body: Json<CreatePartnerCoupons>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(WRITERS)?.partner_id.clone();
    let r = request(body.into_inner()?)?;
    sweep(&state).await?;
    let now = state.now();
    let tally = crate::metrics::Tally::default();
    let t = tally.clone();
    let res = idempotency::once(&state, &caller, &key, &req, StatusCode::OK, move |conn| {
        t.clear();
        let out = issue::issue(conn, &me, &r, now)?;
        t.set(i64::try_from(out.coupons.len()).unwrap_or(0));
        Ok(CreatedCoupons {
            error_details: out.failures.iter().map(ErrorDetail::from).collect(),
            coupon_infos: out
                .coupons
                .into_iter()
                .map(|(id, coupon_id)| CouponSimpleInfo { id, coupon_id })
                .collect(),
        })
    })
    .await?;
    if let Some(n) = tally.take() {
        crate::metrics::COUPONS_ISSUED.inc_by(n);
    }
    Ok(res)
}
