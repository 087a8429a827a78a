//! Repositories of programs and incentives (S4, S5, S7, S12, S14, S18).

pub mod business_info;
pub mod certifications;
pub mod fh;
pub mod incentives;
pub mod labels;
pub mod paths;
pub mod personnel;
pub mod projects;
pub mod subsidies;

use crate::StoreError;

/// Lists of codes or ids are stored comma-separated (none of them may contain a comma).
pub fn join(items: &[String]) -> String {
    items.join(",")
}

pub fn split(stored: &str) -> Vec<String> {
    stored
        .split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The outcome of a review, written by the `decide` function of each application table.
#[derive(Debug, Clone)]
pub struct Decision {
    pub status: String,
    pub at: i64,
    pub reason_codes: Vec<String>,
    pub reason: Option<String>,
}

impl Decision {
    pub(crate) fn stored_codes(&self) -> Option<String> {
        (!self.reason_codes.is_empty()).then(|| join(&self.reason_codes))
    }
}

/// For insert-or-update done as find-then-write: a racing insert of the same key makes the
/// transaction start over, and the retry finds the row.
pub fn retry_on_duplicate(e: StoreError) -> StoreError {
    e.retry_on_duplicate()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_round_trip() {
        let v = vec!["A".to_owned(), "B_2".to_owned()];
        assert_eq!(split(&join(&v)), v);
        assert!(split("").is_empty());
    }
}
