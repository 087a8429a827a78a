//! S18: `POST /v2/partners/development-paths/{path_type}/differentiation-certifications/{application_id}/resubmit`.

use super::certifications::{CertificationRequest, CertificationView};
use super::schemas::PathTypeName;
use super::{path_type, refused, ADMIN_ONLY};
use crate::auth::Caller;
use crate::extract::LegacyJson as Json;
use crate::handlers::operator::path_id;
use crate::service::programs::certification;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{post, HttpResponse};

/// Fixes a REJECTED application (new business plan and labels) and puts it under review
/// again; the path's rules apply as to a new application.
#[utoipa::path(tag = "programs", params(("path_type" = inline(PathTypeName), Path, example = "SOFTWARE"), ("application_id" = String, Path, example = "5f0c9a7e3b2d4c1a8e6f7b9d0a1c2e3f")), request_body = CertificationRequest, responses((status = 200, body = CertificationView), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/partners/development-paths/{path_type}/differentiation-certifications/{application_id}/resubmit")]
pub async fn resubmit_certification(
    state: Data<AppState>,
    caller: Caller,
    ids: Path<(String, String)>,
    req: Json<CertificationRequest>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(ADMIN_ONLY)?.partner_id.clone();
    let (path, id) = ids.into_inner();
    let path = path_type(&path)?;
    let id = path_id(&id)?.to_owned();
    let content = req.into_inner()?.content()?;
    let now = state.now();
    let row = state
        .write(move |conn| certification::resubmit(conn, &me, path, &id, &content, now))
        .await?
        .map_err(refused)?;
    Ok(wire::json(StatusCode::OK, &CertificationView::from(row)))
}
