//! S15 test vouchers: one cap per partner, set by the highest software certification it reached
//! (its stage on the software path, or a certification of one of its solutions — the highest
//! applies, not the sum); only on the software path; one application at a time.

use crate::programs::paths::Stage;
use crate::{codes, Money, Violation};

/// A solution's certification on the software path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Certification {
    /// On the software path, not certified.
    None,
    /// Cloud-software certification (云软件认证).
    CloudSoftware,
    /// Advanced cloud-software certification (高级云软件认证).
    AdvancedCloudSoftware,
}

impl Certification {
    pub const ALL: [Certification; 3] =
        [Self::None, Self::CloudSoftware, Self::AdvancedCloudSoftware];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "NONE",
            Self::CloudSoftware => "CLOUD_SOFTWARE",
            Self::AdvancedCloudSoftware => "ADVANCED_CLOUD_SOFTWARE",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Violation> {
        Self::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| {
                Violation::param(
                    "certification must be one of NONE, CLOUD_SOFTWARE, ADVANCED_CLOUD_SOFTWARE",
                )
            })
    }

    /// The certification a software-path stage stands for: role certification is the
    /// cloud-software certification, capability differentiation the advanced one.
    pub fn of_stage(stage: Stage) -> Self {
        match stage {
            Stage::Joined => Self::None,
            Stage::RoleCertified => Self::CloudSoftware,
            Stage::CapabilityDifferentiated => Self::AdvancedCloudSoftware,
        }
    }

    /// The cap this certification gives: 20,000 / 100,000 / 300,000 CNY.
    pub fn cap(self) -> Money {
        let yuan = match self {
            Self::None => 20_000,
            Self::CloudSoftware => 100_000,
            Self::AdvancedCloudSoftware => 300_000,
        };
        Money::from_cents(yuan * 100)
    }
}

/// What test vouchers may be used for.
pub const PURPOSES: [&str; 4] = ["BUILD", "TEST", "MIGRATION", "TRAINING"];

/// The highest certification reached: `None` when the partner is not on the software path
/// (then its solutions' certifications do not count either).
pub fn level(stage: Option<Stage>, solutions: &[Certification]) -> Option<Certification> {
    let stage = Certification::of_stage(stage?);
    Some(solutions.iter().copied().fold(stage, Certification::max))
}

/// What is left to apply for: cap − approved − pending, never below zero.
pub fn available(cap: Money, used: Money, pending: Money) -> Money {
    cap.checked_sub(used)
        .and_then(|m| m.checked_sub(pending))
        .unwrap_or(Money::ZERO)
        .max(Money::ZERO)
}

fn within_cap(amount: Money, cap: Money, used: Money) -> Result<(), Violation> {
    let left = available(cap, used, Money::ZERO);
    if amount > left {
        return Err(Violation::new(
            codes::TEST_COUPON_CAP_EXCEEDED,
            format!("the amount exceeds what is left of your test-voucher cap ({left})"),
        ));
    }
    Ok(())
}

/// A new application: the software path joined, none pending, within what is left.
pub fn check_application(
    level: Option<Certification>,
    used: Money,
    pending: bool,
    amount: Money,
) -> Result<(), Violation> {
    let cap = level.map(Certification::cap).ok_or_else(|| {
        Violation::new(
            codes::PATH_NOT_JOINED,
            "test vouchers need the software development path joined",
        )
    })?;
    if pending {
        return Err(Violation::new(
            codes::TEST_COUPON_PENDING,
            "an application for test vouchers is still pending",
        ));
    }
    within_cap(amount, cap, used)
}

/// An approval: the approved amount must still fit (the cap may have changed meanwhile).
pub fn check_approval(
    level: Option<Certification>,
    used: Money,
    amount: Money,
) -> Result<(), Violation> {
    within_cap(amount, level.map_or(Money::ZERO, Certification::cap), used)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Certification::*;

    fn yuan(y: i64) -> Money {
        Money::from_cents(y * 100)
    }

    fn cap(stage: Option<Stage>, solutions: &[Certification]) -> Option<Money> {
        level(stage, solutions).map(Certification::cap)
    }

    #[test]
    fn the_highest_certification_sets_the_cap() {
        assert_eq!(cap(Option::None, &[AdvancedCloudSoftware]), Option::None);
        assert_eq!(cap(Some(Stage::Joined), &[]), Some(yuan(20_000)));
        assert_eq!(cap(Some(Stage::RoleCertified), &[]), Some(yuan(100_000)));
        assert_eq!(
            cap(Some(Stage::CapabilityDifferentiated), &[None]),
            Some(yuan(300_000))
        );
        assert_eq!(
            cap(Some(Stage::Joined), &[None, CloudSoftware, None]),
            Some(yuan(100_000))
        );
        assert_eq!(
            cap(
                Some(Stage::RoleCertified),
                &[CloudSoftware, AdvancedCloudSoftware]
            ),
            Some(yuan(300_000)),
            "the highest applies, not the sum"
        );
        for c in Certification::ALL {
            assert_eq!(Certification::parse(c.as_str()), Ok(c));
        }
        assert!(Certification::parse("GOLD").is_err());
    }

    #[test]
    fn applications_respect_path_pending_and_cap() {
        let code = |r: Result<(), Violation>| r.err().map_or("ok", |v| v.code);
        let joined = Some(None);
        assert_eq!(
            code(check_application(Option::None, yuan(0), false, yuan(1))),
            codes::PATH_NOT_JOINED
        );
        assert_eq!(
            code(check_application(joined, yuan(0), true, yuan(1))),
            codes::TEST_COUPON_PENDING
        );
        assert_eq!(
            code(check_application(joined, yuan(15_000), false, yuan(5_000))),
            "ok"
        );
        assert_eq!(
            code(check_application(joined, yuan(15_000), false, yuan(5_001))),
            codes::TEST_COUPON_CAP_EXCEEDED
        );
        assert_eq!(
            code(check_approval(joined, yuan(20_000), yuan(1))),
            codes::TEST_COUPON_CAP_EXCEEDED
        );
        assert_eq!(
            available(yuan(20_000), yuan(15_000), yuan(6_000)),
            Money::ZERO
        );
        assert_eq!(
            available(yuan(20_000), yuan(5_000), yuan(6_000)),
            yuan(9_000)
        );
    }
}
