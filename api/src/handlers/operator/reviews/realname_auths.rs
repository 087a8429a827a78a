//! The operator's review of real-name authentications (S11): `GET /v2/operator/realname-auths`
//! (the queue), `POST /v2/operator/realname-auths/{id}/approve` and `.../reject` (the reason
//! is the `opinion` ShowRealnameAuthenticationReviewResult shows the partner).

use super::{QueueQuery, RejectionRequest, ReviewRequest};
use crate::auth::Caller;
use crate::extract::LegacyJson as Json;
use crate::extract::LegacyQuery as Query;
use crate::handlers::operator::path_id;
use crate::handlers::realname::json::{RealnameAuthApplication, RealnameAuthQueue};
use crate::service::programs::Review;
use crate::service::realname;
use crate::{wire, ApiError, AppState};
use actix_web::web::{Data, Path};
use actix_web::{get, post, HttpRequest, HttpResponse};
use domain::programs::review::Decision;

async fn decide(state: Data<AppState>, id: &str, review: Review) -> Result<HttpResponse, ApiError> {
    let id = path_id(id)?.to_owned();
    let now = state.now();
    let app = state
        .write(move |conn| realname::review(conn, &id, &review, now))
        .await?;
    Ok(wire::ok(&RealnameAuthApplication::from(&app)))
}

/// Approves the application: the customer is authenticated as it says.
#[utoipa::path(tag = "operator", params(("id" = String, Path, example = "3a2b1c0d9e8f4a7b6c5d4e3f2a1b0c9d")), request_body = ReviewRequest, responses((status = 200, body = RealnameAuthApplication), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/operator/realname-auths/{id}/approve")]
pub async fn approve_realname_auth(
    state: Data<AppState>,
    caller: Caller,
    id: Path<String>,
    req: Json<ReviewRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let review = req.into_inner()?.review(Decision::Approve)?;
    decide(state, &id, review).await
}

/// Rejects the application with reasons; the partner may file a new one.
#[utoipa::path(tag = "operator", params(("id" = String, Path, example = "3a2b1c0d9e8f4a7b6c5d4e3f2a1b0c9d")), request_body = RejectionRequest, responses((status = 200, body = RealnameAuthApplication), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/operator/realname-auths/{id}/reject")]
pub async fn reject_realname_auth(
    state: Data<AppState>,
    caller: Caller,
    id: Path<String>,
    req: Json<RejectionRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let review = req.into_inner()?.review()?;
    decide(state, &id, review).await
}

/// Real-name authentications of every partner's customers, oldest first (e.g.
/// `status=REVIEWING`).
#[utoipa::path(tag = "operator", params(QueueQuery), responses((status = 200, body = RealnameAuthQueue)))]
#[get("/v2/operator/realname-auths")]
pub async fn list_realname_auths_to_review(
    state: Data<AppState>,
    caller: Caller,
    query: Query<QueueQuery>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let q = query.into_inner()?.check(&req)?;
    let (total, apps) = state
        .read(move |conn| {
            realname::queue(
                conn,
                q.status.as_deref(),
                q.partner_id.as_deref(),
                q.page.offset,
                q.page.limit,
            )
        })
        .await?;
    Ok(wire::ok(&RealnameAuthQueue {
        total_count: total,
        applications: apps.iter().map(RealnameAuthApplication::from).collect(),
    }))
}
