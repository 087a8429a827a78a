//! Yearly/monthly resources (issue 22): the terms a paid order buys, renewing them, and what
//! unsubscribing returns. Pure rules; the service applies them inside one transaction.

use super::resources::{Resource, ResourceStatus};
use super::ChargingMode;
use crate::orders::PeriodType;
use crate::{codes, Money, Violation};
use chrono::{DateTime, Months, Utc};
use rust_decimal::Decimal;

crate::coded_enum! {
    /// A yearly/monthly resource as ListPayPerUseCustomerResources shows it: 2 in use,
    /// 3 closed, 4 frozen, 5 expired.
    pub enum SubscriptionStatus: int {
        InUse = 2,
        Closed = 3,
        Frozen = 4,
        Expired = 5,
    }
}

crate::coded_enum! {
    /// `expire_policy`: 0 grace period on expiry, 3 renewed automatically.
    pub enum ExpirePolicy: int {
        GracePeriod = 0,
        AutoRenew = 3,
    }
}

crate::coded_enum! {
    /// A renewal's term: 2 months, 3 years.
    pub enum RenewPeriod: int {
        Month = 2,
        Year = 3,
    }
}

crate::coded_enum! {
    /// What to unsubscribe: 1 the resource and its renewed terms, 2 only the renewed terms
    /// that have not begun.
    pub enum UnsubscribeType: int {
        All = 1,
        RenewalsOnly = 2,
    }
}

pub use super::resources::AutoRenewPeriod;

/// At most this many resource ids in one renewal or unsubscription.
pub const MAX_RESOURCES_PER_CHANGE: usize = 10;
/// At most this many resource ids in one ListPayPerUseCustomerResources.
pub const MAX_QUERY_IDS: usize = 50;
/// Months a renewal may run: 1–11 months or 1–3 years.
pub const MAX_RENEW_MONTHS: i32 = 11;
pub const MAX_RENEW_YEARS: i32 = 3;
/// `auto_renew_times`: 0 (no limit) to 99.
pub const MAX_AUTO_RENEW_TIMES: i32 = 99;

/// An order's part in a resource: the order that bought it, renewed it, or is to renew it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderResource {
    pub order_id: String,
    pub resource_id: String,
    /// The resource's share of the order's amount.
    pub amount: Money,
    pub period_type: PeriodType,
    pub period_num: i32,
    /// The term the order bought, `(start, end)`, once paid.
    pub term: Option<(i64, i64)>,
    pub refunded: bool,
}

impl From<RenewPeriod> for PeriodType {
    fn from(p: RenewPeriod) -> Self {
        match p {
            RenewPeriod::Month => PeriodType::Month,
            RenewPeriod::Year => PeriodType::Year,
        }
    }
}

/// Orders carry no region: the resources they buy are placed in the platform's default one.
pub const ORDER_REGION: &str = "cn-north-1";
/// A renewal order waits this long for payment.
pub const RENEWAL_PAYMENT_WINDOW_SECS: i64 = 7 * 86_400;

/// The resource type a service's order line buys: `hws.service.type.x` → `hws.resource.type.x`.
pub fn resource_type_of(service_type: &str) -> String {
    match service_type.strip_prefix("hws.service.type.") {
        Some(rest) => format!("hws.resource.type.{rest}"),
        None => service_type.to_owned(),
    }
}

/// How the resource reads at `now`.
pub fn status_at(r: &Resource, now: i64) -> SubscriptionStatus {
    match r.status {
        ResourceStatus::Closed | ResourceStatus::Closing => SubscriptionStatus::Closed,
        ResourceStatus::Frozen => SubscriptionStatus::Frozen,
        _ if r.expire_time.is_some_and(|e| e < now) => SubscriptionStatus::Expired,
        ResourceStatus::GracePeriod => SubscriptionStatus::Expired,
        _ => SubscriptionStatus::InUse,
    }
}

/// Months in `n` terms of `period`, for the yearly/monthly periods; none for the others.
pub fn months(period: PeriodType, n: i32) -> Option<i32> {
    match period {
        PeriodType::Month => Some(n),
        PeriodType::Year => n.checked_mul(12),
        _ => None,
    }
}

/// The end of `n` terms of `period` that begin at `start` (calendar months, UTC).
pub fn term_end(start: i64, period: PeriodType, n: i32) -> Option<i64> {
    let m = u32::try_from(months(period, n)?).ok()?;
    let at = DateTime::<Utc>::from_timestamp(start, 0)?;
    at.checked_add_months(Months::new(m)).map(|t| t.timestamp())
}

/// The renewal's `period_num` fits its `period_type`: 1–11 months or 1–3 years.
pub fn check_renew_term(period: RenewPeriod, n: i32) -> Result<(), Violation> {
    let max = match period {
        RenewPeriod::Month => MAX_RENEW_MONTHS,
        RenewPeriod::Year => MAX_RENEW_YEARS,
    };
    if !(1..=max).contains(&n) {
        return Err(Violation::new(
            crate::codes::RENEW_TERM,
            format!(
                "period_num must be 1 to {max} for period_type {}",
                period.int()
            ),
        ));
    }
    Ok(())
}

/// The resource is yearly/monthly and open: only such a resource is renewed, unsubscribed or
/// set to renew itself.
pub fn check_open(i: usize, r: &Resource) -> Result<(), Violation> {
    if r.charging_mode != ChargingMode::YearlyMonthly {
        return Err(Violation::new(
            codes::RESOURCE_NOT_SUBSCRIPTION,
            format!("resource_ids[{i}] is not a yearly/monthly resource"),
        ));
    }
    if matches!(r.status, ResourceStatus::Closed | ResourceStatus::Closing) {
        return Err(Violation::new(
            codes::RESOURCE_CLOSED,
            format!("resource_ids[{i}] is closed"),
        ));
    }
    Ok(())
}

/// No resource is named twice in one request.
pub fn check_distinct(ids: &[&str]) -> Result<(), Violation> {
    for (i, id) in ids.iter().enumerate() {
        if ids[..i].contains(id) {
            return Err(Violation::param(format!(
                "resource_ids[{i}] repeats a resource"
            )));
        }
    }
    Ok(())
}

/// Renewals one sweep makes of a single resource to catch up with a clock moved far ahead.
pub const MAX_AUTO_RENEWALS_AT_ONCE: usize = 36;

/// The resource renews itself now: auto-renewal is on, it is yearly/monthly and open, and its
/// term has ended.
pub fn auto_renew_due(r: &Resource, now: i64) -> bool {
    r.auto_renew
        && check_open(0, r).is_ok()
        && r.term.is_some()
        && r.expire_time.is_some_and(|e| e <= now)
}

/// The term one automatic renewal buys: a month or a year when the customer chose one, else
/// the resource's own term (at most what a renewal may run). None: nothing renewable.
pub fn auto_renew_term(r: &Resource) -> Option<(RenewPeriod, i32)> {
    match r.auto_renew_period {
        Some(AutoRenewPeriod::Month) => Some((RenewPeriod::Month, 1)),
        Some(AutoRenewPeriod::Year) => Some((RenewPeriod::Year, 1)),
        None => {
            let t = r.term?;
            match t.period_type {
                PeriodType::Month => {
                    Some((RenewPeriod::Month, t.period_num.clamp(1, MAX_RENEW_MONTHS)))
                }
                PeriodType::Year => {
                    Some((RenewPeriod::Year, t.period_num.clamp(1, MAX_RENEW_YEARS)))
                }
                _ => None,
            }
        }
    }
}

/// Renewals left after one more: 0 (or none) stays unlimited, 1 turns auto-renewal off
/// (`None`), n leaves n - 1.
pub fn auto_renew_times_after(times: Option<i32>) -> Option<i32> {
    match times.unwrap_or(0) {
        t if t <= 0 => Some(0),
        1 => None,
        t => Some(t - 1),
    }
}

/// The price of renewing for `renew_months` a resource whose bought term of `term_months`
/// cost `term_price`: the same price per month.
pub fn renewal_price(term_price: Money, term_months: i32, renew_months: i32) -> Option<Money> {
    if term_months <= 0 {
        return None;
    }
    let ratio = Decimal::from(renew_months).checked_div(Decimal::from(term_months))?;
    term_price.mul_ratio(ratio)
}

/// What unsubscribing a resource returns of one order that bought `part` of its `whole`
/// amount: that share of what was paid from balances, at most what is left to refund.
pub fn refund_share(paid: Money, part: Money, whole: Money, left: Money) -> Money {
    if whole.is_zero() || part >= whole {
        return paid.min(left).max(Money::ZERO);
    }
    let ratio = Decimal::from(part.cents())
        .checked_div(Decimal::from(whole.cents()))
        .unwrap_or(Decimal::ZERO);
    paid.mul_ratio(ratio)
        .unwrap_or(Money::ZERO)
        .min(left)
        .max(Money::ZERO)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn resource() -> Resource {
        Resource {
            id: "r".into(),
            customer_id: "c".into(),
            partner_id: None,
            service_type_code: "s".into(),
            resource_type_code: "t".into(),
            region_code: "g".into(),
            resource_name: None,
            product_id: None,
            charging_mode: ChargingMode::YearlyMonthly,
            order_id: None,
            effective_time: 10,
            expire_time: Some(100),
            auto_renew: false,
            status: ResourceStatus::Normal,
            term: None,
            auto_renew_times: None,
            auto_renew_period: None,
            updated_at: None,
        }
    }

    #[test]
    fn auto_renewal_is_due_at_the_end_of_an_open_term() {
        let mut r = resource();
        r.charging_mode = ChargingMode::YearlyMonthly;
        r.term = Some(super::super::resources::Term {
            period_type: PeriodType::Month,
            period_num: 3,
            amount: Money::from_cents(300),
        });
        assert!(!auto_renew_due(&r, 100), "auto-renewal is off");
        r.auto_renew = true;
        assert!(!auto_renew_due(&r, 99), "the term has not ended");
        assert!(auto_renew_due(&r, 100));
        r.status = ResourceStatus::Closed;
        assert!(!auto_renew_due(&r, 100), "a closed resource is not renewed");
    }

    #[test]
    fn an_automatic_renewal_buys_the_chosen_or_own_term() {
        let mut r = resource();
        assert_eq!(auto_renew_term(&r), None, "no term: nothing to renew");
        r.term = Some(super::super::resources::Term {
            period_type: PeriodType::Year,
            period_num: 5,
            amount: Money::from_cents(500),
        });
        assert_eq!(
            auto_renew_term(&r),
            Some((RenewPeriod::Year, MAX_RENEW_YEARS))
        );
        r.auto_renew_period = Some(AutoRenewPeriod::Month);
        assert_eq!(auto_renew_term(&r), Some((RenewPeriod::Month, 1)));
        r.auto_renew_period = Some(AutoRenewPeriod::Year);
        assert_eq!(auto_renew_term(&r), Some((RenewPeriod::Year, 1)));
    }

    #[test]
    fn renewal_counts_run_down_to_off() {
        assert_eq!(auto_renew_times_after(None), Some(0));
        assert_eq!(auto_renew_times_after(Some(0)), Some(0));
        assert_eq!(auto_renew_times_after(Some(1)), None);
        assert_eq!(auto_renew_times_after(Some(3)), Some(2));
    }

    #[test]
    fn status_follows_expiry_and_state() {
        let r = resource();
        assert_eq!(status_at(&r, 50), SubscriptionStatus::InUse);
        assert_eq!(status_at(&r, 101), SubscriptionStatus::Expired);
        let closed = Resource {
            status: ResourceStatus::Closed,
            ..r.clone()
        };
        assert_eq!(status_at(&closed, 50), SubscriptionStatus::Closed);
        assert!(check_open(0, &closed).is_err());
        let on_demand = Resource {
            charging_mode: ChargingMode::OnDemand,
            ..r.clone()
        };
        assert!(check_open(0, &on_demand).is_err());
        assert!(check_open(0, &r).is_ok());
    }

    #[test]
    fn terms_are_calendar_months() {
        // 2026-01-31T00:00:00Z + 1 month = 2026-02-28T00:00:00Z.
        let jan31 = 1_769_817_600;
        assert_eq!(
            term_end(jan31, PeriodType::Month, 1),
            Some(jan31 + 28 * 86_400)
        );
        assert_eq!(term_end(0, PeriodType::Year, 1), Some(365 * 86_400));
        assert_eq!(term_end(0, PeriodType::Day, 1), None);
        let cases = [
            (RenewPeriod::Month, 1, true),
            (RenewPeriod::Month, 11, true),
            (RenewPeriod::Month, 12, false),
            (RenewPeriod::Year, 3, true),
            (RenewPeriod::Year, 4, false),
            (RenewPeriod::Year, 0, false),
        ];
        for (p, n, ok) in cases {
            assert_eq!(check_renew_term(p, n).is_ok(), ok, "{p:?} {n}");
        }
        assert!(check_distinct(&["a", "b"]).is_ok());
        assert!(check_distinct(&["a", "b", "a"]).is_err());
    }

    #[test]
    fn prices_and_refunds_are_shares() {
        let m = Money::from_cents;
        assert_eq!(renewal_price(m(1200), 12, 3), Some(m(300)));
        assert_eq!(renewal_price(m(1000), 1, 12), Some(m(12000)));
        assert_eq!(renewal_price(m(1000), 0, 1), None);
        // An order of 100.00 paid 80.00 from balances (20.00 by coupon): a 25.00 line gets 20.00.
        assert_eq!(refund_share(m(8000), m(2500), m(10000), m(8000)), m(2000));
        assert_eq!(refund_share(m(8000), m(2500), m(10000), m(1500)), m(1500));
        assert_eq!(refund_share(m(8000), m(10000), m(10000), m(8000)), m(8000));
        assert_eq!(refund_share(m(0), m(10), m(10), m(0)), m(0));
    }
}
