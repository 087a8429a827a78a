//! `PUT /v2/operator/pce/incentive-rule`.

use super::input::IncentiveRuleBody;
use super::json::IncentiveRuleView;
use crate::auth::Caller;
use crate::extract::Json;
use crate::service::opportunities::pce;
use crate::{wire, ApiError, AppState};
use actix_web::web::Data;
use actix_web::{put, HttpResponse};
use domain::opportunities::pce::incentive::IncentiveRule;

/// Sets the rule by which a shared opportunity a PCE member moves to `WON` grants that
/// partner a `PCE_SHARED_OPPORTUNITY` incentive (once per opportunity): `percentage` % of
/// its expected monthly amount, rounded to the cent, at most `cap_amount`. Applies to
/// opportunities won from now on.
#[utoipa::path(tag = "operator", request_body = IncentiveRuleBody, responses((status = 200, body = IncentiveRuleView), (status = 400, description = "CBC.0100 naming the field", body = openapi::ErrorBody)))]
#[put("/v2/operator/pce/incentive-rule")]
pub async fn set_pce_incentive_rule(
    state: Data<AppState>,
    caller: Caller,
    body: Json<IncentiveRuleBody>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let rule = IncentiveRule::from(&body.into_inner()?);
    let now = state.now();
    state
        .write(move |conn| pce::set_incentive_rule(conn, &rule, now))
        .await?;
    Ok(wire::ok(&IncentiveRuleView::from(&rule)))
}
