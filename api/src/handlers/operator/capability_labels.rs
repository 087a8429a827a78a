//! `PUT` and `DELETE /v2/operator/partners/{partner_id}/capability-labels/{label_code}`.

use super::path_id;
use crate::auth::Caller;
use crate::extract::LegacyJson as Json;
use crate::handlers::programs::development_paths::LabelView;
use crate::handlers::programs::schemas::{self, UpperCode};
use crate::service::programs::paths::{self, Grant};
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{delete, put, HttpResponse};
use domain::programs::labels::parse_code;
use domain::programs::paths::PathType;
use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

#[derive(Deserialize, Validate, ToSchema)]
pub struct GrantLabelRequest {
    /// The development path the label belongs to, if any.
    #[schema(schema_with = schemas::path_type)]
    path_type: Option<String>,
    /// UTC `yyyy-MM-ddTHH:mm:ssZ`, in the future; absent: no expiry.
    #[schema(schema_with = crate::schemas::utc_time)]
    expire_time: Option<String>,
}

fn ids(p: Path<(String, String)>) -> Result<(String, String), ApiError> {
    let (partner_id, code) = p.into_inner();
    path_id(&partner_id)?;
    parse_code(&code)?;
    Ok((partner_id, code))
}

/// Grants a capability label from now on (renewing it if already granted).
#[utoipa::path(tag = "operator", params(("partner_id" = String, Path, example = "0a1b2c3d4e5f46a7b8c9d0e1f2a3b4c5"), ("label_code" = inline(UpperCode), Path, example = "CLOUD_MIGRATION")), request_body = GrantLabelRequest, responses((status = 200, body = LabelView), (status = 404, body = openapi::ErrorBody)))]
#[put("/v2/operator/partners/{partner_id}/capability-labels/{label_code}")]
pub async fn grant_capability_label(
    state: Data<AppState>,
    caller: Caller,
    path: Path<(String, String)>,
    req: Json<GrantLabelRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let (partner_id, code) = ids(path)?;
    let r = req.into_inner()?;
    let grant = Grant {
        code,
        path: r.path_type.as_deref().map(PathType::parse).transpose()?,
        expire_at: r
            .expire_time
            .as_deref()
            .map(|t| wire::parse_utc("expire_time", t))
            .transpose()?,
    };
    let now = state.now();
    let row = state
        .write(move |conn| paths::grant_label(conn, &partner_id, &grant, now))
        .await?;
    Ok(wire::json(StatusCode::OK, &LabelView::new(row, now)))
}

/// Removes a capability label. Subsidy applications already accepted stay accepted.
#[utoipa::path(tag = "operator", params(("partner_id" = String, Path, example = "0a1b2c3d4e5f46a7b8c9d0e1f2a3b4c5"), ("label_code" = inline(UpperCode), Path, example = "CLOUD_MIGRATION")), responses((status = 204), (status = 404, body = openapi::ErrorBody)))]
#[delete("/v2/operator/partners/{partner_id}/capability-labels/{label_code}")]
pub async fn remove_capability_label(
    state: Data<AppState>,
    caller: Caller,
    path: Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let (partner_id, code) = ids(path)?;
    state
        .write(move |conn| paths::remove_label(conn, &partner_id, &code))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
