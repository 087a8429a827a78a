//! What the resource operations answer, as the SDK's models name it.

use crate::wire::utc;
use domain::consumption::resources::Resource;
use domain::consumption::subscriptions::{status_at, ExpirePolicy};
use serde::Serialize;
use utoipa::ToSchema;

/// `OrderInstanceV2`: a yearly/monthly resource.
#[derive(Serialize, ToSchema)]
pub struct OrderInstanceV2 {
    id: String,
    resource_id: String,
    resource_name: Option<String>,
    region_code: String,
    service_type_code: String,
    resource_type_code: String,
    product_id: Option<String>,
    /// 1: every resource here is a main resource.
    is_main_resource: i64,
    /// 2 in use, 3 closed, 4 frozen, 5 expired.
    status: i64,
    effective_time: String,
    expire_time: Option<String>,
    /// 0 grace period on expiry, 3 renewed automatically.
    expire_policy: i64,
    update_time: Option<String>,
}

impl OrderInstanceV2 {
    /// The resource as it reads at `now`.
    pub fn at(r: &Resource, now: i64) -> Self {
        let policy = if r.auto_renew {
            ExpirePolicy::AutoRenew
        } else {
            ExpirePolicy::GracePeriod
        };
        OrderInstanceV2 {
            id: r.id.clone(),
            resource_id: r.id.clone(),
            resource_name: r.resource_name.clone(),
            region_code: r.region_code.clone(),
            service_type_code: r.service_type_code.clone(),
            resource_type_code: r.resource_type_code.clone(),
            product_id: r.product_id.clone(),
            is_main_resource: 1,
            status: status_at(r, now).int(),
            effective_time: utc(r.effective_time),
            expire_time: r.expire_time.map(utc),
            expire_policy: policy.int(),
            update_time: r.updated_at.map(utc),
        }
    }
}

/// ListPayPerUseCustomerResources' answer.
#[derive(Serialize, ToSchema)]
pub struct ResourcesPage {
    pub data: Vec<OrderInstanceV2>,
    pub total_count: i64,
}

/// `FailResourceInfo`.
#[derive(Serialize, ToSchema)]
pub struct FailResourceInfo {
    error_code: String,
    error_msg: String,
    resource_id: String,
}

/// RenewalResources' and CancelResourcesSubscription's answer: the orders made. A request
/// either changes every resource it names or none, so `fail_resource_infos` is empty.
#[derive(Serialize, ToSchema)]
pub struct ResourceOrders {
    pub order_ids: Vec<String>,
    pub fail_resource_infos: Vec<FailResourceInfo>,
}
