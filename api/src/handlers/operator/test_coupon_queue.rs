//! `GET /v2/operator/test-coupon-applications`: the S15 review queue of every partner.

use crate::auth::Caller;
use crate::extract::LegacyQuery as Query;
use crate::handlers::operator::reviews::PendingQueueQuery;
use crate::handlers::vouchers::test_coupons::ApplicationPage;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{get, HttpRequest, HttpResponse};
use persistence::repo::test_coupons as repo;

/// Test-voucher applications, oldest first (`status` PENDING, APPROVED or REJECTED; e.g.
/// `status=PENDING` to review).
#[utoipa::path(tag = "operator", params(PendingQueueQuery), responses((status = 200, body = ApplicationPage)))]
#[get("/v2/operator/test-coupon-applications")]
pub async fn list_test_coupon_applications_to_review(
    state: Data<AppState>,
    caller: Caller,
    query: Query<PendingQueueQuery>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let q = query.into_inner()?.check(&req)?;
    let (total, rows) = q.load(&state, repo::queue).await?;
    Ok(wire::json(
        StatusCode::OK,
        &ApplicationPage::new(total, &rows),
    ))
}
