//! Filters of the audit log.

use crate::wire::{CustomerId, Int, PartnerId, UserId, UtcTime};
use serde::Deserialize;
use utoipa::IntoParams;

crate::text_type!(
    /// An operation id of `/openapi.json` (e.g. `pay_orders`).
    OperationId, 1..=128, "pay_orders");
crate::text_type!(
    /// `operator`, `partner_user`, `customer` or `anonymous`.
    ActorKind, 1..=32, "partner_user");
crate::text_type!(
    /// Any id the event names as a target (a path or body id, or an object it created).
    TargetId, 1..=64, "CS2412041234ABCD");

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Operator only: events by this partner's users.
    pub partner_id: Option<PartnerId>,
    pub actor_kind: Option<ActorKind>,
    pub actor_user_id: Option<UserId>,
    pub actor_customer_id: Option<CustomerId>,
    pub operation_id: Option<OperationId>,
    pub target_id: Option<TargetId>,
    /// Events at or after this time.
    pub begin_time: Option<UtcTime>,
    /// Events before this time.
    pub end_time: Option<UtcTime>,
    /// 1–1000, default 100.
    #[param(value_type = Option<i64>, minimum = 1, maximum = 1000, example = 100)]
    pub limit: Option<Int<1, 1000>>,
    /// `next_marker` of the previous page: events older than it.
    #[param(value_type = Option<i64>, minimum = 1, example = 4711)]
    pub marker: Option<Int<1, { i64::MAX }>>,
}
