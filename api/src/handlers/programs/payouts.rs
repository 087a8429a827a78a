//! S14: `POST /v2/partners/incentives/{incentive_id}/payout-applications` and its eligibility.

use super::incentives::PayoutView;
use super::{refused, EligibilityView};
use crate::auth::Caller;
use crate::handlers::operator::path_id;
use crate::service::programs::payouts;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{get, post, HttpResponse};
use domain::identity::Role;
use domain::programs::business_info::payout;

const ROLES: &[Role] = &[Role::Finance];

/// Applies for the payout of an incentive. Refused until the business information is
/// certified (`CBC.99100041`, telling the partner to complete the certification).
#[utoipa::path(tag = "programs", params(("incentive_id" = String, Path, example = "9e8d7c6b5a4f4e3d2c1b0a9f8e7d6c5b")), responses((status = 201, body = PayoutView), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/partners/incentives/{incentive_id}/payout-applications")]
pub async fn apply_for_payout(
    state: Data<AppState>,
    caller: Caller,
    incentive_id: Path<String>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(ROLES)?.partner_id.clone();
    let id = path_id(&incentive_id)?.to_owned();
    let now = state.now();
    let row = state
        .write(move |conn| payouts::apply(conn, &me, &id, now))
        .await?
        .map_err(refused)?;
    Ok(wire::json(StatusCode::CREATED, &PayoutView::from(row)))
}

/// Every rule the payout application for this incentive must meet, with its state now.
#[utoipa::path(tag = "programs", params(("incentive_id" = String, Path, example = "9e8d7c6b5a4f4e3d2c1b0a9f8e7d6c5b")), responses((status = 200, body = EligibilityView), (status = 404, body = openapi::ErrorBody)))]
#[get("/v2/partners/incentives/{incentive_id}/payout-applications/eligibility")]
pub async fn payout_eligibility(
    state: Data<AppState>,
    caller: Caller,
    incentive_id: Path<String>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(ROLES)?.partner_id.clone();
    let id = path_id(&incentive_id)?.to_owned();
    let now = state.now();
    let f = state
        .read(move |conn| payouts::facts(conn, &me, &id))
        .await?;
    Ok(wire::json(
        StatusCode::OK,
        &EligibilityView::new(&payout(&f.rules), now),
    ))
}
