use super::*;

fn failing(e: &Eligibility) -> Vec<&'static str> {
    e.failures().iter().map(|v| v.code).collect()
}

#[test]
fn submission_table() {
    use AccountType::*;
    let co = "Acme Cloud（Shenzhen）Co., Ltd.";
    let cases: &[(AccountType, &str, &[&str])] = &[
        (Corporate, co, &[]),
        (Corporate, "  acme cloud(shenzhen)  co., ltd. ", &[]),
        (
            Corporate,
            "Acme Cloud Ltd.",
            &[codes::BANK_ACCOUNT_NAME_MISMATCH],
        ),
        (Personal, co, &[codes::BANK_ACCOUNT_NOT_CORPORATE]),
        (
            Personal,
            "Zhang San",
            &[
                codes::BANK_ACCOUNT_NOT_CORPORATE,
                codes::BANK_ACCOUNT_NAME_MISMATCH,
            ],
        ),
    ];
    for (t, name, want) in cases {
        let e = submission(co, *t, name);
        assert_eq!(e.checks.len(), 2);
        assert_eq!(&failing(&e), want, "{t:?} {name}");
    }
}

#[test]
fn payout_table() {
    use CertStatus::*;
    for status in CertStatus::ALL {
        for applied in [false, true] {
            let e = payout(&PayoutFacts {
                business_info: status,
                already_applied: applied,
            });
            let mut want = Vec::new();
            if status != Certified {
                want.push(codes::BUSINESS_INFO_NOT_CERTIFIED);
            }
            if applied {
                want.push(codes::PAYOUT_ALREADY_APPLIED);
            }
            assert_eq!(failing(&e), want, "{status:?} {applied}");
        }
    }
}

#[test]
fn the_refusal_says_to_complete_certification() {
    let e = payout(&PayoutFacts {
        business_info: CertStatus::Reviewing,
        already_applied: false,
    });
    let msg = &e.failures()[0].message;
    assert!(
        msg.contains("complete business information certification"),
        "{msg}"
    );
    assert!(msg.contains("REVIEWING"), "{msg}");
}
