//! Use cases of programs and incentives. Each application gathers its facts with one function
//! that both the `.../eligibility` read and the application itself call, so the two always
//! agree; the application then refuses with every failing rule or writes its record.

pub mod business_info;
pub mod certification;
pub mod fh;
pub mod paths;
pub mod payouts;
pub mod projects;
pub mod subsidy;

use crate::service::Failure;
use domain::Violation;
use persistence::repo::programs::Decision;
use persistence::StoreError;

/// An application's outcome: the record written, or every rule that refused it.
pub type Decided<T> = Result<T, Vec<Violation>>;

/// A value read back from the database that no longer parses is a bug, not a client error.
pub(crate) fn stored<T>(r: Result<T, Violation>) -> Result<T, Failure> {
    Ok(r.map_err(|v| StoreError::Internal(format!("stored value is invalid: {}", v.message)))?)
}

/// The operator's decision on an application, checked.
#[derive(Debug, Clone)]
pub struct Review {
    pub decision: domain::programs::review::Decision,
    pub reason_codes: Vec<String>,
    pub reason: Option<String>,
}

impl Review {
    pub fn new(
        decision: domain::programs::review::Decision,
        reason_codes: Vec<String>,
        reason: Option<String>,
    ) -> Result<Self, Violation> {
        domain::programs::review::check_reasons(decision, &reason_codes, reason.as_deref())?;
        Ok(Review {
            decision,
            reason_codes,
            reason,
        })
    }

    /// The stored decision, for an application currently in `status`.
    pub fn to_decision(&self, status: &str, now: i64) -> Result<Decision, Failure> {
        use domain::programs::review::{self, ReviewStatus};
        let current = stored(ReviewStatus::parse(status))?;
        let next = review::decide(current, self.decision)?;
        Ok(Decision {
            status: next.as_str().to_owned(),
            at: now,
            reason_codes: self.reason_codes.clone(),
            reason: self.reason.clone(),
        })
    }
}

/// The application was decided by someone else between our read and our write.
pub(crate) fn status_changed() -> Failure {
    Failure::Refused(Violation::new(
        domain::codes::APPLICATION_STATUS,
        "the application is no longer under review",
    ))
}
