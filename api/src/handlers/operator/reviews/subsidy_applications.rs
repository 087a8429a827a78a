//! S5 reviews: `POST /v2/operator/subsidy-applications/{application_id}/approve` and
//! `.../reject`. Labels are not looked at again: the application was judged when made.

use super::QueueQuery;
use super::RejectionRequest;
use crate::auth::Caller;
use crate::extract::LegacyJson as Json;
use crate::extract::LegacyQuery as Query;
use crate::handlers::operator::path_id;
use crate::handlers::programs::subsidies::SubsidyView;
use crate::service::programs::{subsidy, Review};
use crate::wire::DecimalInput;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{get, post, HttpRequest, HttpResponse};
use domain::programs::review::Decision;
use domain::{Amount, Violation};
use persistence::repo::programs::subsidies as repo;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

#[derive(Deserialize, Validate, ToSchema)]
pub struct SubsidyApproval {
    #[serde(default)]
    #[schema(schema_with = super::optional_reason_codes)]
    reason_codes: Vec<String>,
    #[schema(schema_with = super::reason_schema)]
    reason: Option<String>,
    /// Grants a `PROJECT_SUBSIDY` incentive of this amount (project's currency) to pay out.
    subsidy_amount: Option<DecimalInput>,
}

async fn decide(
    state: Data<AppState>,
    id: &str,
    review: Review,
    amount: Option<Amount>,
) -> Result<HttpResponse, ApiError> {
    let id = path_id(id)?.to_owned();
    let now = state.now();
    let row = state
        .write(move |conn| subsidy::review(conn, &id, &review, amount, now))
        .await?;
    Ok(wire::json(StatusCode::OK, &SubsidyView::from(row)))
}

/// Approves a subsidy application, optionally granting the subsidy as an incentive.
#[utoipa::path(tag = "operator", params(("application_id" = String, Path, example = "5f0c9a7e3b2d4c1a8e6f7b9d0a1c2e3f")), request_body = SubsidyApproval, responses((status = 200, body = SubsidyView), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/operator/subsidy-applications/{application_id}/approve")]
pub async fn approve_subsidy_application(
    state: Data<AppState>,
    caller: Caller,
    id: Path<String>,
    req: Json<SubsidyApproval>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let r = req.into_inner()?;
    let amount = r
        .subsidy_amount
        .map(|d| Amount::from_decimal(d.0))
        .transpose()
        .map_err(|e| Violation::param(format!("subsidy_amount {e}")))?;
    let review = Review::new(Decision::Approve, r.reason_codes, r.reason)?;
    decide(state, &id, review, amount).await
}

/// Rejects a subsidy application with reasons.
#[utoipa::path(tag = "operator", params(("application_id" = String, Path, example = "5f0c9a7e3b2d4c1a8e6f7b9d0a1c2e3f")), request_body = RejectionRequest, responses((status = 200, body = SubsidyView), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/operator/subsidy-applications/{application_id}/reject")]
pub async fn reject_subsidy_application(
    state: Data<AppState>,
    caller: Caller,
    id: Path<String>,
    req: Json<RejectionRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let review = req.into_inner()?.review()?;
    decide(state, &id, review, None).await
}

#[derive(Serialize, ToSchema)]
pub struct SubsidyQueue {
    total_count: i64,
    subsidy_applications: Vec<SubsidyView>,
}

/// The subsidy applications of every partner, oldest first (e.g. `status=REVIEWING`).
#[utoipa::path(tag = "operator", params(QueueQuery), responses((status = 200, body = SubsidyQueue)))]
#[get("/v2/operator/subsidy-applications")]
pub async fn list_subsidy_applications_to_review(
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
        &SubsidyQueue {
            total_count: total,
            subsidy_applications: rows.into_iter().map(SubsidyView::from).collect(),
        },
    ))
}
