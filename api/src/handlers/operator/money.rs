//! Operator money: recharges and credit limits, each with an optional `Idempotency-Key`.

use super::path_id;
use crate::auth::Caller;
use crate::extract::LegacyJson as Json;
use crate::idempotency::{self, IdempotencyKey};
use crate::service::money;
use crate::wire::DecimalInput;
use crate::{ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{post, put, HttpRequest, HttpResponse};
use domain::money::non_negative_from_decimal;
use domain::{Amount, Violation};
use persistence::repo::accounts;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

#[derive(Deserialize, Validate, ToSchema)]
pub struct AmountRequest {
    amount: DecimalInput,
}

#[derive(Deserialize, Validate, ToSchema)]
pub struct CreditLimitRequest {
    /// ≥ 0, at most 2 decimals.
    #[schema(schema_with = crate::schemas::non_negative_amount)]
    credit_limit: DecimalInput,
}

#[derive(Serialize, ToSchema)]
pub struct TransResult {
    trans_id: String,
}

fn amount(field: &str, d: DecimalInput) -> Result<Amount, ApiError> {
    Amount::from_decimal(d.0).map_err(|e| Violation::param(format!("{field} {e}")).into())
}

fn limit(d: DecimalInput) -> Result<domain::Money, ApiError> {
    non_negative_from_decimal(d.0).map_err(|e| Violation::param(format!("credit_limit {e}")).into())
}

/// Recharges a partner's cash account (`RECHARGE` income row).
#[utoipa::path(tag = "operator", params(("partner_id" = String, Path, example = "7c6b5a4938271605f4e3d2c1b0a99887"), ("Idempotency-Key" = Option<String>, Header, example = "5b0f7c9e-2d4a-4f7e-9a61-3c2e8d1f0a42")), request_body = AmountRequest, responses((status = 200, body = TransResult), (status = 404, body = openapi::ErrorBody), (status = 409, body = openapi::ErrorBody)))]
#[post("/v2/operator/partners/{partner_id}/recharge")]
pub async fn recharge_partner(
    state: Data<AppState>,
    caller: Caller,
    key: IdempotencyKey,
    req: HttpRequest,
    partner_id: Path<String>,
    body: Json<AmountRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let body = body.into_inner()?;
    let id = path_id(&partner_id)?.to_owned();
    let amount = amount("amount", body.amount)?;
    let now = state.now();
    idempotency::once(&state, &caller, &key, &req, StatusCode::OK, move |conn| {
        money::recharge_partner(conn, &id, amount, now).map(|trans_id| TransResult { trans_id })
    })
    .await
}

/// Recharges an independent customer's own cash account.
#[utoipa::path(tag = "operator", params(("customer_id" = String, Path, example = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"), ("Idempotency-Key" = Option<String>, Header, example = "5b0f7c9e-2d4a-4f7e-9a61-3c2e8d1f0a42")), request_body = AmountRequest, responses((status = 200, body = TransResult), (status = 404, body = openapi::ErrorBody), (status = 409, body = openapi::ErrorBody)))]
#[post("/v2/operator/customers/{customer_id}/recharge")]
pub async fn recharge_customer(
    state: Data<AppState>,
    caller: Caller,
    key: IdempotencyKey,
    req: HttpRequest,
    customer_id: Path<String>,
    body: Json<AmountRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let body = body.into_inner()?;
    let id = path_id(&customer_id)?.to_owned();
    let amount = amount("amount", body.amount)?;
    let now = state.now();
    idempotency::once(&state, &caller, &key, &req, StatusCode::OK, move |conn| {
        money::recharge_customer(conn, &id, amount, now).map(|trans_id| TransResult { trans_id })
    })
    .await
}

/// Sets a partner's credit limit (`ADJUST_CREDIT` row for the change).
#[utoipa::path(tag = "operator", params(("partner_id" = String, Path, example = "7c6b5a4938271605f4e3d2c1b0a99887"), ("Idempotency-Key" = Option<String>, Header, example = "5b0f7c9e-2d4a-4f7e-9a61-3c2e8d1f0a42")), request_body = CreditLimitRequest, responses((status = 200, body = TransResult), (status = 404, body = openapi::ErrorBody), (status = 409, body = openapi::ErrorBody)))]
#[put("/v2/operator/partners/{partner_id}/credit-limit")]
pub async fn set_partner_credit_limit(
    state: Data<AppState>,
    caller: Caller,
    key: IdempotencyKey,
    req: HttpRequest,
    partner_id: Path<String>,
    body: Json<CreditLimitRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let body = body.into_inner()?;
    let id = path_id(&partner_id)?.to_owned();
    let limit = limit(body.credit_limit)?;
    let now = state.now();
    idempotency::once(&state, &caller, &key, &req, StatusCode::OK, move |conn| {
        money::set_credit_limit(conn, accounts::PARTNER, &id, limit, now)
            .map(|trans_id| TransResult { trans_id })
    })
    .await
}

/// Sets a customer's credit limit (monthly-settlement customers).
#[utoipa::path(tag = "operator", params(("customer_id" = String, Path, example = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"), ("Idempotency-Key" = Option<String>, Header, example = "5b0f7c9e-2d4a-4f7e-9a61-3c2e8d1f0a42")), request_body = CreditLimitRequest, responses((status = 200, body = TransResult), (status = 404, body = openapi::ErrorBody), (status = 409, body = openapi::ErrorBody)))]
#[put("/v2/operator/customers/{customer_id}/credit-limit")]
pub async fn set_customer_credit_limit(
    state: Data<AppState>,
    caller: Caller,
    key: IdempotencyKey,
    req: HttpRequest,
    customer_id: Path<String>,
    body: Json<CreditLimitRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let body = body.into_inner()?;
    let id = path_id(&customer_id)?.to_owned();
    let limit = limit(body.credit_limit)?;
    let now = state.now();
    idempotency::once(&state, &caller, &key, &req, StatusCode::OK, move |conn| {
        money::set_credit_limit(conn, accounts::CUSTOMER, &id, limit, now)
            .map(|trans_id| TransResult { trans_id })
    })
    .await
}
