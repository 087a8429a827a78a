//! A coupon quota as reads show it, and which quotas a search covers.

use super::issue::QuotaLimits;
use crate::Money;

/// Exclusive bounds `(after, before)` in unix seconds; `None` leaves a side open.
pub type TimeRange = (Option<i64>, Option<i64>);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quota {
    pub id: String,
    /// The holder.
    pub partner_id: String,
    /// The distributor's quota this one was passed on from.
    pub parent_quota_id: Option<String>,
    /// 0 voucher quota, 1 cash-coupon quota.
    pub quota_type: i32,
    /// Everything granted into it.
    pub quota: Money,
    pub balance: Money,
    pub status: i32,
    pub effective_time: i64,
    pub expire_time: i64,
    pub limits: QuotaLimits,
    pub create_time: i64,
    pub last_update_time: i64,
}

/// Which quotas a read covers; every `None` is "any".
#[derive(Debug, Clone, Default)]
pub struct QuotaSearch {
    /// The holder.
    pub partner_id: Option<String>,
    /// The distributor that passed them on.
    pub granted_by: Option<String>,
    pub quota_type: Option<i32>,
    pub ids: Option<Vec<String>>,
    pub statuses: Option<Vec<i32>>,
    pub parent_quota_id: Option<String>,
    pub created: TimeRange,
    pub effective: TimeRange,
    pub expires: TimeRange,
}
