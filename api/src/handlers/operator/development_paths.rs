//! `PUT` and `DELETE /v2/operator/partners/{partner_id}/development-paths/{path_type}`: puts a
//! partner on a development path at a stage (joining it if needed), or takes it off.

use super::path_id;
use crate::auth::Caller;
use crate::extract::LegacyJson as Json;
use crate::handlers::programs::development_paths::PathView;
use crate::handlers::programs::path_type;
use crate::handlers::programs::schemas::{self, PathTypeName};
use crate::service::programs::paths;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{delete, put, HttpResponse};
use domain::programs::paths::Stage;
use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

#[derive(Deserialize, Validate, ToSchema)]
pub struct StageRequest {
    /// `JOINED`, `ROLE_CERTIFIED` or `CAPABILITY_DIFFERENTIATED`.
    #[schema(schema_with = schemas::stage)]
    stage: String,
}

/// Sets the partner's stage on a path; the first call joins the path.
#[utoipa::path(tag = "operator", params(("partner_id" = String, Path, example = "0a1b2c3d4e5f46a7b8c9d0e1f2a3b4c5"), ("path_type" = inline(PathTypeName), Path, example = "SERVICE")), request_body = StageRequest, responses((status = 200, body = PathView), (status = 404, body = openapi::ErrorBody)))]
#[put("/v2/operator/partners/{partner_id}/development-paths/{path_type}")]
pub async fn set_development_path(
    state: Data<AppState>,
    caller: Caller,
    ids: Path<(String, String)>,
    req: Json<StageRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let (partner_id, path) = ids.into_inner();
    let partner_id = path_id(&partner_id)?.to_owned();
    let path = path_type(&path)?;
    let stage = Stage::parse(&req.into_inner()?.stage)?;
    let now = state.now();
    let row = state
        .write(move |conn| paths::set_stage(conn, &partner_id, path, stage, now))
        .await?;
    Ok(wire::json(StatusCode::OK, &PathView::from(row)))
}

/// Takes the partner off a path (labels and applications stay as they are).
#[utoipa::path(tag = "operator", params(("partner_id" = String, Path, example = "0a1b2c3d4e5f46a7b8c9d0e1f2a3b4c5"), ("path_type" = inline(PathTypeName), Path, example = "SERVICE")), responses((status = 204), (status = 404, body = openapi::ErrorBody)))]
#[delete("/v2/operator/partners/{partner_id}/development-paths/{path_type}")]
pub async fn leave_development_path(
    state: Data<AppState>,
    caller: Caller,
    ids: Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let (partner_id, path) = ids.into_inner();
    let partner_id = path_id(&partner_id)?.to_owned();
    let path = path_type(&path)?;
    state
        .write(move |conn| paths::leave(conn, &partner_id, path))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
