//! Property tests of the programs rules on the domain level: for generated partner states,
//! every rule is always listed, the application's decision is exactly "every rule passes" with
//! all failing rules in order, and each rule agrees with an independent reading of the spec.

use domain::programs::business_info::{self, AccountType, CertStatus, PayoutFacts};
use domain::programs::certification::{self, CertificationFacts};
use domain::programs::fh::{self, Expert, FhFacts};
use domain::programs::labels::Label;
use domain::programs::paths::{PathType, Stage};
use domain::programs::personnel::{CertLevel, Member, MemberRole};
use domain::programs::subsidy::{self, Currency, SubsidyFacts};
use domain::programs::Eligibility;
use domain::Money;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const CASES: usize = 500;

fn stage(rng: &mut StdRng) -> Option<Stage> {
    [
        None,
        Some(Stage::Joined),
        Some(Stage::RoleCertified),
        Some(Stage::CapabilityDifferentiated),
    ][rng.gen_range(0..4)]
}

fn path(rng: &mut StdRng) -> PathType {
    PathType::ALL[rng.gen_range(0..4)]
}

/// The decision agrees with the read: accepted exactly when eligible, refused with every
/// failing rule in the read's order; and the failing codes are `oracle`'s.
fn check(e: &Eligibility, rules: usize, oracle: Vec<&str>, case: &str) {
    assert_eq!(e.checks.len(), rules, "every rule is listed: {case}");
    let names: std::collections::HashSet<_> = e.checks.iter().map(|c| c.rule).collect();
    assert_eq!(names.len(), rules, "rule names are distinct: {case}");
    assert!(e.checks.iter().all(|c| !c.message.is_empty()));
    let read: Vec<&str> = e
        .checks
        .iter()
        .filter(|c| !c.passed)
        .map(|c| c.code)
        .collect();
    match e.decide() {
        Ok(()) => assert!(e.eligible() && read.is_empty(), "{case}"),
        Err(all) => {
            assert!(!e.eligible(), "{case}");
            let codes: Vec<&str> = all.iter().map(|v| v.code).collect();
            assert_eq!(codes, read, "the refusal lists every failing rule: {case}");
        }
    }
    assert_eq!(read, oracle, "rules against the spec: {case}");
}

#[test]
fn certification_rules_hold_for_generated_states() {
    let mut rng = StdRng::seed_from_u64(18);
    for _ in 0..CASES {
        let f = CertificationFacts {
            path_type: path(&mut rng),
            stage: stage(&mut rng),
            pending: rng.gen(),
        };
        let mut want = Vec::new();
        if f.stage.is_none() {
            want.push("CBC.99100042");
        }
        if f.stage == Some(Stage::CapabilityDifferentiated) {
            want.push("CBC.99100043");
        }
        if f.pending {
            want.push("CBC.99100044");
        }
        check(&certification::eligibility(&f), 3, want, &format!("{f:?}"));
    }
}

#[test]
fn fh_rules_hold_for_generated_states() {
    let mut rng = StdRng::seed_from_u64(4);
    for _ in 0..CASES {
        let path_type = [PathType::Service, PathType::ConsultingSi][rng.gen_range(0..2)];
        let experts: Vec<Expert> = (0..rng.gen_range(1..5))
            .map(|i| Expert {
                user_id: format!("u{i}"),
                is_specialist: rng.gen_bool(0.8),
                fh_held_in: rng.gen_bool(0.2).then(|| path(&mut rng)),
            })
            .collect();
        let f = FhFacts {
            path_type,
            stage: stage(&mut rng),
            agreement_signed: rng.gen_bool(0.8),
            experts,
        };
        let reached = match path_type {
            PathType::Service => matches!(
                f.stage,
                Some(Stage::RoleCertified | Stage::CapabilityDifferentiated)
            ),
            _ => f.stage == Some(Stage::CapabilityDifferentiated),
        };
        let mut want = Vec::new();
        if !reached {
            want.push("CBC.99100021");
        }
        if !f.agreement_signed {
            want.push("CBC.99100046");
        }
        if f.experts.iter().any(|x| !x.is_specialist) {
            want.push("CBC.99100022");
        }
        if f.experts.iter().any(|x| x.fh_held_in.is_some()) {
            want.push("CBC.99100023");
        }
        check(&fh::eligibility(&f), 4, want, &format!("{f:?}"));
    }
}

fn member(rng: &mut StdRng, i: usize) -> Member {
    Member {
        user_id: format!("m{i}"),
        role: if rng.gen_bool(0.3) {
            MemberRole::ProjectManager
        } else {
            MemberRole::Delivery
        },
        level: CertLevel::ALL[rng.gen_range(0..4)],
        infosec_passed: rng.gen_bool(0.7),
        pm_certified: rng.gen_bool(0.5),
        fh_covered: rng.gen_bool(0.2),
    }
}

#[test]
fn subsidy_rules_hold_for_generated_states() {
    let mut rng = StdRng::seed_from_u64(5);
    for _ in 0..CASES {
        let currency = [Currency::Cny, Currency::Usd][rng.gen_range(0..2)];
        let threshold = currency.label_threshold().cents();
        // Around the threshold: just below, at, just above, far from it.
        let scale =
            [1, threshold - 1, threshold, threshold + 1, threshold * 3][rng.gen_range(0..5)];
        let at = 1_000_000;
        let labels: Vec<Label> = (0..rng.gen_range(0..3))
            .map(|i| Label {
                code: format!("L{i}"),
                granted_at: at + rng.gen_range(-100..100),
                expire_at: rng.gen_bool(0.5).then(|| at + rng.gen_range(-100..100)),
            })
            .collect();
        let members: Vec<Member> = (0..rng.gen_range(0..5))
            .map(|i| member(&mut rng, i))
            .collect();
        let f = SubsidyFacts {
            currency,
            annual_scale: Money::from_cents(scale),
            labels,
            service_partner: rng.gen_bool(0.7),
            at,
            live_application: rng.gen_bool(0.2),
            members,
        };
        let held = f
            .labels
            .iter()
            .any(|l| l.granted_at <= at && l.expire_at.is_none_or(|e| at < e));
        let counted = |role| {
            f.members
                .iter()
                .filter(move |m| m.role == role && !m.fh_covered)
        };
        let mut want = Vec::new();
        if scale >= threshold && !f.service_partner {
            want.push("CBC.99100035");
        }
        if scale >= threshold && !held {
            want.push("CBC.99100031");
        }
        if !counted(MemberRole::ProjectManager).any(|m| m.pm_certified) {
            want.push("CBC.99100033");
        }
        if counted(MemberRole::Delivery).any(|m| m.level < CertLevel::Work || !m.infosec_passed) {
            want.push("CBC.99100034");
        }
        if counted(MemberRole::Delivery).count() == 0 {
            want.push("CBC.99100047");
        }
        if f.live_application {
            want.push("CBC.99100044");
        }
        check(&subsidy::eligibility(&f), 6, want, &format!("{f:?}"));
    }
}

#[test]
fn payout_and_business_info_rules_hold_for_generated_states() {
    let mut rng = StdRng::seed_from_u64(14);
    for _ in 0..CASES {
        let f = PayoutFacts {
            business_info: CertStatus::ALL[rng.gen_range(0..4)],
            already_applied: rng.gen(),
        };
        let mut want = Vec::new();
        if f.business_info != CertStatus::Certified {
            want.push("CBC.99100041");
        }
        if f.already_applied {
            want.push("CBC.99100050");
        }
        check(&business_info::payout(&f), 2, want, &format!("{f:?}"));
        let corporate = rng.gen_bool(0.6);
        let same_name = rng.gen_bool(0.6);
        let name = if same_name {
            ["ACME Co", " acme  co ", "Acme CO"][rng.gen_range(0..3)]
        } else {
            "Other Co"
        };
        let t = if corporate {
            AccountType::Corporate
        } else {
            AccountType::Personal
        };
        let mut want = Vec::new();
        if !corporate {
            want.push("CBC.99100048");
        }
        if !same_name {
            want.push("CBC.99100049");
        }
        check(
            &business_info::submission("Acme Co", t, name),
            2,
            want,
            name,
        );
    }
}
