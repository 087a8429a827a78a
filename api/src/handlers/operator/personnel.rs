//! `PUT /v2/operator/partners/{partner_id}/users/{user_id}/personnel-profile`: what the
//! platform knows about a person (S7): certification level, infosec exam, PM certification.

use super::path_id;
use crate::auth::Caller;
use crate::extract::LegacyJson as Json;
use crate::handlers::programs::schemas;
use crate::service::programs::paths::{self, Profile};
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{put, HttpResponse};
use domain::programs::personnel::CertLevel;
use persistence::repo::programs::personnel::ProfileRow;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

#[derive(Deserialize, Validate, ToSchema)]
pub struct ProfileRequest {
    /// Highest technical certification: `NONE`, `ENTRY` (入门级), `WORK` (工作级) or
    /// `EXPERT` (专家级).
    #[schema(schema_with = schemas::cert_level)]
    certification_level: String,
    /// Passed the information-security exam.
    #[schema(example = true)]
    infosec_exam_passed: bool,
    /// Holds a project-management certification.
    #[schema(example = false)]
    pm_certified: bool,
}

#[derive(Serialize, ToSchema)]
pub struct ProfileView {
    user_id: String,
    certification_level: String,
    infosec_exam_passed: bool,
    pm_certified: bool,
    updated_on: String,
}

impl From<ProfileRow> for ProfileView {
    fn from(r: ProfileRow) -> Self {
        ProfileView {
            user_id: r.user_id,
            certification_level: r.certification_level,
            infosec_exam_passed: r.infosec_exam_passed,
            pm_certified: r.pm_certified,
            updated_on: wire::utc(r.updated_at),
        }
    }
}

/// Records a person's certifications and exams (replacing what was recorded).
#[utoipa::path(tag = "operator", params(("partner_id" = String, Path, example = "0a1b2c3d4e5f46a7b8c9d0e1f2a3b4c5"), ("user_id" = String, Path, example = "0b3c6a5e2d8f4f1e9a7b6c5d4e3f2a1b")), request_body = ProfileRequest, responses((status = 200, body = ProfileView), (status = 404, body = openapi::ErrorBody)))]
#[put("/v2/operator/partners/{partner_id}/users/{user_id}/personnel-profile")]
pub async fn set_personnel_profile(
    state: Data<AppState>,
    caller: Caller,
    ids: Path<(String, String)>,
    req: Json<ProfileRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let (partner_id, user_id) = ids.into_inner();
    path_id(&partner_id)?;
    path_id(&user_id)?;
    let r = req.into_inner()?;
    let profile = Profile {
        level: CertLevel::parse(&r.certification_level)?,
        infosec_exam_passed: r.infosec_exam_passed,
        pm_certified: r.pm_certified,
    };
    let now = state.now();
    let row = state
        .write(move |conn| paths::put_profile(conn, &partner_id, &user_id, &profile, now))
        .await?;
    Ok(wire::json(StatusCode::OK, &ProfileView::from(row)))
}
