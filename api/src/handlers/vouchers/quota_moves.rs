//! UpdateCouponQuotas and ReclaimCouponQuotas: a distributor passes quota to its resellers and
//! takes it back. Per-item results in the batch shape (HTTP 200 with `error_details`); both
//! accept `Idempotency-Key`.

use super::{distributor, sweep, ErrorDetail, WRITERS};
use crate::auth::Caller;
use crate::extract::LegacyJson as Json;
use crate::idempotency::{self, IdempotencyKey};
use crate::service::vouchers::quota_moves::{self, Actor};
use crate::wire::{DecimalInput, WireAmount};
use crate::{ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{post, HttpRequest, HttpResponse};
use domain::vouchers::{check_ids, MAX_BATCH};
use domain::{Amount, Money, Violation};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

#[derive(Deserialize, Validate, ToSchema)]
pub struct AdjustCouponQuotas {
    /// Your quota to pass from.
    #[validate(length(min = 1, max = 64))]
    #[schema(
        min_length = 1,
        max_length = 64,
        example = "0c1d2e3f4a5b46c7d8e9f0a1b2c3d4e5"
    )]
    quota_id: String,
    /// Your resellers, 1–100, each gets `quota_amount`.
    #[schema(schema_with = indirect_partner_ids_schema)]
    indirect_partner_ids: Vec<String>,
    /// Yuan per reseller, > 0 with at most 2 decimals.
    quota_amount: DecimalInput,
}

/// A reseller and the quota it now holds.
#[derive(Serialize, ToSchema)]
pub struct SimpleQuotaInfo {
    id: String,
    quota_id: String,
}

#[derive(Serialize, ToSchema)]
pub struct AdjustResult {
    error_details: Vec<ErrorDetail>,
    simple_quota_infos: Vec<SimpleQuotaInfo>,
}

fn batch(field: &str, ids: &[String], max: usize) -> Result<(), ApiError> {
    if ids.is_empty() {
        return Err(ApiError::param(format!(
            "{field} must name at least one item"
        )));
    }
    Ok(check_ids(field, ids, max)?)
}

/// Passes `quota_amount` of a quota to each reseller in turn while the balance lasts.
#[utoipa::path(tag = "vouchers", params(("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer when a request is repeated; another body with the same key is refused with 409 CBC.0260.", example = "3f6c2a1e-9b7d-4e2f-8a1c-5d4b3a2f1e0d")), request_body = AdjustCouponQuotas, responses((status = 200, body = AdjustResult), (status = 409, body = openapi::ErrorBody)))]
#[post("/v2/partners/coupon-quotas/indirect-partner-adjust")]
pub async fn update_coupon_quotas(
    state: Data<AppState>,
    caller: Caller,
    key: IdempotencyKey,
    req: HttpRequest,
    body: Json<AdjustCouponQuotas>,
) -> Result<HttpResponse, ApiError> {
    let u = distributor(&caller, WRITERS)?;
    let (me, user) = (u.partner_id.clone(), u.user_name.clone());
    let b = body.into_inner()?;
    batch("indirect_partner_ids", &b.indirect_partner_ids, MAX_BATCH)?;
    let amount = Amount::from_decimal(b.quota_amount.0)
        .map_err(|e| Violation::param(format!("quota_amount {e}")))?;
    sweep(&state).await?;
    let now = state.now();
    idempotency::once(&state, &caller, &key, &req, StatusCode::OK, move |conn| {
        let actor = Actor {
            partner_id: &me,
            user_name: &user,
        };
        let moved = quota_moves::pass(
            conn,
            &actor,
            &b.quota_id,
            &b.indirect_partner_ids,
            amount,
            now,
        )?;
        Ok(AdjustResult {
            error_details: moved.failures.iter().map(ErrorDetail::from).collect(),
            simple_quota_infos: moved
                .items
                .into_iter()
                .map(|(id, quota_id, _)| SimpleQuotaInfo { id, quota_id })
                .collect(),
        })
    })
    .await
}

#[derive(Deserialize, Validate, ToSchema)]
pub struct ReclaimCouponQuotas {
    /// Your resellers' quotas, 1–10.
    #[schema(schema_with = reclaim_quota_ids_schema)]
    quota_ids: Vec<String>,
    /// Absent or null: none; "" is kept as an empty remark.
    #[validate(length(max = 256))]
    #[schema(schema_with = remark_schema)]
    remark: Option<String>,
}

fn indirect_partner_ids_schema() -> utoipa::openapi::Array {
    super::schemas::ids(1, MAX_BATCH)
}

fn reclaim_quota_ids_schema() -> utoipa::openapi::Array {
    super::schemas::ids(1, 10)
}

fn remark_schema() -> utoipa::openapi::Object {
    super::schemas::text(256, "Unused at the end of the quarter")
}

/// A reclaimed quota and its balance afterwards.
#[derive(Serialize, ToSchema)]
pub struct QuotaReclaim {
    quota_id: String,
    quota_balance: WireAmount,
}

#[derive(Serialize, ToSchema)]
pub struct ReclaimResult {
    error_details: Vec<ErrorDetail>,
    simple_quota_infos: Vec<QuotaReclaim>,
}

/// Takes each reseller quota's whole balance back to the quota it came from.
#[utoipa::path(tag = "vouchers", params(("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer when a request is repeated; another body with the same key is refused with 409 CBC.0260.", example = "3f6c2a1e-9b7d-4e2f-8a1c-5d4b3a2f1e0d")), request_body = ReclaimCouponQuotas, responses((status = 200, body = ReclaimResult), (status = 409, body = openapi::ErrorBody)))]
#[post("/v2/partners/coupon-quotas/indirect-partner-reclaim")]
pub async fn reclaim_coupon_quotas(
    state: Data<AppState>,
    caller: Caller,
    key: IdempotencyKey,
    req: HttpRequest,
    body: Json<ReclaimCouponQuotas>,
) -> Result<HttpResponse, ApiError> {
    let u = distributor(&caller, WRITERS)?;
    let (me, user) = (u.partner_id.clone(), u.user_name.clone());
    let b = body.into_inner()?;
    batch("quota_ids", &b.quota_ids, 10)?;
    domain::text::optional("remark", b.remark.as_deref().unwrap_or(""), 256)?;
    sweep(&state).await?;
    let now = state.now();
    idempotency::once(&state, &caller, &key, &req, StatusCode::OK, move |conn| {
        let actor = Actor {
            partner_id: &me,
            user_name: &user,
        };
        let moved = quota_moves::reclaim(conn, &actor, &b.quota_ids, b.remark.as_deref(), now)?;
        Ok(ReclaimResult {
            error_details: moved.failures.iter().map(ErrorDetail::from).collect(),
            simple_quota_infos: moved
                .items
                .into_iter()
                .map(|(quota_id, _, after)| QuotaReclaim {
                    quota_id,
                    quota_balance: WireAmount(Money::from_cents(after)),
                })
                .collect(),
        })
    })
    .await
}
