use super::*;
use CertLevel::*;
use MemberRole::*;

fn m(id: &str, role: MemberRole, level: CertLevel, infosec: bool, pm: bool, fh: bool) -> Member {
    Member {
        user_id: id.into(),
        role,
        level,
        infosec_passed: infosec,
        pm_certified: pm,
        fh_covered: fh,
    }
}

fn failing(members: &[Member]) -> Vec<&'static str> {
    let mut e = Eligibility::default();
    check(&mut e, members);
    assert_eq!(e.checks.len(), 3, "every rule is always listed");
    e.failures().iter().map(|v| v.code).collect()
}

const PM: &str = codes::SUBSIDY_NO_QUALIFIED_PM;
const MEMBER: &str = codes::SUBSIDY_MEMBER_UNQUALIFIED;
const NONE_COUNTED: &str = codes::SUBSIDY_NO_COUNTED_MEMBER;

#[test]
fn table() {
    let pm = m("pm", ProjectManager, None, false, true, false);
    let good = m("d1", Delivery, Work, true, false, false);
    let cases: Vec<(Vec<Member>, Vec<&str>)> = vec![
        (vec![pm.clone(), good.clone()], vec![]),
        (
            vec![pm.clone(), m("d", Delivery, Expert, true, false, false)],
            vec![],
        ),
        (
            vec![pm.clone(), m("d", Delivery, Entry, true, false, false)],
            vec![MEMBER],
        ),
        (
            vec![pm.clone(), m("d", Delivery, Work, false, false, false)],
            vec![MEMBER],
        ),
        (
            vec![pm.clone(), m("d", Delivery, None, false, false, false)],
            vec![MEMBER],
        ),
        // A PM without a PM certification, or none at all.
        (
            vec![
                m("pm", ProjectManager, Expert, true, false, false),
                good.clone(),
            ],
            vec![PM],
        ),
        (vec![good.clone()], vec![PM]),
        // People covered by FH are not counted, for good or ill.
        (
            vec![
                m("pm", ProjectManager, None, false, true, true),
                good.clone(),
            ],
            vec![PM],
        ),
        (
            vec![
                pm.clone(),
                good.clone(),
                m("d2", Delivery, None, false, false, true),
            ],
            vec![],
        ),
        (
            vec![pm.clone(), m("d2", Delivery, Work, true, false, true)],
            vec![NONE_COUNTED],
        ),
        (vec![pm.clone()], vec![NONE_COUNTED]),
        (vec![], vec![PM, NONE_COUNTED]),
        (
            vec![m("d", Delivery, Entry, false, false, false)],
            vec![PM, MEMBER],
        ),
    ];
    for (members, want) in cases {
        assert_eq!(failing(&members), want, "{members:?}");
    }
}

#[test]
fn messages_say_what_is_missing() {
    let mut e = Eligibility::default();
    let members = [
        m("pm", ProjectManager, None, false, true, true),
        m("ann", Delivery, Entry, false, false, false),
    ];
    check(&mut e, &members);
    let f = e.failures();
    assert!(
        f[0].message.contains("covered by FH are not counted: pm"),
        "{}",
        f[0].message
    );
    assert!(
        f[1].message
            .contains("ann lacks a WORK or higher certification and the information-security exam"),
        "{}",
        f[1].message
    );
}

#[test]
fn names_round_trip() {
    for l in CertLevel::ALL {
        assert_eq!(CertLevel::parse(l.as_str()), Ok(l));
    }
    assert!(CertLevel::parse("HCIE").is_err());
    assert_eq!(MemberRole::parse("DELIVERY"), Ok(Delivery));
    assert!(MemberRole::parse("PM").is_err());
}
