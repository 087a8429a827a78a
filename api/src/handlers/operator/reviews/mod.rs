//! Operator reviews: `POST /v2/operator/{collection}/{id}/approve` and `.../reject` with
//! `{"reason_codes": [...], "reason": "..."}`. Only an application under review can be
//! decided (`CBC.99100045` otherwise); a rejection names at least one reason code.

pub mod business_info;
pub mod certifications;
pub mod fh_qualifications;
pub mod subsidy_applications;

use crate::service::programs::Review;
use crate::{ApiError, AppState};
use domain::paging::Page;
use domain::programs::review::Decision;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

/// The operator's queue of a collection, oldest first.
#[derive(Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QueueQuery {
    /// Only applications in this status: REVIEWING, APPROVED or REJECTED (test-voucher
    /// applications and PO opportunities: PENDING, APPROVED or REJECTED); absent: all.
    status: Option<String>,
    /// Only this partner's.
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

/// A checked queue query: status one of `allowed`, paging within bounds.
pub struct Queue {
    pub status: Option<String>,
    pub partner_id: Option<String>,
    pub page: Page,
}

impl QueueQuery {
    pub fn check(self, allowed: &[&str]) -> Result<Queue, ApiError> {
        if let Some(s) = &self.status {
            if !allowed.contains(&s.as_str()) {
                return Err(ApiError::param(format!(
                    "status must be one of {}",
                    allowed.join(", ")
                )));
            }
        }
        Ok(Queue {
            status: self.status,
            partner_id: self.partner_id,
            page: Page::new(self.offset, self.limit)?,
        })
    }
}

/// One review table's queue function (the repositories' `queue`).
pub type QueueFn<R> = fn(
    &mut persistence::DbConnection,
    Option<&str>,
    Option<&str>,
    i64,
    i64,
) -> Result<(i64, Vec<R>), persistence::StoreError>;

impl Queue {
    /// Reads one page of the queue: the total and the rows.
    pub async fn load<R: Send + 'static>(
        self,
        state: &AppState,
        queue: QueueFn<R>,
    ) -> Result<(i64, Vec<R>), ApiError> {
        state
            .read(move |conn| {
                let (s, p) = (self.status.as_deref(), self.partner_id.as_deref());
                queue(conn, s, p, self.page.offset, self.page.limit)
            })
            .await
    }
}

pub(crate) const REVIEW_STATUSES: &[&str] = &["REVIEWING", "APPROVED", "REJECTED"];

#[derive(Deserialize, Validate, ToSchema)]
pub struct ReviewRequest {
    /// Upper-case codes of the reasons (e.g. `BUSINESS_PLAN_INCOMPLETE`); at least one to
    /// reject, at most 10.
    #[serde(default)]
    reason_codes: Vec<String>,
    /// Free text for the partner, ≤ 1000 characters.
    reason: Option<String>,
}

impl ReviewRequest {
    pub fn review(self, decision: Decision) -> Result<Review, ApiError> {
        Ok(Review::new(decision, self.reason_codes, self.reason)?)
    }
}
