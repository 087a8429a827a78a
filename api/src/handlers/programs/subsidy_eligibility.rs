//! S5/S7: `GET /v2/partners/projects/{project_id}/subsidy-applications/eligibility`.

use super::{EligibilityView, PROJECT_ROLES};
use crate::auth::Caller;
use crate::handlers::operator::path_id;
use crate::service::programs::{projects, subsidy};
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{get, HttpResponse};
use domain::programs::subsidy::eligibility;

/// Every rule a subsidy application for this project must meet now: the capability label at
/// or above the threshold, the project manager, the delivery members, no live application.
#[utoipa::path(tag = "programs", params(("project_id" = String, Path, example = "7d1e0c4b9a8f4e2d8c6b5a4f3e2d1c0b")), responses((status = 200, body = EligibilityView), (status = 404, body = openapi::ErrorBody)))]
#[get("/v2/partners/projects/{project_id}/subsidy-applications/eligibility")]
pub async fn subsidy_eligibility(
    state: Data<AppState>,
    caller: Caller,
    project_id: Path<String>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(PROJECT_ROLES)?.partner_id.clone();
    let id = path_id(&project_id)?.to_owned();
    let now = state.now();
    let facts = state
        .read(move |conn| {
            let p = projects::own(conn, &me, &id)?;
            subsidy::facts(conn, &p, now)
        })
        .await?;
    Ok(wire::json(
        StatusCode::OK,
        &EligibilityView::new(&eligibility(&facts), now),
    ))
}
