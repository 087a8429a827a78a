//! Operator reviews: `POST /v2/operator/{collection}/{id}/approve` and `.../reject` with
//! `{"reason_codes": [...], "reason": "..."}`. Only an application under review can be
//! decided (`CBC.99100045` otherwise); a rejection names at least one reason code.

pub mod business_info;
pub mod certifications;
pub mod fh_qualifications;
pub mod realname_auths;
pub mod subsidy_applications;

use crate::handlers::programs::schemas;
use crate::handlers::vouchers::EmptyParams;
use crate::service::programs::Review;
use crate::{ApiError, AppState};
use actix_web::HttpRequest;
use domain::paging::Page;
use domain::programs::review::Decision;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

/// The operator's queue of a collection, oldest first: one query type per set of statuses,
/// so the document states the set each queue accepts.
macro_rules! queue_query {
    ($(#[$doc:meta])* $name:ident, $statuses:expr, $schema:ident) => {
        $(#[$doc])*
        #[derive(Deserialize, Validate, IntoParams)]
        #[into_params(parameter_in = Query)]
        pub struct $name {
            /// Only applications in this status; absent: all.
            #[param(schema_with = $schema)]
            status: Option<String>,
            /// Only this partner's.
            #[validate(length(min = 1, max = 64))]
            #[param(min_length = 1, max_length = 64, example = "0a1b2c3d4e5f46a7b8c9d0e1f2a3b4c5")]
            partner_id: Option<String>,
            #[validate(range(min = 0))]
            #[param(minimum = 0, example = 0)]
            offset: Option<i64>,
            #[validate(range(min = 1, max = 100))]
            #[param(minimum = 1, maximum = 100, example = 10)]
            limit: Option<i64>,
        }

        fn $schema() -> utoipa::openapi::Object {
            crate::schemas::strings($statuses.iter().copied())
        }

        impl $name {
            /// Checks the status against the queue's set and the paging bounds.
            pub fn check(self, req: &HttpRequest) -> Result<Queue, ApiError> {
                // The form decoder reads `key=` as absent; the schema allows no empty value
                // (`offset` and `limit` are refused empty by the query extractor itself).
                EmptyParams::of(req).reject(&["status", "partner_id"])?;
                queue($statuses, self.status, self.partner_id, self.offset, self.limit)
            }
        }
    };
}

queue_query!(
    /// A queue of applications reviewed in the shared life cycle (REVIEWING, APPROVED, REJECTED).
    QueueQuery,
    REVIEW_STATUSES,
    review_status_schema
);
queue_query!(
    /// A queue whose applications wait as PENDING (test vouchers, PO opportunities).
    PendingQueueQuery,
    PENDING_STATUSES,
    pending_status_schema
);
queue_query!(
    /// The queue of business information submissions (SUPERSEDED: replaced by a newer one).
    BusinessInfoQueueQuery,
    BUSINESS_INFO_STATUSES,
    business_info_status_schema
);

pub(crate) const PENDING_STATUSES: &[&str] = &["PENDING", "APPROVED", "REJECTED"];
pub(crate) const BUSINESS_INFO_STATUSES: &[&str] =
    &["REVIEWING", "CERTIFIED", "FAILED", "SUPERSEDED"];

fn queue(
    allowed: &[&str],
    status: Option<String>,
    partner_id: Option<String>,
    offset: Option<i64>,
    limit: Option<i64>,
) -> Result<Queue, ApiError> {
    if let Some(s) = &status {
        if !allowed.contains(&s.as_str()) {
            return Err(ApiError::param(format!(
                "status must be one of {}",
                allowed.join(", ")
            )));
        }
    }
    Ok(Queue {
        status,
        partner_id,
        page: Page::new(offset, limit)?,
    })
}

/// A checked queue query: status one of `allowed`, paging within bounds.
pub struct Queue {
    pub status: Option<String>,
    pub partner_id: Option<String>,
    pub page: Page,
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
                Ok(queue(conn, s, p, self.page.offset, self.page.limit)?)
            })
            .await
    }
}

pub(crate) const REVIEW_STATUSES: &[&str] = &["REVIEWING", "APPROVED", "REJECTED"];

/// An approval: reasons are optional.
#[derive(Deserialize, Validate, ToSchema)]
pub struct ReviewRequest {
    /// Upper-case codes of the reasons (e.g. `BUSINESS_PLAN_INCOMPLETE`), at most 10, distinct.
    #[serde(default)]
    #[schema(schema_with = optional_reason_codes)]
    reason_codes: Vec<String>,
    /// Free text for the partner, ≤ 1000 characters.
    #[schema(schema_with = reason_schema)]
    reason: Option<String>,
}

impl ReviewRequest {
    pub fn review(self, decision: Decision) -> Result<Review, ApiError> {
        Ok(Review::new(decision, self.reason_codes, self.reason)?)
    }
}

/// A rejection: it names at least one reason so the partner knows what to fix.
#[derive(Deserialize, Validate, ToSchema)]
pub struct RejectionRequest {
    /// Upper-case codes of the reasons (e.g. `BUSINESS_PLAN_INCOMPLETE`), 1 to 10, distinct.
    #[schema(schema_with = rejection_reason_codes)]
    reason_codes: Vec<String>,
    /// Free text for the partner, ≤ 1000 characters.
    #[schema(schema_with = reason_schema)]
    reason: Option<String>,
}

impl RejectionRequest {
    pub fn review(self) -> Result<Review, ApiError> {
        Ok(Review::new(
            Decision::Reject,
            self.reason_codes,
            self.reason,
        )?)
    }
}

pub(crate) fn optional_reason_codes() -> utoipa::openapi::Array {
    schemas::upper_codes(0, 10, "BUSINESS_PLAN_INCOMPLETE")
}

fn rejection_reason_codes() -> utoipa::openapi::Array {
    schemas::upper_codes(1, 10, "BUSINESS_PLAN_INCOMPLETE")
}

pub(crate) fn reason_schema() -> utoipa::openapi::Object {
    schemas::optional_text(1000, "The business plan names no delivery team.")
}
