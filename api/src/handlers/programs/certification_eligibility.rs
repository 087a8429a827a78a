//! S18: `GET /v2/partners/development-paths/{path_type}/differentiation-certifications/eligibility`.

use super::schemas::PathTypeName;
use super::{path_type, EligibilityView, ADMIN_ONLY};
use crate::auth::Caller;
use crate::service::programs::certification;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{get, HttpResponse};
use domain::programs::certification::eligibility;

/// Every rule a certification application on this path must meet, with its state now.
#[utoipa::path(tag = "programs", params(("path_type" = inline(PathTypeName), Path, example = "SOFTWARE")), responses((status = 200, body = EligibilityView)))]
#[get("/v2/partners/development-paths/{path_type}/differentiation-certifications/eligibility")]
pub async fn certification_eligibility(
    state: Data<AppState>,
    caller: Caller,
    path: Path<String>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(ADMIN_ONLY)?.partner_id.clone();
    let path = path_type(&path)?;
    let now = state.now();
    let facts = state
        .read(move |conn| certification::facts(conn, &me, path))
        .await?;
    Ok(wire::json(
        StatusCode::OK,
        &EligibilityView::new(&eligibility(&facts), now),
    ))
}
