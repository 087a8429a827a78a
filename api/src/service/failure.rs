//! How a use case ends when it does not succeed. A refusal is a domain answer (one broken rule,
//! or every failing eligibility rule); a storage failure is persistence's. Either rolls the
//! transaction back; only storage failures are retried.

use domain::{codes, Violation};
use persistence::{StoreError, TxError};

#[derive(Debug)]
pub enum Failure {
    /// A rule refused the request.
    Refused(Violation),
    /// Eligibility rules refused it: every failing rule, in rule order (never empty).
    RefusedAll(Vec<Violation>),
    Store(StoreError),
}

pub type Outcome<T> = Result<T, Failure>;

impl Failure {
    /// A state the data should never be in; logged in full, opaque to the client.
    pub fn internal(detail: impl Into<String>) -> Self {
        Failure::Store(StoreError::Internal(detail.into()))
    }

    /// An id that does not exist or is not the caller's: both answer alike.
    pub fn not_found(what: &str) -> Self {
        Failure::Refused(Violation::new(
            codes::NOT_FOUND,
            format!("{what} does not exist"),
        ))
    }

    pub fn rule(code: &'static str, message: impl Into<String>) -> Self {
        Failure::Refused(Violation::new(code, message))
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Refused(v) => write!(f, "{v}"),
            Failure::RefusedAll(all) => match all.first() {
                Some(v) => write!(f, "{v} (and {} more)", all.len() - 1),
                None => write!(f, "refused"),
            },
            Failure::Store(e) => write!(f, "{e}"),
        }
    }
}

impl From<Violation> for Failure {
    fn from(v: Violation) -> Self {
        Failure::Refused(v)
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        Failure::Store(e)
    }
}

impl TxError for Failure {
    fn store(&self) -> Option<&StoreError> {
        match self {
            Failure::Store(e) => Some(e),
            _ => None,
        }
    }
}
