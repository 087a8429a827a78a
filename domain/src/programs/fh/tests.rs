use super::*;
use PathType::*;
use Stage::*;

fn x(id: &str, is_specialist: bool, held: Option<PathType>) -> Expert {
    Expert {
        user_id: id.into(),
        is_specialist,
        fh_held_in: held,
    }
}

fn failing(
    path: PathType,
    stage: Option<Stage>,
    signed: bool,
    experts: Vec<Expert>,
) -> Vec<&'static str> {
    let e = eligibility(&FhFacts {
        path_type: path,
        stage,
        agreement_signed: signed,
        experts,
    });
    assert_eq!(e.checks.len(), 4, "every rule is always listed");
    e.failures().iter().map(|v| v.code).collect()
}

#[test]
fn stage_rules_per_path() {
    let ok = || vec![x("u1", true, None)];
    let cases = [
        (Service, None, false),
        (Service, Some(Joined), false),
        (Service, Some(RoleCertified), true),
        (Service, Some(CapabilityDifferentiated), true),
        (ConsultingSi, None, false),
        (ConsultingSi, Some(Joined), false),
        (ConsultingSi, Some(RoleCertified), false),
        (ConsultingSi, Some(CapabilityDifferentiated), true),
    ];
    for (path, stage, pass) in cases {
        let want: &[&str] = if pass {
            &[]
        } else {
            &[codes::FH_STAGE_NOT_REACHED]
        };
        assert_eq!(failing(path, stage, true, ok()), want, "{path:?} {stage:?}");
    }
}

#[test]
fn agreement_specialists_and_one_path() {
    let rc = Some(RoleCertified);
    assert_eq!(
        failing(Service, rc, false, vec![x("u1", true, None)]),
        [codes::FH_AGREEMENT_UNSIGNED]
    );
    assert_eq!(
        failing(
            Service,
            rc,
            true,
            vec![x("u1", true, None), x("u2", false, None)]
        ),
        [codes::FH_NOT_SPECIALIST]
    );
    assert_eq!(
        failing(Service, rc, true, vec![x("u1", true, Some(ConsultingSi))]),
        [codes::FH_ALREADY_HELD]
    );
    assert_eq!(
        failing(Service, rc, true, vec![x("u1", true, Some(Service))]),
        [codes::FH_ALREADY_HELD]
    );
    // Everything wrong at once: every rule reported, in order.
    assert_eq!(
        failing(Service, None, false, vec![x("u1", false, Some(Service))]),
        [
            codes::FH_STAGE_NOT_REACHED,
            codes::FH_AGREEMENT_UNSIGNED,
            codes::FH_NOT_SPECIALIST,
            codes::FH_ALREADY_HELD
        ]
    );
}

#[test]
fn messages_name_the_people() {
    let e = eligibility(&FhFacts {
        path_type: Service,
        stage: Some(RoleCertified),
        agreement_signed: true,
        experts: vec![x("alice", false, None), x("bob", true, Some(ConsultingSi))],
    });
    let f = e.failures();
    assert!(f[0].message.contains("alice"), "{}", f[0].message);
    assert!(
        f[1].message.contains("bob (CONSULTING_SI)"),
        "{}",
        f[1].message
    );
}

#[test]
fn fh_type_follows_the_path() {
    assert_eq!(FhType::check(Service, None), Ok(FhType::Delivery));
    assert_eq!(
        FhType::check(ConsultingSi, Some("PRESALES")),
        Ok(FhType::Presales)
    );
    assert!(FhType::check(Service, Some("PRESALES")).is_err());
    assert!(FhType::check(Software, None).is_err());
    assert!(FhType::check(Reseller, None).is_err());
    assert_eq!(required_stage(ConsultingSi), CapabilityDifferentiated);
}
