//! S18 reviews: `POST /v2/operator/certifications/{application_id}/approve` and `.../reject`.

use super::QueueQuery;
use super::RejectionRequest;
use crate::auth::Caller;
use crate::extract::LegacyJson as Json;
use crate::extract::LegacyQuery as Query;
use crate::handlers::operator::path_id;
use crate::handlers::programs::certifications::{CertificationView, Certifications};
use crate::service::programs::{certification, Review};
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{get, post, HttpRequest, HttpResponse};
use domain::programs::review::Decision;
use persistence::repo::programs::certifications as repo;
use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

#[derive(Deserialize, Validate, ToSchema)]
pub struct CertificationApproval {
    #[serde(default)]
    #[schema(schema_with = super::optional_reason_codes)]
    reason_codes: Vec<String>,
    #[schema(schema_with = super::reason_schema)]
    reason: Option<String>,
    /// Capability labels to grant with the approval (≤ 20 codes).
    #[serde(default)]
    #[schema(schema_with = capability_labels_schema)]
    capability_labels: Vec<String>,
}

/// Granting a label twice grants it once: repeats are not refused.
fn capability_labels_schema() -> utoipa::openapi::Array {
    let mut a = crate::handlers::programs::schemas::upper_codes(0, 20, "CLOUD_MIGRATION");
    a.unique_items = false;
    a
}

async fn decide(
    state: Data<AppState>,
    id: &str,
    review: Review,
    labels: Vec<String>,
) -> Result<HttpResponse, ApiError> {
    certification::check_labels(&review, &labels)?;
    let id = path_id(id)?.to_owned();
    let now = state.now();
    let row = state
        .write(move |conn| certification::review(conn, &id, &review, &labels, now))
        .await?;
    Ok(wire::json(StatusCode::OK, &CertificationView::from(row)))
}

/// Approves: the partner becomes CAPABILITY_DIFFERENTIATED on the path and gets the labels.
#[utoipa::path(tag = "operator", params(("application_id" = String, Path, example = "5f0c9a7e3b2d4c1a8e6f7b9d0a1c2e3f")), request_body = CertificationApproval, responses((status = 200, body = CertificationView), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/operator/certifications/{application_id}/approve")]
pub async fn approve_certification(
    state: Data<AppState>,
    caller: Caller,
    id: Path<String>,
    req: Json<CertificationApproval>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let r = req.into_inner()?;
    let review = Review::new(Decision::Approve, r.reason_codes, r.reason)?;
    decide(state, &id, review, r.capability_labels).await
}

/// Rejects with reasons; the partner fixes the application and resubmits it.
#[utoipa::path(tag = "operator", params(("application_id" = String, Path, example = "5f0c9a7e3b2d4c1a8e6f7b9d0a1c2e3f")), request_body = RejectionRequest, responses((status = 200, body = CertificationView), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/operator/certifications/{application_id}/reject")]
pub async fn reject_certification(
    state: Data<AppState>,
    caller: Caller,
    id: Path<String>,
    req: Json<RejectionRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let review = req.into_inner()?.review()?;
    decide(state, &id, review, Vec::new()).await
}

/// The certification applications of every partner, oldest first (e.g. `status=REVIEWING`).
#[utoipa::path(tag = "operator", params(QueueQuery), responses((status = 200, body = Certifications)))]
#[get("/v2/operator/certifications")]
pub async fn list_certifications_to_review(
    state: Data<AppState>,
    caller: Caller,
    query: Query<QueueQuery>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let q = query.into_inner()?.check(&req)?;
    let (total, rows) = q.load(&state, repo::queue).await?;
    Ok(wire::json(
        StatusCode::OK,
        &Certifications::new(total, rows),
    ))
}
