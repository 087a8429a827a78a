//! S15 test vouchers: one cap per partner, set by the highest software certification it reached
//! (its stage on the software path, or a certification of one of its solutions — the highest
//! applies, not the sum); only on the software path; one application at a time.

use crate::orders::PeriodType;
use crate::programs::paths::Stage;
use crate::vouchers::scope::LineScope;
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

crate::coded_enum! {
    /// What test vouchers are for (S15: 构建、测试、验证、迁移、培训、服务试用、培训赋能): BUILD,
    /// TEST, VERIFICATION, MIGRATION, TRAINING, SERVICE_TRIAL or ENABLEMENT.
    pub enum TestPurpose: text {
        Build = "BUILD",
        Test = "TEST",
        Verification = "VERIFICATION",
        Migration = "MIGRATION",
        Training = "TRAINING",
        ServiceTrial = "SERVICE_TRIAL",
        Enablement = "ENABLEMENT",
    }
}

crate::coded_enum! {
    /// What a partner registers to apply for test vouchers with: a SERVICE, an APP or a
    /// (software) SOLUTION.
    pub enum SolutionKind: text {
        Service = "SERVICE",
        App = "APP",
        Solution = "SOLUTION",
    }
}

/// How many of its services, apps and solutions one application may name.
pub const MAX_APPLICATION_SOLUTIONS: usize = 20;

/// The longest yearly/monthly subscription a test voucher pays for, in months: less than a
/// year (SEED-TO-API S15 FAQ: on-demand or monthly, no yearly of one year or more).
pub const MAX_TEST_VOUCHER_MONTHS: i64 = 11;

/// A test voucher cannot pay an order with a yearly/monthly line of one year or longer.
pub fn may_pay(lines: &[LineScope]) -> Result<(), Violation> {
    let long = lines.iter().position(|l| {
        let months = match l.period_type {
            PeriodType::Year => i64::from(l.period_num) * 12,
            PeriodType::Month => i64::from(l.period_num),
            _ => 0,
        };
        months > MAX_TEST_VOUCHER_MONTHS
    });
    match long {
        Some(i) => Err(Violation::new(
            codes::TEST_VOUCHER_LONG_PERIOD,
            format!(
                "a test voucher cannot pay a yearly/monthly subscription of one year or longer (line {})",
                i + 1
            ),
        )),
        None => Ok(()),
    }
}

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

    fn line(t: PeriodType, n: i32) -> LineScope {
        LineScope {
            cloud_service_type: "hws.service.type.ec2".into(),
            product_id: "p".into(),
            amount: yuan(1),
            period_type: t,
            period_num: n,
        }
    }

    #[test]
    fn test_vouchers_pay_no_subscription_of_a_year_or_more() {
        use PeriodType::*;
        let table = [
            (vec![], true),
            (vec![line(Hour, 5000)], true),
            (vec![line(Day, 400)], true),
            (vec![line(OneOff, 1)], true),
            (vec![line(Month, 1)], true),
            (vec![line(Month, 11)], true),
            (vec![line(Month, 12)], false),
            (vec![line(Month, 36)], false),
            (vec![line(Year, 1)], false),
            (vec![line(Month, 1), line(Year, 3)], false),
        ];
        for (lines, ok) in table {
            let got = may_pay(&lines);
            assert_eq!(got.is_ok(), ok, "{lines:?}");
            if let Err(v) = got {
                assert_eq!(v.code, codes::TEST_VOUCHER_LONG_PERIOD);
            }
        }
    }

    #[test]
    fn seven_purposes_and_three_kinds() {
        use crate::code::Coded;
        assert_eq!(TestPurpose::ALL.len(), 7);
        for p in [
            "BUILD",
            "TEST",
            "VERIFICATION",
            "MIGRATION",
            "TRAINING",
            "SERVICE_TRIAL",
            "ENABLEMENT",
        ] {
            assert!(TestPurpose::from_text(p).is_some(), "{p}");
        }
        assert!(TestPurpose::from_text("build").is_none());
        assert_eq!(SolutionKind::ALL.len(), 3);
    }
}
