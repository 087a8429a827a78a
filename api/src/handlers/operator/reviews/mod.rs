//! Operator reviews: `POST /v2/operator/{collection}/{id}/approve` and `.../reject` with
//! `{"reason_codes": [...], "reason": "..."}`. Only an application under review can be
//! decided (`CBC.99100045` otherwise); a rejection names at least one reason code.

pub mod business_info;
pub mod certifications;
pub mod fh_qualifications;
pub mod subsidy_applications;

use crate::service::programs::Review;
use crate::ApiError;
use domain::programs::review::Decision;
use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

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
