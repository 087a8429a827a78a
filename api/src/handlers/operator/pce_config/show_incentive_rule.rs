//! `GET /v2/operator/pce/incentive-rule`.

use super::json::IncentiveRuleView;
use crate::auth::Caller;
use crate::service::opportunities::pce;
use crate::service::Failure;
use crate::{wire, ApiError, AppState};
use actix_web::web::Data;
use actix_web::{get, HttpResponse};

/// The shared-opportunity incentive rule; `404 CBC.99100002` until one is set (and until
/// then a won shared opportunity grants nothing).
#[utoipa::path(tag = "operator", responses((status = 200, body = IncentiveRuleView), (status = 404, description = "No rule is set", body = openapi::ErrorBody)))]
#[get("/v2/operator/pce/incentive-rule")]
pub async fn show_pce_incentive_rule(
    state: Data<AppState>,
    caller: Caller,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let rule = state
        .read(|conn| {
            pce::incentive_rule(conn)?.ok_or_else(|| Failure::not_found("PCE incentive rule"))
        })
        .await?;
    Ok(wire::ok(&IncentiveRuleView::from(&rule)))
}
