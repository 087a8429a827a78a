//! What the real-name authentication operations answer, as the SDK's models name it.

use crate::wire::codes::ReviewResult;
use crate::wire::{utc, Code};
use domain::realname::{self, Application};
use serde::Serialize;
use utoipa::ToSchema;

/// `Create…Response`: whether the application goes to manual review (always 1 here).
#[derive(Serialize, ToSchema)]
pub struct IsReview {
    /// 0 no, 1 yes.
    #[schema(example = 1)]
    pub is_review: i64,
}

impl IsReview {
    pub fn always() -> Self {
        IsReview {
            is_review: realname::IS_REVIEW,
        }
    }
}

/// `ShowRealnameAuthenticationReviewResultResponse`: both fields absent when the customer has
/// filed nothing.
#[derive(Serialize, ToSchema)]
pub struct ReviewResultResponse {
    #[serde(skip_serializing_if = "Option::is_none")]
    review_result: Option<ReviewResult>,
    /// The operator's opinion, on a rejection.
    #[serde(skip_serializing_if = "Option::is_none")]
    opinion: Option<String>,
}

impl From<Option<&Application>> for ReviewResultResponse {
    fn from(a: Option<&Application>) -> Self {
        let result = a.map(|a| realname::ReviewResult::of(a.status));
        let rejected = result == Some(realname::ReviewResult::Rejected);
        ReviewResultResponse {
            review_result: result.map(Code),
            opinion: a
                .filter(|_| rejected)
                .map(|a| a.reason.clone().unwrap_or_else(|| a.reason_codes.join(","))),
        }
    }
}

/// One application as the operator reviews it.
#[derive(Serialize, ToSchema)]
pub struct RealnameAuthApplication {
    #[schema(example = "3a2b1c0d9e8f4a7b6c5d4e3f2a1b0c9d")]
    id: String,
    partner_id: String,
    customer_id: String,
    /// `INDIVIDUAL` or `ENTERPRISE`.
    #[schema(example = "ENTERPRISE")]
    subject: &'static str,
    identify_type: i64,
    change_type: Option<i64>,
    /// `REVIEWING`, `APPROVED` or `REJECTED`.
    #[schema(example = "REVIEWING")]
    status: &'static str,
    /// The person's or the company's name.
    name: String,
    /// The rest of the application as filed (attachments, document, company, person; a bank
    /// account masked).
    #[schema(value_type = Object)]
    details: serde_json::Value,
    submitted_on: String,
    reviewed_on: Option<String>,
    reason_codes: Vec<String>,
    reason: Option<String>,
}

impl From<&Application> for RealnameAuthApplication {
    fn from(a: &Application) -> Self {
        RealnameAuthApplication {
            id: a.id.clone(),
            partner_id: a.partner_id.clone(),
            customer_id: a.customer_id.clone(),
            subject: a.subject.as_str(),
            identify_type: a.identify_type,
            change_type: a.change_type,
            status: a.status.as_str(),
            name: a.name.clone(),
            details: serde_json::from_str(&a.details).unwrap_or(serde_json::Value::Null),
            submitted_on: utc(a.submitted_at),
            reviewed_on: a.reviewed_at.map(utc),
            reason_codes: a.reason_codes.clone(),
            reason: a.reason.clone(),
        }
    }
}

/// The operator's queue.
#[derive(Serialize, ToSchema)]
pub struct RealnameAuthQueue {
    pub total_count: i64,
    pub applications: Vec<RealnameAuthApplication>,
}
