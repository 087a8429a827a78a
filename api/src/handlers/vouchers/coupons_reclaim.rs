//! ReclaimPartnerCoupons: a usable coupon of a resale customer, its whole balance back to the
//! quota. 204 on success; an expired or already reclaimed coupon answers HTTP 200 with
//! `CBC.99000048` in the body, as Huawei documents. Accepts `Idempotency-Key`.

use super::{sweep, WRITERS};
use crate::auth::Caller;
use crate::extract::LegacyJson as Json;
use crate::idempotency::{self, IdempotencyKey};
use crate::service::vouchers::reclaim;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{post, HttpRequest, HttpResponse};
use domain::codes;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

#[derive(Deserialize, Validate, ToSchema)]
pub struct ReclaimPartnerCoupons {
    #[validate(length(min = 1, max = 64))]
    #[schema(
        min_length = 1,
        max_length = 64,
        example = "1f2e3d4c5b6a47988a7b6c5d4e3f2a1b"
    )]
    coupon_id: String,
    /// A distributor reclaiming a coupon one of its resellers issued.
    #[validate(length(min = 1, max = 100))]
    #[schema(
        min_length = 1,
        max_length = 100,
        example = "0a1b2c3d4e5f46a7b8c9d0e1f2a3b4c5"
    )]
    indirect_partner_id: Option<String>,
}

/// The body of the HTTP 200 answer for an expired or already reclaimed coupon.
#[derive(Serialize, ToSchema)]
pub struct ReclaimRefused {
    error_code: &'static str,
    error_msg: String,
}

/// Reclaims a coupon you (or, for a distributor, the named reseller) issued.
#[utoipa::path(tag = "vouchers", params(("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer when a request is repeated; another body with the same key is refused with 409 CBC.0260.", example = "3f6c2a1e-9b7d-4e2f-8a1c-5d4b3a2f1e0d")), request_body = ReclaimPartnerCoupons, responses((status = 204), (status = 200, description = "CBC.99000048: expired or already reclaimed", body = ReclaimRefused), (status = 409, body = openapi::ErrorBody)))]
#[post("/v2/promotions/benefits/partner-coupons/reclaim")]
pub async fn reclaim_partner_coupons(
    state: Data<AppState>,
    caller: Caller,
    key: IdempotencyKey,
    req: HttpRequest,
    body: Json<ReclaimPartnerCoupons>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(WRITERS)?.partner_id.clone();
    let b = body.into_inner()?;
    sweep(&state).await?;
    let now = state.now();
    let done = idempotency::once(
        &state,
        &caller,
        &key,
        &req,
        StatusCode::NO_CONTENT,
        move |conn| {
            reclaim::reclaim(
                conn,
                &me,
                &b.coupon_id,
                b.indirect_partner_id.as_deref(),
                now,
            )
        },
    )
    .await;
    match done {
        Err(ApiError::Rule(v)) if v.code == codes::COUPON_EXPIRED_OR_RECLAIMED => Ok(wire::json(
            StatusCode::OK,
            &ReclaimRefused {
                error_code: v.code,
                error_msg: v.message,
            },
        )),
        other => other,
    }
}
