//! Charging one fee record in the order Huawei applies: usable cash coupons whose limits match
//! (earliest expiry first), then cash, then credit; what none of them covers becomes arrears.
//! Arrears are written off by the next money that reaches the cash account.

use super::NewFeeRecord;
use crate::vouchers::coupon::{CouponFacts, CouponStatus, CouponType};
use crate::Money;

/// Whether a coupon may pay for a usage record at `now`: a usable cash coupon in its validity
/// window with balance left, whose service-type limits (if any) name the record's service or
/// resource type and whose product limits (if any) name its product.
pub fn coupon_matches(c: &CouponFacts, r: &NewFeeRecord, now: i64) -> bool {
    let types = &c.scope.cloud_service_types;
    let products = &c.scope.product_ids;
    c.coupon_type == CouponType::CashCoupon
        && c.status == CouponStatus::Usable
        && c.effective_time <= now
        && now < c.expire_time
        && !c.balance.is_zero()
        && (types.is_empty()
            || types
                .iter()
                .any(|t| *t == r.service_type_code || *t == r.resource_type_code))
        && (products.is_empty()
            || r.product_id
                .as_ref()
                .is_some_and(|p| products.iter().any(|x| x == p)))
}

/// A cash coupon usable for the record (status, time and limits already matched).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CouponBalance {
    pub id: String,
    pub balance: Money,
}

/// How one record's amount due is paid.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Charge {
    /// `(coupon id, amount taken)`, in the order used; no zero takes.
    pub coupons: Vec<(String, Money)>,
    pub cash: Money,
    pub credit: Money,
    pub debt: Money,
}

impl Charge {
    pub fn coupon_total(&self) -> Money {
        self.coupons
            .iter()
            .fold(Money::ZERO, |s, (_, m)| s.checked_add(*m).unwrap_or(s))
    }
}

/// Splits `amount` over the coupons (in the order given), then `cash`, then `credit`; the rest
/// is debt. Negative balances count as zero; a non-positive amount charges nothing.
pub fn charge(amount: Money, coupons: &[CouponBalance], cash: Money, credit: Money) -> Charge {
    let mut left = amount.max(Money::ZERO);
    let mut out = Charge::default();
    for c in coupons {
        if left.is_zero() {
            break;
        }
        let take = left.min(c.balance.max(Money::ZERO));
        if !take.is_zero() {
            out.coupons.push((c.id.clone(), take));
            left = left.checked_sub(take).unwrap_or(Money::ZERO);
        }
    }
    out.cash = left.min(cash.max(Money::ZERO));
    left = left.checked_sub(out.cash).unwrap_or(Money::ZERO);
    out.credit = left.min(credit.max(Money::ZERO));
    out.debt = left.checked_sub(out.credit).unwrap_or(Money::ZERO);
    out
}

/// What of `debt` the cash balance `available` settles now.
pub fn write_off(debt: Money, available: Money) -> Money {
    debt.max(Money::ZERO).min(available.max(Money::ZERO))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::type_complexity)]
    use super::*;

    fn m(c: i64) -> Money {
        Money::from_cents(c)
    }

    fn cp(id: &str, c: i64) -> CouponBalance {
        CouponBalance {
            id: id.into(),
            balance: m(c),
        }
    }

    #[test]
    fn table() {
        // (amount, coupons, cash, credit) → (coupon takes, cash, credit, debt)
        let cases: Vec<(i64, Vec<CouponBalance>, i64, i64, Vec<i64>, i64, i64, i64)> = vec![
            (100, vec![], 500, 500, vec![], 100, 0, 0),
            (100, vec![cp("a", 30)], 500, 0, vec![30], 70, 0, 0),
            (
                100,
                vec![cp("a", 30), cp("b", 100)],
                0,
                0,
                vec![30, 70],
                0,
                0,
                0,
            ),
            (
                100,
                vec![cp("a", 0), cp("b", 10)],
                20,
                30,
                vec![10],
                20,
                30,
                40,
            ),
            (100, vec![], 0, 0, vec![], 0, 0, 100),
            (100, vec![], -5, 40, vec![], 0, 40, 60),
            (0, vec![cp("a", 30)], 10, 10, vec![], 0, 0, 0),
            (-10, vec![], 10, 10, vec![], 0, 0, 0),
            (250, vec![cp("a", 100)], 100, 100, vec![100], 100, 50, 0),
        ];
        for (amount, coupons, cash, credit, takes, e_cash, e_credit, e_debt) in cases {
            let c = charge(m(amount), &coupons, m(cash), m(credit));
            let got: Vec<i64> = c.coupons.iter().map(|(_, t)| t.cents()).collect();
            assert_eq!(got, takes, "coupons for {amount}");
            assert_eq!(
                (c.cash, c.credit, c.debt),
                (m(e_cash), m(e_credit), m(e_debt)),
                "{amount} over {cash}/{credit}"
            );
        }
    }

    /// For generated balances the parts add up to the amount, none is negative, none exceeds
    /// its source, and a later source is used only when the earlier ones are exhausted.
    #[test]
    fn property_parts_add_up_in_order() {
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: i64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            i64::try_from(seed % u64::try_from(n).unwrap_or(1)).unwrap_or(0)
        };
        for _ in 0..5000 {
            let amount = next(10_000);
            let coupons: Vec<CouponBalance> = (0..next(4))
                .map(|i| cp(&format!("c{i}"), next(3_000)))
                .collect();
            let (cash, credit) = (next(6_000) - 500, next(6_000));
            let c = charge(m(amount), &coupons, m(cash), m(credit));
            let total =
                c.coupon_total().cents() + c.cash.cents() + c.credit.cents() + c.debt.cents();
            assert_eq!(total, amount);
            assert!(c.cash.cents() >= 0 && c.credit.cents() >= 0 && c.debt.cents() >= 0);
            assert!(c.cash.cents() <= cash.max(0) && c.credit.cents() <= credit);
            let coupon_sum: i64 = coupons.iter().map(|c| c.balance.cents()).sum();
            if c.cash.cents() > 0 {
                assert_eq!(c.coupon_total().cents(), coupon_sum);
            }
            if c.credit.cents() > 0 {
                assert_eq!(c.cash.cents(), cash.max(0));
            }
            if c.debt.cents() > 0 {
                assert_eq!(c.credit.cents(), credit);
            }
        }
    }

    #[test]
    fn coupons_match_by_type_time_and_limits() {
        use crate::consumption::{ChargingMode, FeeBillType};
        use crate::vouchers::coupon::CouponLimits;
        use crate::vouchers::scope::CouponScope;
        let rec = NewFeeRecord {
            record_id: "r".into(),
            customer_id: "c".into(),
            resource_id: "x".into(),
            resource_name: None,
            service_type_code: "hws.service.type.ec2".into(),
            resource_type_code: "hws.resource.type.vm".into(),
            region_code: "r".into(),
            product_id: Some("p1".into()),
            charging_mode: ChargingMode::OnDemand,
            bill_type: FeeBillType::Usage,
            usage: rust_decimal::Decimal::ONE,
            usage_unit: "h".into(),
            official_amount: m(1),
            discount_amount: m(0),
            amount: m(1),
            usage_begin: 0,
            usage_end: 0,
        };
        let base = CouponFacts {
            id: "c".into(),
            coupon_type: CouponType::CashCoupon,
            status: CouponStatus::Usable,
            balance: m(100),
            effective_time: 10,
            expire_time: 20,
            limits: CouponLimits {
                with_partner_discount: true,
                with_contract_discount: true,
                with_promotion_discount: true,
                min_consume_discount: None,
            },
            scope: CouponScope::default(),
            test_voucher: false,
        };
        let cases: Vec<(fn(&mut CouponFacts), i64, bool)> = vec![
            (|_| {}, 15, true),
            (|_| {}, 9, false),
            (|_| {}, 20, false),
            (|c| c.coupon_type = CouponType::Voucher, 15, false),
            (|c| c.status = CouponStatus::Used, 15, false),
            (|c| c.balance = Money::ZERO, 15, false),
            (
                |c| c.scope.cloud_service_types = vec!["hws.service.type.ec2".into()],
                15,
                true,
            ),
            (
                |c| c.scope.cloud_service_types = vec!["hws.resource.type.vm".into()],
                15,
                true,
            ),
            (
                |c| c.scope.cloud_service_types = vec!["hws.service.type.obs".into()],
                15,
                false,
            ),
            (|c| c.scope.product_ids = vec!["p1".into()], 15, true),
            (|c| c.scope.product_ids = vec!["p2".into()], 15, false),
        ];
        for (i, (edit, now, want)) in cases.into_iter().enumerate() {
            let mut c = base.clone();
            edit(&mut c);
            assert_eq!(coupon_matches(&c, &rec, now), want, "case {i}");
        }
    }

    #[test]
    fn write_off_takes_what_is_there() {
        for (debt, avail, off) in [
            (100, 30, 30),
            (100, 300, 100),
            (0, 50, 0),
            (40, 0, 0),
            (40, -3, 0),
        ] {
            assert_eq!(write_off(m(debt), m(avail)), m(off), "{debt}/{avail}");
        }
    }
}
