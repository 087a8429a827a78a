//! Table tests of the payment rules, including the full coupon × discount exclusivity matrix.
#![cfg(test)]
#![allow(clippy::unwrap_used)]

use crate::code::Coded;
use crate::codes;
use crate::orders::OrderStatus;
use crate::payment::*;
use crate::vouchers::coupon::{CouponStatus, CouponType};
use crate::Money;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn order(discounts: Vec<OrderDiscount>, ratios: Vec<Decimal>) -> OrderFacts {
    OrderFacts {
        status: OrderStatus::PendingPayment,
        deadline: Some(1000),
        amount: Money::from_cents(10_000),
        line_ratios: ratios,
        discounts,
        lines: vec![],
    }
}

fn coupon(id: &str, t: CouponType, cents: i64, limits: CouponLimits) -> CouponFacts {
    CouponFacts {
        id: id.into(),
        coupon_type: t,
        status: CouponStatus::Usable,
        balance: Money::from_cents(cents),
        effective_time: 0,
        expire_time: 2000,
        limits,
        scope: Default::default(),
        test_voucher: false,
    }
}

fn disc(t: DiscountType) -> OrderDiscount {
    OrderDiscount {
        id: format!("d{}", t.int()),
        discount_type: t,
        mode: DiscountMode::AmountOff,
        value: dec!(10),
    }
}

fn req(coupons: &[(&str, i64)], discount: Option<DiscountType>) -> PayRequest {
    PayRequest {
        coupons: coupons
            .iter()
            .map(|(i, t)| ((*i).into(), PayCouponType::from_int(*t).unwrap()))
            .collect(),
        discount: discount.map(|t| (format!("d{}", t.int()), t.int())),
    }
}

#[test]
fn exclusivity_matrix_every_attribute_by_every_discount_type() {
    type Forbid = fn(&mut CouponLimits);
    let attrs: [(&str, Forbid); 3] = [
        ("simultaneousUseWithEmpowerDiscount", |l| {
            l.with_partner_discount = false
        }),
        ("simultaneousUseWithContractDiscount", |l| {
            l.with_contract_discount = false
        }),
        ("simultaneousUseWithPromotionDiscount", |l| {
            l.with_promotion_discount = false
        }),
    ];
    let all = CouponLimits {
        with_partner_discount: true,
        with_contract_discount: true,
        with_promotion_discount: true,
        min_consume_discount: None,
    };
    for (name, forbid) in attrs {
        for &t in DiscountType::ALL {
            let mut limits = all;
            forbid(&mut limits);
            let forbidden = match name {
                "simultaneousUseWithEmpowerDiscount" => t == DiscountType::Partner,
                "simultaneousUseWithContractDiscount" => {
                    t == DiscountType::Contract || t == DiscountType::Business
                }
                _ => t == DiscountType::Promotion,
            };
            let o = order(vec![disc(t)], vec![dec!(1)]);
            let got = plan(
                &o,
                &[coupon("c", CouponType::CashCoupon, 500, limits)],
                &req(&[("c", 302)], Some(t)),
                10,
            );
            match got {
                Err(e) => assert!(
                    forbidden && e.code == codes::COUPON_WITH_DISCOUNT,
                    "{name}=0 with discount {t:?}: {e:?}"
                ),
                Ok(p) => {
                    assert!(!forbidden, "{name}=0 must refuse discount type {t:?}");
                    assert_eq!(p.remaining, Money::from_cents(10_000 - 1000 - 500));
                }
            }
            // The same coupon without a discount is always fine.
            let plain = plan(
                &order(vec![], vec![dec!(1)]),
                &[coupon("c", CouponType::CashCoupon, 500, limits)],
                &req(&[("c", 302)], None),
                10,
            );
            assert!(plain.is_ok());
        }
    }
}

#[test]
fn minimum_consume_discount() {
    let limits = CouponLimits {
        min_consume_discount: Some(dec!(0.8)),
        ..CouponLimits::default()
    };
    let c = [coupon("c", CouponType::CashCoupon, 100, limits)];
    let r = req(&[("c", 302)], None);
    assert_eq!(
        plan(&order(vec![], vec![dec!(0.7), dec!(0.75)]), &c, &r, 10)
            .unwrap_err()
            .code,
        codes::BELOW_MIN_DISCOUNT
    );
    assert!(plan(&order(vec![], vec![dec!(0.7), dec!(0.8)]), &c, &r, 10).is_ok());
    assert!(plan(&order(vec![], vec![dec!(1)]), &c, &r, 10).is_ok());
}

#[test]
fn request_shape_and_order_state() {
    assert!(check_request(&req(&[("a", 301), ("b", 301)], None)).is_ok());
    assert_eq!(
        check_request(&req(&[("a", 301), ("a", 301)], None))
            .unwrap_err()
            .code,
        codes::COUPON_REPEATED
    );
    let mut o = order(vec![], vec![]);
    o.status = OrderStatus::Completed;
    assert_eq!(
        plan(&o, &[], &req(&[], None), 10).unwrap_err().code,
        codes::ORDER_STATUS_CHANGED
    );
    assert_eq!(
        plan(&order(vec![], vec![]), &[], &req(&[], None), 1001)
            .unwrap_err()
            .code,
        codes::PAYMENT_DEADLINE_PASSED
    );
}

#[test]
fn discounts_coupons_and_the_609_rule() {
    let o = order(
        vec![
            disc(DiscountType::PriceAdjustment),
            disc(DiscountType::Partner),
        ],
        vec![],
    );
    assert_eq!(
        plan(&o, &[], &req(&[], None), 10).unwrap_err().code,
        codes::DISCOUNT_NOT_APPLICABLE
    );
    assert_eq!(
        plan(&o, &[], &req(&[], Some(DiscountType::Partner)), 10)
            .unwrap_err()
            .code,
        codes::DISCOUNT_NOT_APPLICABLE
    );
    assert_eq!(
        plan(&o, &[], &req(&[], Some(DiscountType::PriceAdjustment)), 10)
            .unwrap()
            .remaining,
        Money::from_cents(9000)
    );
    assert_eq!(
        plan(
            &order(vec![], vec![]),
            &[],
            &req(&[], Some(DiscountType::Promotion)),
            10
        )
        .unwrap_err()
        .code,
        codes::DISCOUNT_NOT_APPLICABLE
    );
    let ratio = OrderDiscount {
        id: "r".into(),
        discount_type: DiscountType::Partner,
        mode: DiscountMode::Ratio,
        value: dec!(0.855),
    };
    let p = plan(
        &order(vec![ratio], vec![]),
        &[],
        &PayRequest {
            discount: Some(("r".into(), 3)),
            ..PayRequest::default()
        },
        10,
    )
    .unwrap();
    assert_eq!(p.discount, Some(("r".into(), Money::from_cents(1450))));
    let mut used = coupon("u", CouponType::Voucher, 100, CouponLimits::default());
    used.status = CouponStatus::Used;
    assert_eq!(
        plan(
            &order(vec![], vec![]),
            &[used],
            &req(&[("u", 301)], None),
            10
        )
        .unwrap_err()
        .code,
        codes::COUPON_USED
    );
    let mut expired = coupon("e", CouponType::Voucher, 100, CouponLimits::default());
    expired.expire_time = 5;
    assert_eq!(
        plan(
            &order(vec![], vec![]),
            &[expired],
            &req(&[("e", 301)], None),
            10
        )
        .unwrap_err()
        .code,
        codes::COUPON_USED
    );
    assert_eq!(
        plan(&order(vec![], vec![]), &[], &req(&[("x", 301)], None), 10)
            .unwrap_err()
            .code,
        codes::COUPON_USED
    );
    let both = [
        coupon("v", CouponType::Voucher, 100, CouponLimits::default()),
        coupon(
            "d",
            CouponType::DiscountCoupon,
            100,
            CouponLimits::default(),
        ),
    ];
    assert_eq!(
        plan(
            &order(vec![], vec![]),
            &both,
            &req(&[("v", 301), ("d", 300)], None),
            10
        )
        .unwrap_err()
        .code,
        codes::VOUCHER_WITH_DISCOUNT_COUPON
    );
    let wrong_type = [coupon(
        "v",
        CouponType::Voucher,
        100,
        CouponLimits::default(),
    )];
    assert_eq!(
        plan(
            &order(vec![], vec![]),
            &wrong_type,
            &req(&[("v", 302)], None),
            10
        )
        .unwrap_err()
        .code,
        codes::PARAM_INVALID
    );
    let big = [coupon(
        "v",
        CouponType::Voucher,
        50_000,
        CouponLimits::default(),
    )];
    let p = plan(&order(vec![], vec![]), &big, &req(&[("v", 301)], None), 10).unwrap();
    assert_eq!(
        (p.coupons[0].take, p.remaining),
        (Money::from_cents(10_000), Money::ZERO)
    );
}

#[test]
fn refunds_split_over_what_is_left_and_never_return_more_than_paid() {
    let m = Money::from_cents;
    let paid = |cash, credit| Refundable {
        cash_paid: m(cash),
        credit_paid: m(credit),
        ..Refundable::default()
    };
    assert_eq!(refund_split(m(100), &paid(30, 70)), (m(30), m(70)));
    assert_eq!(refund_split(m(50), &paid(30, 70)), (m(15), m(35)));
    assert_eq!(refund_split(m(1), &paid(1, 2)), (m(0), m(1)));
    assert_eq!(refund_split(m(10), &paid(0, 0)), (m(0), m(0)));
    // 0.02 cash + 0.01 credit refunded in three parts of 0.01: 0.02 back to cash, 0.01 to credit.
    let mut r = paid(2, 1);
    for _ in 0..3 {
        let (c, k) = refund_split(m(1), &r);
        r.cash_refunded = m(r.cash_refunded.cents() + c.cents());
        r.credit_refunded = m(r.credit_refunded.cents() + k.cents());
    }
    assert_eq!((r.cash_refunded, r.credit_refunded), (m(2), m(1)));
}

/// Random payments and refund sequences: each refund is its amount exactly, no account gets
/// back more than it paid, and refunding everything returns exactly what each paid.
#[test]
fn any_sequence_of_partial_refunds_keeps_each_account_whole() {
    let m = Money::from_cents;
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |n: i64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        i64::try_from(seed % u64::try_from(n.max(1)).unwrap_or(1)).unwrap_or(0)
    };
    for _ in 0..20_000 {
        let mut r = Refundable {
            cash_paid: m(next(1_000)),
            credit_paid: m(next(1_000)),
            ..Refundable::default()
        };
        while !r.left().is_zero() {
            let amount = m(1 + next(r.left().cents()));
            let (c, k) = refund_split(amount, &r);
            assert_eq!(c.cents() + k.cents(), amount.cents(), "{r:?} {amount}");
            assert!(!c.is_negative() && !k.is_negative(), "{r:?} {amount}");
            r.cash_refunded = m(r.cash_refunded.cents() + c.cents());
            r.credit_refunded = m(r.credit_refunded.cents() + k.cents());
            assert!(
                r.cash_refunded <= r.cash_paid && r.credit_refunded <= r.credit_paid,
                "{r:?}"
            );
        }
        assert_eq!(
            (r.cash_refunded, r.credit_refunded),
            (r.cash_paid, r.credit_paid)
        );
    }
}

#[test]
fn a_test_voucher_pays_no_subscription_of_a_year_or_more() {
    use crate::orders::PeriodType;
    use crate::vouchers::scope::LineScope;
    let line = |t: PeriodType, n: i32| LineScope {
        cloud_service_type: "hws.service.type.ebs".into(),
        product_id: "p".into(),
        amount: Money::from_cents(10_000),
        period_type: t,
        period_num: n,
    };
    let all = CouponLimits {
        with_partner_discount: true,
        with_contract_discount: true,
        with_promotion_discount: true,
        min_consume_discount: None,
    };
    let mut test = coupon("t", CouponType::Voucher, 5_000, all);
    test.test_voucher = true;
    let r = PayRequest {
        coupons: vec![("t".into(), PayCouponType::Voucher)],
        discount: None,
    };
    for (lines, ok) in [
        (vec![line(PeriodType::Month, 11)], true),
        (vec![line(PeriodType::Hour, 1)], true),
        (vec![line(PeriodType::Month, 12)], false),
        (
            vec![line(PeriodType::Month, 1), line(PeriodType::Year, 1)],
            false,
        ),
    ] {
        let mut o = order(vec![], vec![]);
        o.amount = Money::from_cents(lines.iter().map(|l| l.amount.cents()).sum());
        o.lines = lines;
        let got = plan(&o, std::slice::from_ref(&test), &r, 100);
        match got {
            Ok(p) => assert!(ok && p.coupons.len() == 1, "{p:?}"),
            Err(v) => {
                assert!(!ok, "{v:?}");
                assert_eq!(v.code, codes::TEST_VOUCHER_LONG_PERIOD);
                assert!(v.message.contains("coupon_infos[0]"));
            }
        }
        // The same coupon, not a test voucher, pays any of them.
        test.test_voucher = false;
        let other = plan(&o, std::slice::from_ref(&test), &r, 100).unwrap();
        assert_eq!(other.coupons.len(), 1);
        test.test_voucher = true;
    }
}
