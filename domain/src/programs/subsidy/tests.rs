use super::*;
use crate::programs::personnel::{CertLevel, MemberRole};

fn team() -> Vec<Member> {
    let m = |id: &str, role| Member {
        user_id: id.into(),
        role,
        level: CertLevel::Work,
        infosec_passed: true,
        pm_certified: true,
        fh_covered: false,
    };
    vec![
        m("pm", MemberRole::ProjectManager),
        m("d", MemberRole::Delivery),
    ]
}

fn label(granted_at: i64, expire_at: Option<i64>) -> Label {
    Label {
        code: "CLOUD_MIGRATION".into(),
        granted_at,
        expire_at,
    }
}

fn failing(currency: Currency, yuan: i64, labels: Vec<Label>, at: i64) -> Vec<&'static str> {
    let e = eligibility(&SubsidyFacts {
        currency,
        annual_scale: Money::from_cents(yuan * 100),
        labels,
        at,
        live_application: false,
        members: team(),
    });
    assert_eq!(e.checks.len(), 5, "every rule is always listed");
    e.failures().iter().map(|v| v.code).collect()
}

const NO_LABEL: &[&str] = &[codes::SUBSIDY_NO_LABEL];

#[test]
fn threshold_by_currency() {
    let cases: &[(Currency, i64, &[&str])] = &[
        (Currency::Cny, 999_999, &[]),
        (Currency::Cny, 1_000_000, NO_LABEL),
        (Currency::Cny, 5_000_000, NO_LABEL),
        (Currency::Usd, 124_999, &[]),
        (Currency::Usd, 125_000, NO_LABEL),
        // 200,000 USD is above the USD threshold though below the CNY one.
        (Currency::Usd, 200_000, NO_LABEL),
    ];
    for (cur, yuan, want) in cases {
        assert_eq!(&failing(*cur, *yuan, vec![], 100), want, "{cur:?} {yuan}");
    }
    assert_eq!(Currency::for_country("CN"), Currency::Cny);
    assert_eq!(Currency::for_country("DE"), Currency::Usd);
}

#[test]
fn label_held_at_the_time_of_application() {
    let big = 1_000_000;
    assert!(failing(Currency::Cny, big, vec![label(50, None)], 100).is_empty());
    // Granted after the application time: not held then.
    assert_eq!(
        failing(Currency::Cny, big, vec![label(150, None)], 100),
        NO_LABEL
    );
    // Expired before: not held; expiring later: held.
    assert_eq!(
        failing(Currency::Cny, big, vec![label(10, Some(100))], 100),
        NO_LABEL
    );
    assert!(failing(Currency::Cny, big, vec![label(10, Some(101))], 100).is_empty());
}

#[test]
fn a_live_application_blocks_another() {
    let e = eligibility(&SubsidyFacts {
        currency: Currency::Cny,
        annual_scale: Money::from_cents(100),
        labels: vec![],
        at: 0,
        live_application: true,
        members: vec![],
    });
    let codes: Vec<_> = e.failures().iter().map(|v| v.code).collect();
    assert_eq!(
        codes,
        [
            codes::SUBSIDY_NO_QUALIFIED_PM,
            codes::SUBSIDY_NO_COUNTED_MEMBER,
            codes::APPLICATION_PENDING
        ]
    );
}
