//! Cloud resources: registered by the platform (pay-per-use) or created by paid orders.

use super::ChargingMode;
use crate::Violation;

crate::coded_enum! {
    /// 1 normal, 2 grace period, 3 frozen, 4 changing, 5 closing, 6 closed.
    pub enum ResourceStatus: int {
        Normal = 1,
        GracePeriod = 2,
        Frozen = 3,
        Changing = 4,
        Closing = 5,
        Closed = 6,
    }
}

/// At most this many resources in one `POST /v2/operator/on-demand-resources`.
pub const MAX_RESOURCE_BATCH: usize = 1000;

crate::coded_enum! {
    /// `period_type` of AutoRenewalResources: `MONTH` or `YEAR`.
    pub enum AutoRenewPeriod: text {
        Month = "MONTH",
        Year = "YEAR",
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resource {
    pub id: String,
    pub customer_id: String,
    pub partner_id: Option<String>,
    pub service_type_code: String,
    pub resource_type_code: String,
    pub region_code: String,
    pub resource_name: Option<String>,
    pub product_id: Option<String>,
    pub charging_mode: ChargingMode,
    pub order_id: Option<String>,
    pub effective_time: i64,
    pub expire_time: Option<i64>,
    pub auto_renew: bool,
    pub status: ResourceStatus,
    /// The term a yearly/monthly resource was bought for and its price; none for pay-per-use.
    pub term: Option<Term>,
    /// How many more times it renews itself (0 or none: no limit), when `auto_renew`.
    pub auto_renew_times: Option<i32>,
    /// The term each automatic renewal buys; none: the resource's own term.
    pub auto_renew_period: Option<AutoRenewPeriod>,
    pub updated_at: Option<i64>,
}

/// The term a yearly/monthly resource was bought for, and what it cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    pub period_type: crate::orders::PeriodType,
    pub period_num: i32,
    pub amount: crate::Money,
}

/// A resource's own consistency: it expires after it takes effect; a resource of another
/// customer cannot be registered again under this one.
pub fn check_resource(
    i: usize,
    r: &Resource,
    existing_owner: Option<&str>,
) -> Result<(), Violation> {
    if r.expire_time.is_some_and(|e| e < r.effective_time) {
        return Err(Violation::param(format!(
            "resources[{i}].expire_time must not be before resources[{i}].effective_time"
        )));
    }
    if existing_owner.is_some_and(|o| o != r.customer_id) {
        return Err(Violation::param(format!(
            "resources[{i}].resource_id is registered for another customer"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn table() {
        let r = Resource {
            id: "r".into(),
            customer_id: "c".into(),
            partner_id: None,
            service_type_code: "s".into(),
            resource_type_code: "t".into(),
            region_code: "g".into(),
            resource_name: None,
            product_id: None,
            charging_mode: ChargingMode::OnDemand,
            order_id: None,
            effective_time: 10,
            expire_time: Some(20),
            auto_renew: false,
            status: ResourceStatus::Normal,
            term: None,
            auto_renew_times: None,
            auto_renew_period: None,
            updated_at: None,
        };
        let cases: [(Option<i64>, Option<&str>, bool); 5] = [
            (Some(20), None, true),
            (None, None, true),
            (Some(5), None, false),
            (Some(20), Some("c"), true),
            (Some(20), Some("other"), false),
        ];
        for (expire, owner, ok) in cases {
            let r = Resource {
                expire_time: expire,
                ..r.clone()
            };
            assert_eq!(
                check_resource(0, &r, owner).is_ok(),
                ok,
                "{expire:?} {owner:?}"
            );
        }
    }
}
