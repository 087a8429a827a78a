//! What the resource operations are sent, as the SDK's models name it.

use crate::handlers::bills::input::ResourceId;
use crate::wire::codes::{AutoRenewPeriod, RenewPeriod, SubscriptionStatus, UnsubscribeType};
use crate::wire::{CustomerId, Int, Limit, List, Offset, OrderId, ServiceTypeCode, UtcTime};
use domain::consumption::subscriptions::{
    MAX_AUTO_RENEW_TIMES, MAX_QUERY_IDS, MAX_RENEW_MONTHS, MAX_RESOURCES_PER_CHANGE,
};
use domain::limits::REASON;
use serde::Deserialize;
use utoipa::ToSchema;

crate::text_type!(/// Why the customer unsubscribes.
    UnsubscribeReason, 1..=REASON, "No longer needed", free);

/// `QueryResourcesReq`.
#[derive(Deserialize, ToSchema)]
pub struct QueryResourcesReq {
    /// At most 50; none or an empty list does not filter.
    pub resource_ids: Option<List<ResourceId, 0, { MAX_QUERY_IDS }>>,
    pub order_id: Option<OrderId>,
    /// 0 main resources and their attached ones, 1 main resources only (every resource here
    /// is a main resource).
    pub only_main_resource: Option<Int<0, 1>>,
    pub status_list: Option<List<SubscriptionStatus, 0, 4>>,
    pub offset: Option<Offset>,
    pub limit: Option<Limit>,
    pub expire_time_begin: Option<UtcTime>,
    pub expire_time_end: Option<UtcTime>,
    pub service_type_code: Option<ServiceTypeCode>,
    /// Required when a partner calls (its customer's resources); a customer's own call
    /// ignores it.
    pub customer_id: Option<CustomerId>,
}

/// `RenewalResourcesReq`.
#[derive(Deserialize, ToSchema)]
pub struct RenewalResourcesReq {
    pub resource_ids: List<ResourceId, 1, { MAX_RESOURCES_PER_CHANGE }>,
    pub period_type: RenewPeriod,
    /// 1–11 months (`period_type` 2) or 1–3 years (3).
    pub period_num: Int<1, { MAX_RENEW_MONTHS as i64 }>,
    /// 1 pays the renewal order at once (cash, then credit); 0 (the default) leaves it
    /// pending payment.
    pub is_auto_pay: Option<Int<0, 1>>,
}

/// `UnsubscribeResourcesReq`.
#[derive(Deserialize, ToSchema)]
pub struct UnsubscribeResourcesReq {
    pub resource_ids: List<ResourceId, 1, { MAX_RESOURCES_PER_CHANGE }>,
    pub unsubscribe_type: UnsubscribeType,
    /// 1 hard to use, 2 does not meet needs, 3 too complex, 4 unsatisfied, 5 other.
    pub unsubscribe_reason_type: Option<Int<1, 5>>,
    pub unsubscribe_reason: Option<UnsubscribeReason>,
}

/// `AutoRenewalResourcesReq`.
#[derive(Deserialize, ToSchema)]
pub struct AutoRenewalResourcesReq {
    /// 0 (no limit, the default when first set) to 99; kept when already set and not given.
    pub auto_renew_times: Option<Int<0, { MAX_AUTO_RENEW_TIMES as i64 }>>,
    /// The renewal term; the resource's own term when not given.
    pub period_type: Option<AutoRenewPeriod>,
}
