//! S6 reviews: `GET /v2/operator/po-opportunities` and `POST .../{opportunity_id}/approve` or
//! `.../reject` with `{"reason_codes": [...], "reason": "..."}`.

use super::reviews::{PendingQueueQuery, RejectionRequest, ReviewRequest};
use crate::auth::Caller;
use crate::extract::{LegacyJson as Json, LegacyQuery as Query};
use crate::handlers::po_opportunities::{po_id, PoPage, PoView};
use crate::service::opportunities::po;
use crate::service::programs::Review;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{get, post, HttpRequest, HttpResponse};
use domain::programs::review::Decision;
use persistence::repo::opportunities::po as repo;

async fn decide(state: Data<AppState>, id: &str, review: Review) -> Result<HttpResponse, ApiError> {
    let id = po_id(id)?;
    let now = state.now();
    let row = state
        .write(move |conn| po::review(conn, &id, &review, now))
        .await?;
    Ok(wire::json(StatusCode::OK, &PoView::from(row)))
}

/// Approves a PENDING PO opportunity (CBC.99100045 if it is not pending).
#[utoipa::path(tag = "operator", params(("opportunity_id" = String, Path, example = "2c3d4e5f6a7b4c8d9e0f1a2b3c4d5e6f")), request_body = ReviewRequest, responses((status = 200, body = PoView), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/operator/po-opportunities/{opportunity_id}/approve")]
pub async fn approve_po_opportunity(
    state: Data<AppState>,
    caller: Caller,
    id: Path<String>,
    req: Json<ReviewRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let review = req.into_inner()?.review(Decision::Approve)?;
    decide(state, &id, review).await
}

/// Rejects with reason codes (e.g. `INCOMPLETE_BANT`, `NOT_HUAWEI_CLOUD`, `REVENUE_TOO_LOW`);
/// the partner fixes it and resubmits.
#[utoipa::path(tag = "operator", params(("opportunity_id" = String, Path, example = "2c3d4e5f6a7b4c8d9e0f1a2b3c4d5e6f")), request_body = RejectionRequest, responses((status = 200, body = PoView), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/operator/po-opportunities/{opportunity_id}/reject")]
pub async fn reject_po_opportunity(
    state: Data<AppState>,
    caller: Caller,
    id: Path<String>,
    req: Json<RejectionRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    decide(state, &id, req.into_inner()?.review()?).await
}

/// Submitted PO opportunities of every partner, oldest submission first (e.g.
/// `status=PENDING` to review); drafts never appear.
#[utoipa::path(tag = "operator", params(PendingQueueQuery), responses((status = 200, body = PoPage)))]
#[get("/v2/operator/po-opportunities")]
pub async fn list_po_opportunities_to_review(
    state: Data<AppState>,
    caller: Caller,
    query: Query<PendingQueueQuery>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let q = query.into_inner()?.check(&req)?;
    let (total, rows) = q.load(&state, repo::queue).await?;
    Ok(wire::json(StatusCode::OK, &PoPage::new(total, rows)))
}
