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
    failing_for(currency, yuan, labels, at, true)
}

fn failing_for(
    currency: Currency,
    yuan: i64,
    labels: Vec<Label>,
    at: i64,
    service_partner: bool,
) -> Vec<&'static str> {
    let e = eligibility(&SubsidyFacts {
        currency,
        annual_scale: Money::from_cents(yuan * 100),
        labels,
        service_partner,
        at,
        live_application: false,
        members: team(),
    });
    assert_eq!(e.checks.len(), 6, "every rule is always listed");
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

/// At or above the threshold only a service partner (on the SERVICE path) holding a label at
/// the time of the application is subsidised; below it anyone may apply. Every failing rule
/// is listed.
#[test]
fn large_projects_are_for_service_partners_with_a_label() {
    const NOT_SERVICE: &str = codes::SUBSIDY_NOT_SERVICE_PARTNER;
    const LABEL: &str = codes::SUBSIDY_NO_LABEL;
    let held = || vec![label(50, None)];
    // (currency, annual scale, labels, on the SERVICE path) → failing codes
    type Case = (Currency, i64, Vec<Label>, bool, Vec<&'static str>);
    let cases: Vec<Case> = vec![
        // Below the threshold: neither rule applies.
        (Currency::Cny, 999_999, vec![], false, vec![]),
        (Currency::Usd, 124_999, vec![], false, vec![]),
        // A distributor holding only a label (e.g. one of the SOFTWARE path): refused.
        (Currency::Cny, 5_000_000, held(), false, vec![NOT_SERVICE]),
        (Currency::Usd, 125_000, held(), false, vec![NOT_SERVICE]),
        // Neither: both rules fail, in order.
        (
            Currency::Cny,
            1_000_000,
            vec![],
            false,
            vec![NOT_SERVICE, LABEL],
        ),
        // A service partner without a label at the time: refused for the label only.
        (Currency::Cny, 1_000_000, vec![], true, vec![LABEL]),
        (
            Currency::Cny,
            1_000_000,
            vec![label(150, None)],
            true,
            vec![LABEL],
        ),
        // A service partner with a label: accepted.
        (Currency::Cny, 5_000_000, held(), true, vec![]),
        (Currency::Usd, 200_000, held(), true, vec![]),
    ];
    for (cur, yuan, labels, service, want) in cases {
        assert_eq!(
            failing_for(cur, yuan, labels.clone(), 100, service),
            want,
            "{cur:?} {yuan} labels {labels:?} service partner {service}"
        );
    }
}

#[test]
fn a_live_application_blocks_another() {
    let e = eligibility(&SubsidyFacts {
        currency: Currency::Cny,
        annual_scale: Money::from_cents(100),
        labels: vec![],
        service_partner: false,
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
