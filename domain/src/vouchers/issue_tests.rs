#![allow(clippy::unwrap_used)]
use super::*;

const NOW: i64 = 1_000_000;

fn limits() -> QuotaLimits {
    QuotaLimits {
        face_min: Some(Money::from_cents(1_000)),
        face_max: Some(Money::from_cents(50_000)),
        cloud_service_types: vec!["hws.service.type.ebs".into(), "hws.service.type.ec2".into()],
        product_ids: vec![],
    }
}

fn quota(l: &QuotaLimits) -> QuotaFacts<'_> {
    QuotaFacts {
        status: 0,
        effective_time: NOW - 100,
        expire_time: NOW + 1_000,
        limits: l,
    }
}

fn terms(face: i64) -> IssueTerms {
    IssueTerms {
        face: Amount::new(Money::from_cents(face)).unwrap(),
        valid_time: None,
        expire_time: None,
        cloud_service_types: vec![],
        product_ids: vec![],
    }
}

fn code(r: Result<CouponTerms, Violation>) -> &'static str {
    r.err().map_or("ok", |v| v.code)
}

#[test]
fn defaults_inherit_the_quota() {
    let l = limits();
    let t = check_issue(&quota(&l), &terms(2_000), NOW).unwrap();
    assert_eq!((t.effective_time, t.expire_time), (NOW - 100, NOW + 1_000));
    assert_eq!(t.cloud_service_types, l.cloud_service_types);
    assert!(t.product_ids.is_empty());
}

#[test]
fn each_whole_request_rule_has_its_code() {
    let l = limits();
    let q = quota(&l);
    assert_eq!(
        code(check_issue(&q, &terms(999), NOW)),
        codes::FACE_VALUE_BELOW_MIN
    );
    assert_eq!(
        code(check_issue(&q, &terms(50_001), NOW)),
        codes::FACE_VALUE_ABOVE_MAX
    );
    assert_eq!(code(check_issue(&q, &terms(50_000), NOW)), "ok");
    let mut bad = q.clone();
    bad.status = 6;
    assert_eq!(
        code(check_issue(&bad, &terms(2_000), NOW)),
        codes::QUOTA_INVALID
    );
    assert_eq!(
        code(check_issue(&q, &terms(2_000), NOW + 1_000)),
        codes::QUOTA_NOT_EFFECTIVE
    );
    assert_eq!(
        code(check_issue(&q, &terms(2_000), NOW - 101)),
        codes::QUOTA_NOT_EFFECTIVE
    );
    let mut t = terms(2_000);
    t.cloud_service_types = vec!["hws.service.type.obs".into()];
    assert_eq!(
        code(check_issue(&q, &t, NOW)),
        codes::COUPON_LIMITS_EXCEED_QUOTA
    );
    t.cloud_service_types = vec!["hws.service.type.ec2".into()];
    t.product_ids = vec!["any".into()];
    let ok = check_issue(&q, &t, NOW).unwrap();
    assert_eq!(ok.product_ids, ["any"]);
}

#[test]
fn validity_stays_inside_the_quota() {
    let l = limits();
    let q = quota(&l);
    for (valid, expire) in [
        (Some(NOW - 101), None),
        (None, Some(NOW + 1_001)),
        (Some(NOW + 10), Some(NOW + 10)),
        (None, Some(NOW)),
    ] {
        let mut t = terms(2_000);
        t.valid_time = valid;
        t.expire_time = expire;
        assert_eq!(
            code(check_issue(&q, &t, NOW)),
            codes::PARAM_INVALID,
            "{valid:?} {expire:?}"
        );
    }
    let mut t = terms(2_000);
    t.valid_time = Some(NOW + 10);
    t.expire_time = Some(NOW + 20);
    assert_eq!(code(check_issue(&q, &t, NOW)), "ok");
}

#[test]
fn recipients_and_balance() {
    assert!(recipient(Some("2")).is_ok());
    assert_eq!(
        recipient(Some("1")).unwrap_err().code,
        codes::COUPON_WRONG_COOPERATION
    );
    assert_eq!(recipient(None).unwrap_err().code, codes::NOT_SUB_CUSTOMER);
    let m = Money::from_cents;
    assert_eq!(take(m(500), m(500)), Ok(m(0)));
    assert_eq!(
        take(m(499), m(500)).unwrap_err().code,
        codes::QUOTA_INSUFFICIENT
    );
}
