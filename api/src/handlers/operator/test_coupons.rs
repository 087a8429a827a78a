//! S15 for the operator: a partner's solutions and their certification (with the partner's
//! SOFTWARE path stage they set the test-voucher cap), and the review of applications.

use super::path_id;
use crate::auth::Caller;
use crate::extract::LegacyJson as Json;
use crate::handlers::vouchers::test_coupons::TestCouponApplication;
use crate::service::not_found;
use crate::service::vouchers::test_coupons::{self as svc, Review};
use crate::wire::DecimalInput;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{post, put, HttpResponse};
use domain::code::Coded;
use domain::vouchers::test_coupons::{Certification, SolutionKind};
use domain::{Amount, Violation};
use persistence::ids;
use persistence::repo::partners;
use persistence::repo::test_coupons::{self as repo, SolutionRow};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

#[derive(Deserialize, Validate, ToSchema)]
pub struct SolutionInput {
    #[validate(length(min = 1, max = 128))]
    #[schema(schema_with = solution_name_schema)]
    name: String,
    /// NONE (default), CLOUD_SOFTWARE or ADVANCED_CLOUD_SOFTWARE.
    #[schema(schema_with = certification_schema)]
    certification: Option<String>,
    /// SERVICE, APP or SOLUTION (default).
    #[schema(schema_with = crate::handlers::vouchers::solutions::kind_schema)]
    kind: Option<String>,
}

fn solution_name_schema() -> utoipa::openapi::Object {
    crate::handlers::programs::schemas::required_text(128, "Smart Retail SaaS")
}

fn certification_schema() -> utoipa::openapi::Object {
    crate::schemas::strings(Certification::ALL.iter().map(|c| c.as_str()))
}

#[derive(Serialize, ToSchema)]
pub struct Solution {
    solution_id: String,
    name: String,
    certification: String,
    /// SERVICE, APP or SOLUTION.
    kind: String,
}

/// Registers a partner's software solution with its certification; test vouchers need the
/// partner on the SOFTWARE development path as well.
#[utoipa::path(tag = "operator", params(("partner_id" = String, Path, example = "0a1b2c3d4e5f46a7b8c9d0e1f2a3b4c5")), request_body = SolutionInput, responses((status = 201, body = Solution), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/operator/partners/{partner_id}/solutions")]
pub async fn create_solution(
    state: Data<AppState>,
    caller: Caller,
    partner_id: Path<String>,
    body: Json<SolutionInput>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let pid = path_id(&partner_id)?.to_owned();
    let b = body.into_inner()?;
    domain::text::required("name", &b.name, 128)?;
    let cert = Certification::parse(b.certification.as_deref().unwrap_or("NONE"))?;
    let kind = match b.kind.as_deref() {
        None => SolutionKind::Solution,
        Some(k) => SolutionKind::from_text(k)
            .ok_or_else(|| Violation::param(format!("kind must be {}", SolutionKind::listing())))?,
    };
    let row = SolutionRow {
        id: ids::new_id(),
        partner_id: pid,
        name: b.name,
        certification: cert.as_str().to_owned(),
        created_at: state.now(),
        kind: kind.as_str().to_owned(),
    };
    let out = Solution {
        solution_id: row.id.clone(),
        name: row.name.clone(),
        certification: row.certification.clone(),
        kind: row.kind.clone(),
    };
    state
        .write(move |conn| {
            partners::find(conn, &row.partner_id)?.ok_or_else(|| not_found("partner"))?;
            Ok(repo::insert_solution(conn, &row)?)
        })
        .await?;
    Ok(wire::json(StatusCode::CREATED, &out))
}

#[derive(Deserialize, Validate, ToSchema)]
pub struct CertificationInput {
    /// NONE, CLOUD_SOFTWARE or ADVANCED_CLOUD_SOFTWARE.
    #[schema(schema_with = certification_schema)]
    certification: String,
}

/// Sets the certification a solution reached.
#[utoipa::path(tag = "operator", params(("partner_id" = String, Path, example = "0a1b2c3d4e5f46a7b8c9d0e1f2a3b4c5"), ("solution_id" = String, Path, example = "6e5d4c3b2a1f4e0d9c8b7a6f5e4d3c2b")), request_body = CertificationInput, responses((status = 204), (status = 404, body = openapi::ErrorBody)))]
#[put("/v2/operator/partners/{partner_id}/solutions/{solution_id}/certification")]
pub async fn set_solution_certification(
    state: Data<AppState>,
    caller: Caller,
    path: Path<(String, String)>,
    body: Json<CertificationInput>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let (pid, sid) = (path_id(&path.0)?.to_owned(), path_id(&path.1)?.to_owned());
    let cert = Certification::parse(&body.into_inner()?.certification)?;
    state
        .write(move |conn| {
            repo::set_certification(conn, &pid, &sid, cert.as_str())?
                .then_some(())
                .ok_or_else(|| not_found("solution"))
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Deserialize, Validate, ToSchema)]
pub struct ReviewInput {
    #[validate(length(max = 10))]
    #[schema(schema_with = reason_codes_schema)]
    reason_codes: Option<Vec<String>>,
    #[validate(length(max = 1000))]
    #[schema(max_length = 1000, example = "The test plan names no workload.")]
    reason: Option<String>,
    /// Approvals only: at most the amount applied for (the default).
    approved_amount: Option<DecimalInput>,
    /// Approvals only: the vouchers' expiry, UTC, in the future; default one year from now.
    #[schema(schema_with = crate::schemas::utc_time)]
    expire_time: Option<String>,
}

/// Reason codes here are ids (`check_ids`): 1–64 characters without commas, distinct.
fn reason_codes_schema() -> utoipa::openapi::Array {
    let mut a = crate::handlers::programs::schemas::ids(0, 10);
    a.examples = vec![serde_json::json!(["TEST_PLAN_UNCLEAR"])];
    a
}

fn review(b: ReviewInput, now: i64) -> Result<Review, ApiError> {
    let codes = b.reason_codes.unwrap_or_default();
    domain::vouchers::check_ids("reason_codes", &codes, 10)?;
    let expire_time = match &b.expire_time {
        Some(s) => wire::parse_utc("expire_time", s)?,
        None => now + 365 * 86_400,
    };
    if expire_time <= now {
        return Err(Violation::new(
            domain::vouchers::PERIOD_ENDED,
            "expire_time must be in the future",
        )
        .into());
    }
    Ok(Review {
        reason_codes: codes,
        reason: b.reason,
        amount: b
            .approved_amount
            .map(|d| Amount::from_decimal(d.0))
            .transpose()
            .map_err(|e| Violation::param(format!("approved_amount {e}")))?,
        expire_time,
    })
}

/// Approves: the approved amount is issued as one voucher to the named customer account.
#[utoipa::path(tag = "operator", params(("application_id" = String, Path, example = "5f0c9a7e3b2d4c1a8e6f7b9d0a1c2e3f")), request_body = ReviewInput, responses((status = 200, body = TestCouponApplication), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/operator/test-coupon-applications/{application_id}/approve")]
pub async fn approve_test_coupons(
    state: Data<AppState>,
    caller: Caller,
    id: Path<String>,
    body: Json<ReviewInput>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let id = path_id(&id)?.to_owned();
    let now = state.now();
    let r = review(body.into_inner()?, now)?;
    let row = state
        .write(move |conn| svc::approve(conn, &id, &r, now))
        .await?;
    Ok(wire::json(
        StatusCode::OK,
        &TestCouponApplication::from(&row),
    ))
}

/// Rejects with reason codes and a reason; the partner may apply again.
#[utoipa::path(tag = "operator", params(("application_id" = String, Path, example = "5f0c9a7e3b2d4c1a8e6f7b9d0a1c2e3f")), request_body = ReviewInput, responses((status = 200, body = TestCouponApplication), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/operator/test-coupon-applications/{application_id}/reject")]
pub async fn reject_test_coupons(
    state: Data<AppState>,
    caller: Caller,
    id: Path<String>,
    body: Json<ReviewInput>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let id = path_id(&id)?.to_owned();
    let now = state.now();
    let r = review(body.into_inner()?, now)?;
    let row = state
        .write(move |conn| svc::reject(conn, &id, &r, now))
        .await?;
    Ok(wire::json(
        StatusCode::OK,
        &TestCouponApplication::from(&row),
    ))
}
