//! The review life cycle every application shares: submitted for review, then approved or
//! rejected by the operator with reason codes; a rejected one may be fixed and resubmitted.

use crate::{codes, Violation};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReviewStatus {
    Reviewing,
    Approved,
    Rejected,
}

impl ReviewStatus {
    pub const ALL: [ReviewStatus; 3] = [Self::Reviewing, Self::Approved, Self::Rejected];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Reviewing => "REVIEWING",
            Self::Approved => "APPROVED",
            Self::Rejected => "REJECTED",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Violation> {
        Self::ALL
            .into_iter()
            .find(|x| x.as_str() == s)
            .ok_or_else(|| Violation::param("status must be one of REVIEWING, APPROVED, REJECTED"))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Approve,
    Reject,
}

/// The status a decision leads to; only an application under review can be decided.
pub fn decide(current: ReviewStatus, decision: Decision) -> Result<ReviewStatus, Violation> {
    if current != ReviewStatus::Reviewing {
        return Err(Violation::new(
            codes::APPLICATION_STATUS,
            format!(
                "the application is {} and no longer under review",
                current.as_str()
            ),
        ));
    }
    Ok(match decision {
        Decision::Approve => ReviewStatus::Approved,
        Decision::Reject => ReviewStatus::Rejected,
    })
}

/// Only a rejected application can be fixed and resubmitted.
pub fn resubmit(current: ReviewStatus) -> Result<ReviewStatus, Violation> {
    if current != ReviewStatus::Rejected {
        return Err(Violation::new(
            codes::APPLICATION_STATUS,
            format!(
                "only a REJECTED application can be resubmitted; this one is {}",
                current.as_str()
            ),
        ));
    }
    Ok(ReviewStatus::Reviewing)
}

/// Checks a decision's reasons: codes are 1–64 of `A–Z0–9_`, at most 10, distinct; a rejection
/// names at least one so the partner knows what to fix.
pub fn check_reasons(
    decision: Decision,
    reason_codes: &[String],
    reason: Option<&str>,
) -> Result<(), Violation> {
    if reason_codes.len() > 10 {
        return Err(Violation::param("reason_codes holds at most 10 codes"));
    }
    if decision == Decision::Reject && reason_codes.is_empty() {
        return Err(Violation::param(
            "reason_codes must name at least one reason when rejecting",
        ));
    }
    for (i, c) in reason_codes.iter().enumerate() {
        let ok = !c.is_empty()
            && c.len() <= 64
            && c.bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
        if !ok {
            return Err(Violation::param(format!(
                "reason_codes[{i}] must be 1 to 64 characters of A-Z, 0-9 and _"
            )));
        }
        if reason_codes[..i].contains(c) {
            return Err(Violation::param(format!("reason_codes[{i}] is repeated")));
        }
    }
    if let Some(r) = reason {
        crate::text::optional("reason", r, 1000)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ReviewStatus::*;

    #[test]
    fn transitions() {
        let cases = [
            (Reviewing, Decision::Approve, Ok(Approved)),
            (Reviewing, Decision::Reject, Ok(Rejected)),
            (Approved, Decision::Reject, Err(codes::APPLICATION_STATUS)),
            (Rejected, Decision::Approve, Err(codes::APPLICATION_STATUS)),
        ];
        for (from, d, want) in cases {
            assert_eq!(decide(from, d).map_err(|v| v.code), want, "{from:?} {d:?}");
        }
        assert_eq!(resubmit(Rejected), Ok(Reviewing));
        assert!(resubmit(Reviewing).is_err());
        assert!(resubmit(Approved).is_err());
    }

    #[test]
    fn reasons() {
        let codes = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert!(check_reasons(Decision::Approve, &[], None).is_ok());
        assert!(check_reasons(Decision::Reject, &[], Some("no")).is_err());
        assert!(check_reasons(Decision::Reject, &codes(&["PLAN_INCOMPLETE"]), None).is_ok());
        assert!(check_reasons(Decision::Reject, &codes(&["bad code"]), None).is_err());
        assert!(check_reasons(Decision::Reject, &codes(&["A", "A"]), None).is_err());
        let many: Vec<String> = (0..11).map(|i| format!("R{i}")).collect();
        assert!(check_reasons(Decision::Approve, &many, None).is_err());
        let long = "x".repeat(1001);
        assert!(check_reasons(Decision::Approve, &[], Some(&long)).is_err());
    }
}
