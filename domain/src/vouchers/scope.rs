//! What a partner coupon may pay for: its cloud-service-type and product limits (inside its
//! quota's) decide which order lines it covers when the customer pays.

use crate::orders::PeriodType;
use crate::{codes, Money, Violation};

/// A coupon's limits; empty lists mean anything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CouponScope {
    pub cloud_service_types: Vec<String>,
    pub product_ids: Vec<String>,
}

/// An order line as the limits see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineScope {
    /// The line's cloud service type, else the order's.
    pub cloud_service_type: String,
    pub product_id: String,
    pub amount: Money,
    /// The line's subscription period (test vouchers pay none of a year or more).
    pub period_type: PeriodType,
    pub period_num: i32,
}

impl CouponScope {
    fn covers(&self, l: &LineScope) -> bool {
        let ok = |allowed: &[String], v: &str| allowed.is_empty() || allowed.iter().any(|a| a == v);
        ok(&self.cloud_service_types, &l.cloud_service_type) && ok(&self.product_ids, &l.product_id)
    }
}

/// The most the coupon may pay of `remaining`: all of it without limits, otherwise no more
/// than the lines it covers; `CBC.99100057` when it covers none.
pub fn payable(
    scope: &CouponScope,
    lines: &[LineScope],
    remaining: Money,
) -> Result<Money, Violation> {
    if scope.cloud_service_types.is_empty() && scope.product_ids.is_empty() {
        return Ok(remaining);
    }
    let covered = lines
        .iter()
        .filter(|l| scope.covers(l))
        .try_fold(Money::ZERO, |sum, l| sum.checked_add(l.amount))
        .unwrap_or(Money::ZERO);
    if covered.is_zero() {
        return Err(Violation::new(
            codes::COUPON_NOT_APPLICABLE,
            "the coupon's service-type or product limits cover no line of this order",
        ));
    }
    Ok(covered.min(remaining))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(t: &str, p: &str, cents: i64) -> LineScope {
        LineScope {
            cloud_service_type: t.into(),
            product_id: p.into(),
            amount: Money::from_cents(cents),
            period_type: PeriodType::Hour,
            period_num: 1,
        }
    }

    #[test]
    fn limits_decide_the_lines_covered() {
        let lines = [line("ebs", "p1", 1_000), line("ec2", "p2", 3_000)];
        let m = Money::from_cents;
        assert_eq!(
            payable(&CouponScope::default(), &lines, m(4_000)),
            Ok(m(4_000))
        );
        let ebs = CouponScope {
            cloud_service_types: vec!["ebs".into()],
            product_ids: vec![],
        };
        assert_eq!(payable(&ebs, &lines, m(4_000)), Ok(m(1_000)));
        assert_eq!(payable(&ebs, &lines, m(500)), Ok(m(500)));
        let p2 = CouponScope {
            cloud_service_types: vec!["ec2".into()],
            product_ids: vec!["p2".into()],
        };
        assert_eq!(payable(&p2, &lines, m(4_000)), Ok(m(3_000)));
        let none = CouponScope {
            cloud_service_types: vec!["obs".into()],
            product_ids: vec![],
        };
        assert_eq!(
            payable(&none, &lines, m(4_000)).map_err(|v| v.code),
            Err(codes::COUPON_NOT_APPLICABLE)
        );
    }
}
