//! `POST /v2/operator/payout-applications/{payout_application_id}/pay`.

use super::{BankReference, PayoutId};
use crate::auth::Caller;
use crate::extract::{Json, Path};
use crate::handlers::programs::incentives::PayoutView;
use crate::service::programs::payouts;
use crate::wire::codes::IncentiveCurrency;
use crate::wire::{self, Amount};
use crate::{ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{post, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PayoutPayment {
    pub bank_reference: BankReference,
    /// What was transferred: > 0, at most the incentive's amount.
    pub paid_amount: Amount,
    /// The incentive's currency.
    pub currency: IncentiveCurrency,
}

/// Records that the incentive was paid to the certified bank account. Refused with
/// `CBC.99100212` once the application is paid or rejected (an incentive is paid at most
/// once; of two concurrent payments one wins), `CBC.99100213` for another currency or more
/// than the incentive.
#[utoipa::path(tag = "operator", params(("payout_application_id" = PayoutId, Path)), request_body = PayoutPayment, responses((status = 200, body = PayoutView), (status = 400, description = "CBC.99100212: already decided; CBC.99100213: amount or currency", body = openapi::ErrorBody), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/operator/payout-applications/{payout_application_id}/pay")]
pub async fn pay_payout_application(
    state: Data<AppState>,
    caller: Caller,
    id: Path<PayoutId>,
    body: Json<PayoutPayment>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let id = id.into_inner()?;
    let b = body.into_inner()?;
    let now = state.now();
    let row = state
        .write(move |conn| {
            payouts::pay(
                conn,
                id.as_str(),
                b.bank_reference.as_str(),
                b.paid_amount.0,
                b.currency.get().as_str(),
                now,
            )
        })
        .await?;
    Ok(wire::json(StatusCode::OK, &PayoutView::from(row)))
}
