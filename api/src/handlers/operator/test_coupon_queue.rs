//! `GET /v2/operator/test-coupon-applications`: the S15 review queue of every partner.

use crate::auth::Caller;
use crate::extract::Query;
use crate::handlers::vouchers::test_coupons::ApplicationPage;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{get, HttpResponse};
use domain::paging::Page;
use persistence::repo::test_coupons as repo;
use serde::Deserialize;
use utoipa::IntoParams;
use validator::Validate;

#[derive(Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TestCouponQueueQuery {
    /// PENDING, APPROVED or REJECTED; absent: all.
    status: Option<String>,
    #[validate(length(min = 1, max = 64))]
    #[param(min_length = 1, max_length = 64)]
    partner_id: Option<String>,
    #[validate(range(min = 0))]
    #[param(minimum = 0)]
    offset: Option<i64>,
    #[validate(range(min = 1, max = 100))]
    #[param(minimum = 1, maximum = 100)]
    limit: Option<i64>,
}

/// Test-voucher applications, oldest first (e.g. `status=PENDING` to review).
#[utoipa::path(tag = "operator", params(TestCouponQueueQuery), responses((status = 200, body = ApplicationPage)))]
#[get("/v2/operator/test-coupon-applications")]
pub async fn list_test_coupon_applications_to_review(
    state: Data<AppState>,
    caller: Caller,
    query: Query<TestCouponQueueQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let q = query.into_inner()?;
    let page = Page::new(q.offset, q.limit)?;
    if let Some(s) = q.status.as_deref() {
        if ![repo::PENDING, repo::APPROVED, repo::REJECTED].contains(&s) {
            return Err(ApiError::param(
                "status must be PENDING, APPROVED or REJECTED",
            ));
        }
    }
    let (total, rows) = state
        .read(move |conn| {
            repo::queue(
                conn,
                q.status.as_deref(),
                q.partner_id.as_deref(),
                page.offset,
                page.limit,
            )
        })
        .await?;
    Ok(wire::json(
        StatusCode::OK,
        &ApplicationPage::new(total, &rows),
    ))
}
