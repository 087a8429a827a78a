//! Allocations and reclaims (S10): UpdateCustomerAccountAmount, ReclaimToPartnerAccount,
//! UpdateIndirectPartnerAccount, ReclaimIndirectPartnerAccount. All take `Idempotency-Key`.

use crate::auth::Caller;
use crate::extract::LegacyJson as Json;
use crate::idempotency::{self, IdempotencyKey};
use crate::service::transfers;
use crate::wire::DecimalInput;
use crate::{ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{post, HttpRequest, HttpResponse};
use domain::identity::{PartnerType, Role};
use domain::{Amount, Violation};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

#[derive(Deserialize, Validate, ToSchema)]
pub struct CustomerAmountRequest {
    #[validate(length(min = 1, max = 64))]
    #[schema(
        min_length = 1,
        max_length = 64,
        example = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
    )]
    customer_id: String,
    /// > 0, at most 2 decimals, at most the giver's balance.
    amount: DecimalInput,
    /// A distributor acting for one of its resellers.
    #[validate(length(min = 1, max = 64))]
    #[schema(
        min_length = 1,
        max_length = 64,
        example = "5f1e2d3c4b5a69788796a5b4c3d2e1f0"
    )]
    indirect_partner_id: Option<String>,
}

#[derive(Deserialize, Validate, ToSchema)]
pub struct ResellerAmountRequest {
    #[validate(length(min = 1, max = 64))]
    #[schema(
        min_length = 1,
        max_length = 64,
        example = "5f1e2d3c4b5a69788796a5b4c3d2e1f0"
    )]
    indirect_partner_id: String,
    amount: DecimalInput,
}

#[derive(Serialize, ToSchema)]
pub struct TransferResult {
    transfer_id: String,
}

#[derive(Serialize, ToSchema)]
pub struct TransResult {
    trans_id: String,
}

fn amount(d: DecimalInput) -> Result<Amount, ApiError> {
    Amount::from_decimal(d.0).map_err(|e| Violation::param(format!("amount {e}")).into())
}

/// Allocates money from the partner's cash account to its customer.
#[utoipa::path(tag = "accounts", params(("Idempotency-Key" = Option<String>, Header, example = "5b0f7c9e-2d4a-4f7e-9a61-3c2e8d1f0a42")), request_body = CustomerAmountRequest, responses((status = 200, body = TransferResult), (status = 409, body = openapi::ErrorBody)))]
#[post("/v2/accounts/partner-accounts/adjust-amount")]
pub async fn update_customer_account_amount(
    state: Data<AppState>,
    caller: Caller,
    key: IdempotencyKey,
    req: HttpRequest,
    body: Json<CustomerAmountRequest>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(&[Role::Finance])?.partner_id.clone();
    let b = body.into_inner()?;
    let amount = amount(b.amount)?;
    let now = state.now();
    idempotency::once(&state, &caller, &key, &req, StatusCode::OK, move |conn| {
        transfers::to_customer(
            conn,
            &me,
            b.indirect_partner_id.as_deref(),
            &b.customer_id,
            amount,
            now,
        )
        .map(|transfer_id| TransferResult { transfer_id })
    })
    .await
}

/// Reclaims money from a customer back to the partner's cash account.
#[utoipa::path(tag = "accounts", params(("Idempotency-Key" = Option<String>, Header, example = "5b0f7c9e-2d4a-4f7e-9a61-3c2e8d1f0a42")), request_body = CustomerAmountRequest, responses((status = 200, body = TransResult), (status = 409, body = openapi::ErrorBody)))]
#[post("/v2/accounts/partner-accounts/reclaim")]
pub async fn reclaim_to_partner_account(
    state: Data<AppState>,
    caller: Caller,
    key: IdempotencyKey,
    req: HttpRequest,
    body: Json<CustomerAmountRequest>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(&[Role::Finance])?.partner_id.clone();
    let b = body.into_inner()?;
    let amount = amount(b.amount)?;
    let now = state.now();
    idempotency::once(&state, &caller, &key, &req, StatusCode::OK, move |conn| {
        transfers::from_customer(
            conn,
            &me,
            b.indirect_partner_id.as_deref(),
            &b.customer_id,
            amount,
            now,
        )
        .map(|trans_id| TransResult { trans_id })
    })
    .await
}

fn distributor(caller: &Caller) -> Result<String, ApiError> {
    let u = caller.partner_with(&[Role::Finance])?;
    if u.partner_type != PartnerType::Distributor {
        return Err(ApiError::Forbidden);
    }
    Ok(u.partner_id.clone())
}

/// A distributor allocates money to one of its resellers.
#[utoipa::path(tag = "accounts", params(("Idempotency-Key" = Option<String>, Header, example = "5b0f7c9e-2d4a-4f7e-9a61-3c2e8d1f0a42")), request_body = ResellerAmountRequest, responses((status = 200, body = TransferResult), (status = 409, body = openapi::ErrorBody)))]
#[post("/v2/accounts/partner-accounts/indirect-partner-adjust")]
pub async fn update_indirect_partner_account(
    state: Data<AppState>,
    caller: Caller,
    key: IdempotencyKey,
    req: HttpRequest,
    body: Json<ResellerAmountRequest>,
) -> Result<HttpResponse, ApiError> {
    let me = distributor(&caller)?;
    let b = body.into_inner()?;
    let amount = amount(b.amount)?;
    let now = state.now();
    idempotency::once(&state, &caller, &key, &req, StatusCode::OK, move |conn| {
        transfers::to_reseller(conn, &me, &b.indirect_partner_id, amount, now)
            .map(|transfer_id| TransferResult { transfer_id })
    })
    .await
}

/// A distributor reclaims money from one of its resellers.
#[utoipa::path(tag = "accounts", params(("Idempotency-Key" = Option<String>, Header, example = "5b0f7c9e-2d4a-4f7e-9a61-3c2e8d1f0a42")), request_body = ResellerAmountRequest, responses((status = 200, body = TransResult), (status = 409, body = openapi::ErrorBody)))]
#[post("/v2/accounts/partner-accounts/indirect-partner-reclaim")]
pub async fn reclaim_indirect_partner_account(
    state: Data<AppState>,
    caller: Caller,
    key: IdempotencyKey,
    req: HttpRequest,
    body: Json<ResellerAmountRequest>,
) -> Result<HttpResponse, ApiError> {
    let me = distributor(&caller)?;
    let b = body.into_inner()?;
    let amount = amount(b.amount)?;
    let now = state.now();
    idempotency::once(&state, &caller, &key, &req, StatusCode::OK, move |conn| {
        transfers::from_reseller(conn, &me, &b.indirect_partner_id, amount, now)
            .map(|trans_id| TransResult { trans_id })
    })
    .await
}
