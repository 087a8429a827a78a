//! S7: `PUT /v2/partners/projects/{project_id}/members`.

use super::projects::{team, MemberDto, ProjectView};
use super::PROJECT_ROLES;
use crate::auth::Caller;
use crate::extract::LegacyJson as Json;
use crate::handlers::operator::path_id;
use crate::service::programs::projects;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{put, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

#[derive(Deserialize, Validate, ToSchema)]
pub struct MembersRequest {
    /// The whole team, at most 200 people; replaces the current one. Users of the partner,
    /// each once.
    #[schema(max_items = 200)]
    members: Vec<MemberDto>,
}

/// Sets the project's team: its project manager(s) and delivery members.
#[utoipa::path(tag = "programs", params(("project_id" = String, Path, example = "7d1e0c4b9a8f4e2d8c6b5a4f3e2d1c0b")), request_body = MembersRequest, responses((status = 200, body = ProjectView), (status = 404, body = openapi::ErrorBody)))]
#[put("/v2/partners/projects/{project_id}/members")]
pub async fn set_project_members(
    state: Data<AppState>,
    caller: Caller,
    project_id: Path<String>,
    req: Json<MembersRequest>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(PROJECT_ROLES)?.partner_id.clone();
    let id = path_id(&project_id)?.to_owned();
    let members = team(req.into_inner()?.members)?;
    let (p, m) = state
        .write(move |conn| projects::set_members(conn, &me, &id, &members))
        .await?;
    Ok(wire::json(StatusCode::OK, &ProjectView::new(p, Some(m))))
}
