//! S4/S12 reviews: `POST /v2/operator/fh-qualifications/{qualification_id}/approve` and
//! `.../reject` (a rejection frees the people named to hold FH elsewhere).

use super::QueueQuery;
use super::{RejectionRequest, ReviewRequest};
use crate::auth::Caller;
use crate::extract::LegacyJson as Json;
use crate::extract::LegacyQuery as Query;
use crate::handlers::operator::path_id;
use crate::handlers::programs::fh_qualifications::{FhQualificationView, FhQualifications};
use crate::service::programs::{fh, Review};
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{get, post, HttpRequest, HttpResponse};
use domain::programs::review::Decision;
use persistence::repo::programs::fh as repo;

async fn decide(state: Data<AppState>, id: &str, review: Review) -> Result<HttpResponse, ApiError> {
    let id = path_id(id)?.to_owned();
    let now = state.now();
    let row = state
        .write(move |conn| fh::review(conn, &id, &review, now))
        .await?;
    Ok(wire::json(StatusCode::OK, &FhQualificationView::from(row)))
}

/// Approves an FH qualification.
#[utoipa::path(tag = "operator", params(("qualification_id" = String, Path, example = "4b5c6d7e8f9a4b0c1d2e3f4a5b6c7d8e")), request_body = ReviewRequest, responses((status = 200, body = FhQualificationView), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/operator/fh-qualifications/{qualification_id}/approve")]
pub async fn approve_fh_qualification(
    state: Data<AppState>,
    caller: Caller,
    id: Path<String>,
    req: Json<ReviewRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let review = req.into_inner()?.review(Decision::Approve)?;
    decide(state, &id, review).await
}

/// Rejects an FH qualification with reasons.
#[utoipa::path(tag = "operator", params(("qualification_id" = String, Path, example = "4b5c6d7e8f9a4b0c1d2e3f4a5b6c7d8e")), request_body = RejectionRequest, responses((status = 200, body = FhQualificationView), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/operator/fh-qualifications/{qualification_id}/reject")]
pub async fn reject_fh_qualification(
    state: Data<AppState>,
    caller: Caller,
    id: Path<String>,
    req: Json<RejectionRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let review = req.into_inner()?.review()?;
    decide(state, &id, review).await
}

/// The FH qualifications of every partner, oldest first (e.g. `status=REVIEWING`).
#[utoipa::path(tag = "operator", params(QueueQuery), responses((status = 200, body = FhQualifications)))]
#[get("/v2/operator/fh-qualifications")]
pub async fn list_fh_qualifications_to_review(
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
        &FhQualifications::new(total, rows),
    ))
}
