//! S18 capability-differentiation certification: who may apply on a path.

use super::paths::{describe, PathType, Stage};
use super::Eligibility;
use crate::{codes, Violation};

/// What the rules need to know about the partner on one path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificationFacts {
    pub path_type: PathType,
    /// The partner's stage on the path; `None` if it has not joined it.
    pub stage: Option<Stage>,
    /// An application for this path is already under review.
    pub pending: bool,
}

pub fn eligibility(f: &CertificationFacts) -> Eligibility {
    let path = f.path_type.as_str();
    let mut e = Eligibility::default();
    e.rule(
        "PATH_JOINED",
        codes::PATH_NOT_JOINED,
        f.stage.is_some(),
        format!("you have joined the {path} development path"),
        format!("join the {path} development path before applying for its certification"),
    )
    .rule(
        "NOT_YET_DIFFERENTIATED",
        codes::ALREADY_DIFFERENTIATED,
        f.stage != Some(Stage::CapabilityDifferentiated),
        format!("your stage on {path} is {}", describe(f.stage)),
        format!("you are already CAPABILITY_DIFFERENTIATED on {path}"),
    )
    .rule(
        "NO_PENDING_APPLICATION",
        codes::APPLICATION_PENDING,
        !f.pending,
        format!("no certification for {path} is under review"),
        pending_message(f.path_type),
    );
    e
}

fn pending_message(path: PathType) -> String {
    format!(
        "a certification for {} is already under review; wait for its result, or fix and resubmit it when rejected",
        path.as_str()
    )
}

/// The refusal of an application that lost a race to another one for the same path.
pub fn already_pending(path: PathType) -> Violation {
    Violation::new(codes::APPLICATION_PENDING, pending_message(path))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Stage::*;

    #[test]
    fn table() {
        let cases: &[(Option<Stage>, bool, &[&str])] = &[
            (Some(Joined), false, &[]),
            (Some(RoleCertified), false, &[]),
            (None, false, &[codes::PATH_NOT_JOINED]),
            (
                Some(CapabilityDifferentiated),
                false,
                &[codes::ALREADY_DIFFERENTIATED],
            ),
            (Some(Joined), true, &[codes::APPLICATION_PENDING]),
            (
                None,
                true,
                &[codes::PATH_NOT_JOINED, codes::APPLICATION_PENDING],
            ),
        ];
        for (stage, pending, want) in cases {
            let e = eligibility(&CertificationFacts {
                path_type: PathType::Software,
                stage: *stage,
                pending: *pending,
            });
            assert_eq!(e.checks.len(), 3, "every rule is always listed");
            let got: Vec<_> = e.failures().iter().map(|v| v.code).collect();
            assert_eq!(&got, want, "{stage:?} pending={pending}");
        }
    }
}
