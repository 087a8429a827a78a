//! S15 test vouchers: one cap per partner, set by the highest software certification any of
//! its solutions reached (not the sum); one application at a time.

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

/// The partner's cap: by the highest certification of its solutions; `None` when it has no
/// solution on the software path.
pub fn cap(certifications: &[Certification]) -> Option<Money> {
    certifications.iter().max().map(|c| c.cap())
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
    certifications: &[Certification],
    used: Money,
    pending: bool,
    amount: Money,
) -> Result<(), Violation> {
    let cap = cap(certifications).ok_or_else(|| {
        Violation::new(
            codes::NOT_ON_SOFTWARE_PATH,
            "test vouchers need a solution on the software path",
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
    certifications: &[Certification],
    used: Money,
    amount: Money,
) -> Result<(), Violation> {
    within_cap(amount, cap(certifications).unwrap_or(Money::ZERO), used)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Certification::*;

    fn yuan(y: i64) -> Money {
        Money::from_cents(y * 100)
    }

    #[test]
    fn the_highest_certification_sets_the_cap() {
        assert_eq!(cap(&[]), Option::None);
        assert_eq!(cap(&[None]), Some(yuan(20_000)));
        assert_eq!(cap(&[None, CloudSoftware, None]), Some(yuan(100_000)));
        assert_eq!(
            cap(&[CloudSoftware, AdvancedCloudSoftware, CloudSoftware]),
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
        assert_eq!(
            code(check_application(&[], yuan(0), false, yuan(1))),
            codes::NOT_ON_SOFTWARE_PATH
        );
        assert_eq!(
            code(check_application(&[None], yuan(0), true, yuan(1))),
            codes::TEST_COUPON_PENDING
        );
        assert_eq!(
            code(check_application(&[None], yuan(15_000), false, yuan(5_000))),
            "ok"
        );
        assert_eq!(
            code(check_application(&[None], yuan(15_000), false, yuan(5_001))),
            codes::TEST_COUPON_CAP_EXCEEDED
        );
        assert_eq!(
            code(check_approval(&[None], yuan(20_000), yuan(1))),
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
