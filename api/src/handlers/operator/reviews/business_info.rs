//! S14 reviews: `POST /v2/operator/business-info-certifications/{certification_id}/approve`
//! (status `CERTIFIED`) and `.../reject` (status `FAILED`, e.g. `BANK_LETTER_REQUIRED`).

use super::BusinessInfoQueueQuery;
use super::{RejectionRequest, ReviewRequest};
use crate::auth::Caller;
use crate::extract::LegacyJson as Json;
use crate::extract::LegacyQuery as Query;
use crate::handlers::operator::path_id;
use crate::handlers::programs::business_info::BusinessInfoCertification;
use crate::service::programs::{business_info, Review};
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{get, post, HttpRequest, HttpResponse};
use domain::programs::business_info::CertStatus;
use domain::programs::review::Decision;
use persistence::repo::programs::business_info as repo;
use serde::Serialize;
use utoipa::ToSchema;

async fn decide(state: Data<AppState>, id: &str, review: Review) -> Result<HttpResponse, ApiError> {
    let id = path_id(id)?.to_owned();
    let now = state.now();
    let row = state
        .write(move |conn| business_info::review(conn, &id, &review, now))
        .await?;
    let status = CertStatus::parse(&row.status).unwrap_or(CertStatus::Reviewing);
    Ok(wire::json(
        StatusCode::OK,
        &BusinessInfoCertification::new(status, Some(row)),
    ))
}

/// Certifies the business information: payouts are possible from now on.
#[utoipa::path(tag = "operator", params(("certification_id" = String, Path, example = "3a2b1c0d9e8f4a7b6c5d4e3f2a1b0c9d")), request_body = ReviewRequest, responses((status = 200, body = BusinessInfoCertification), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/operator/business-info-certifications/{certification_id}/approve")]
pub async fn approve_business_info(
    state: Data<AppState>,
    caller: Caller,
    id: Path<String>,
    req: Json<ReviewRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let review = req.into_inner()?.review(Decision::Approve)?;
    decide(state, &id, review).await
}

/// Fails the certification with reasons; the partner fixes and submits again.
#[utoipa::path(tag = "operator", params(("certification_id" = String, Path, example = "3a2b1c0d9e8f4a7b6c5d4e3f2a1b0c9d")), request_body = RejectionRequest, responses((status = 200, body = BusinessInfoCertification), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/operator/business-info-certifications/{certification_id}/reject")]
pub async fn reject_business_info(
    state: Data<AppState>,
    caller: Caller,
    id: Path<String>,
    req: Json<RejectionRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let review = req.into_inner()?.review()?;
    decide(state, &id, review).await
}

#[derive(Serialize, ToSchema)]
pub struct BusinessInfoQueue {
    total_count: i64,
    /// Each with the partner's full submission (account number masked).
    certifications: Vec<QueuedBusinessInfo>,
}

#[derive(Serialize, ToSchema)]
pub struct QueuedBusinessInfo {
    partner_id: String,
    #[serde(flatten)]
    certification: BusinessInfoCertification,
}

/// Business information submissions of every partner, oldest first (e.g. `status=REVIEWING`;
/// `SUPERSEDED` ones were replaced by a newer submission).
#[utoipa::path(tag = "operator", params(BusinessInfoQueueQuery), responses((status = 200, body = BusinessInfoQueue)))]
#[get("/v2/operator/business-info-certifications")]
pub async fn list_business_info_to_review(
    state: Data<AppState>,
    caller: Caller,
    query: Query<BusinessInfoQueueQuery>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let q = query.into_inner()?.check(&req)?;
    let (total, rows) = q.load(&state, repo::queue).await?;
    let certifications = rows
        .into_iter()
        .map(|r| QueuedBusinessInfo {
            partner_id: r.partner_id.clone(),
            certification: BusinessInfoCertification::new(
                CertStatus::parse(&r.status).unwrap_or(CertStatus::Reviewing),
                Some(r),
            ),
        })
        .collect();
    Ok(wire::json(
        StatusCode::OK,
        &BusinessInfoQueue {
            total_count: total,
            certifications,
        },
    ))
}
