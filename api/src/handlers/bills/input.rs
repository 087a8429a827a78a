//! What the bill operations are sent.

use crate::wire::bills::{BillCycle, BillDate};
use crate::wire::codes::{ChargingMode, ChargingModeText, FeeBillType};
use crate::wire::{AmountOrZero, CustomerId, DecimalInput, List, ProductId};
use crate::wire::{ServiceTypeCode, UtcTime};
use domain::consumption::{FeeBillType as BillType, NewFeeRecord, MAX_BATCH};
use domain::Money;
use persistence::repo::consumption::records::RecordFilter;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

crate::text_type!(/// A record's id, unique per platform.
    RecordId, 1..=domain::limits::ID, "UR20261105000001");
crate::text_type!(/// The platform that rated the usage.
    PlatformId, 1..=domain::limits::ID, "hwc-cn-north-4");
crate::text_type!(/// A resource's id.
    ResourceId, 1..=domain::limits::ID, "2a3b4c5d-6e7f-4a1b-9c2d-3e4f5a6b7c8d");
crate::text_type!(/// A resource's name.
    ResourceName, 0..=domain::limits::NAME, "ecs-web-01");
crate::text_type!(/// A resource type code.
    ResourceTypeCode, 1..=domain::limits::ID, "hws.resource.type.vm");
crate::text_type!(/// A region code.
    RegionCode, 1..=domain::limits::ID, "cn-north-4");
crate::text_type!(/// The unit usage is measured in.
    UsageUnit, 1..=domain::limits::ID, "hour");
crate::text_type!(/// An order or trade id.
    TradeId, 1..=domain::limits::ID, "9f8e7d6c5b4a39281706f5e4d3c2b1a0");
crate::text_type!(/// A login name.
    LoginName, 1..=domain::limits::ID, "am_zhang");
crate::text_type!(/// Who is asked about: `oneself`, `sub_customer` or `all` (default).
    Method, 1..=16, "all");
crate::text_type!(/// An enterprise project id.
    EnterpriseProjectId, 0..=domain::limits::ID, "0");

/// One rated usage record.
#[derive(Deserialize, ToSchema)]
pub struct UsageFeeRecordBody {
    record_id: RecordId,
    customer_id: CustomerId,
    resource_id: ResourceId,
    resource_name: Option<ResourceName>,
    service_type_code: ServiceTypeCode,
    resource_type_code: ResourceTypeCode,
    region_code: RegionCode,
    product_id: Option<ProductId>,
    /// 3 pay-per-use (default), 1 yearly/monthly, 10 reserved instance, 11 savings plan.
    charging_mode: Option<ChargingMode>,
    /// Default 5 (usage).
    bill_type: Option<FeeBillType>,
    /// ≥ 0.
    #[schema(schema_with = crate::schemas::non_negative_amount)]
    usage: DecimalInput,
    usage_unit: UsageUnit,
    official_amount: AmountOrZero,
    /// Default 0.
    discount_amount: Option<AmountOrZero>,
    /// What the customer owes: `official_amount` − `discount_amount`.
    amount: AmountOrZero,
    usage_begin_time: UtcTime,
    usage_end_time: UtcTime,
}

/// A batch of at most 1,000 records from one platform.
#[derive(Deserialize, ToSchema)]
pub struct UsageFeeRecordsBody {
    pub platform: PlatformId,
    pub records: List<UsageFeeRecordBody, 1, { MAX_BATCH }>,
}

impl UsageFeeRecordsBody {
    pub fn records(&self) -> Vec<NewFeeRecord> {
        self.records
            .iter()
            .map(|r| NewFeeRecord {
                record_id: r.record_id.as_str().to_owned(),
                customer_id: r.customer_id.as_str().to_owned(),
                resource_id: r.resource_id.as_str().to_owned(),
                resource_name: r.resource_name.clone().map(String::from),
                service_type_code: r.service_type_code.as_str().to_owned(),
                resource_type_code: r.resource_type_code.as_str().to_owned(),
                region_code: r.region_code.as_str().to_owned(),
                product_id: r.product_id.as_ref().map(|p| p.as_str().to_owned()),
                charging_mode: r
                    .charging_mode
                    .map_or(domain::consumption::ChargingMode::OnDemand, |c| c.get()),
                bill_type: r.bill_type.map_or(BillType::Usage, |b| b.get()),
                usage: r.usage.0,
                usage_unit: r.usage_unit.as_str().to_owned(),
                official_amount: r.official_amount.0,
                discount_amount: r.discount_amount.map_or(Money::ZERO, |d| d.0),
                amount: r.amount.0,
                usage_begin: r.usage_begin_time.unix(),
                usage_end: r.usage_end_time.unix(),
            })
            .collect()
    }
}

/// ListCustomerselfResourceRecords' filters (paging: [`crate::wire::PageQuery`]).
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CustomerRecordsQuery {
    pub cycle: BillCycle,
    pub cloud_service_type: Option<ServiceTypeCode>,
    pub region: Option<RegionCode>,
    pub charge_mode: Option<ChargingModeText>,
    pub bill_type: Option<FeeBillType>,
    pub resource_id: Option<ResourceId>,
    pub enterprise_project_id: Option<EnterpriseProjectId>,
    #[param(example = true)]
    pub include_zero_record: Option<bool>,
    pub method: Option<Method>,
    pub sub_customer_id: Option<CustomerId>,
    pub trade_id: Option<TradeId>,
    /// With `bill_date_end`, in the month of `cycle`.
    pub bill_date_begin: Option<BillDate>,
    pub bill_date_end: Option<BillDate>,
    /// 3 (details) only.
    #[param(example = 3)]
    pub statistic_type: Option<i32>,
}

impl CustomerRecordsQuery {
    pub fn filter(&self) -> RecordFilter {
        let (from, until) = dates(&self.bill_date_begin, &self.bill_date_end);
        RecordFilter {
            bill_cycle: Some(self.cycle.as_str().to_owned()),
            service_type_code: self
                .cloud_service_type
                .as_ref()
                .map(|s| s.as_str().to_owned()),
            region_code: self.region.as_ref().map(|s| s.as_str().to_owned()),
            charging_mode: self.charge_mode.map(|c| persistence::coded::int(c.get())),
            bill_type: self.bill_type.map(|b| persistence::coded::int(b.get())),
            resource_id: self.resource_id.as_ref().map(|s| s.as_str().to_owned()),
            trade_id: self.trade_id.as_ref().map(|s| s.as_str().to_owned()),
            bill_date_from: from,
            bill_date_until: until,
            ..RecordFilter::default()
        }
    }
}

/// Both dates or neither (one alone is ignored, as Huawei documents).
fn dates(b: &Option<BillDate>, e: &Option<BillDate>) -> (Option<String>, Option<String>) {
    match (b, e) {
        (Some(b), Some(e)) => (Some(b.as_str().to_owned()), Some(e.as_str().to_owned())),
        _ => (None, None),
    }
}

/// ShowCustomerMonthlySum's filters.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MonthlySumQuery {
    pub bill_cycle: BillCycle,
    pub service_type_code: Option<ServiceTypeCode>,
    pub enterprise_project_id: Option<EnterpriseProjectId>,
    pub method: Option<Method>,
    pub sub_customer_id: Option<CustomerId>,
}

/// ListCustomerBillsFeeRecords' filters.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FeeRecordsQuery {
    pub bill_cycle: BillCycle,
    /// 1 Huawei Cloud, 2 marketplace.
    #[param(example = 1)]
    pub provider_type: Option<i32>,
    pub service_type_code: Option<ServiceTypeCode>,
    pub resource_type_code: Option<ResourceTypeCode>,
    pub region_code: Option<RegionCode>,
    pub charging_mode: Option<ChargingMode>,
    pub bill_type: Option<FeeBillType>,
    pub trade_id: Option<TradeId>,
    pub enterprise_project_id: Option<EnterpriseProjectId>,
    #[param(example = true)]
    pub include_zero_record: Option<bool>,
    /// 1 paid, 2 not settled, 3 not billed.
    #[param(example = 2)]
    pub status: Option<i32>,
    pub method: Option<Method>,
    pub sub_customer_id: Option<CustomerId>,
    pub bill_date_begin: Option<BillDate>,
    pub bill_date_end: Option<BillDate>,
}

impl FeeRecordsQuery {
    pub fn filter(&self) -> RecordFilter {
        let (from, until) = dates(&self.bill_date_begin, &self.bill_date_end);
        RecordFilter {
            bill_cycle: Some(self.bill_cycle.as_str().to_owned()),
            service_type_code: self
                .service_type_code
                .as_ref()
                .map(|s| s.as_str().to_owned()),
            resource_type_code: self
                .resource_type_code
                .as_ref()
                .map(|s| s.as_str().to_owned()),
            region_code: self.region_code.as_ref().map(|s| s.as_str().to_owned()),
            charging_mode: self.charging_mode.map(|c| persistence::coded::int(c.get())),
            bill_type: self.bill_type.map(|b| persistence::coded::int(b.get())),
            trade_id: self.trade_id.as_ref().map(|s| s.as_str().to_owned()),
            bill_date_from: from,
            bill_date_until: until,
            ..RecordFilter::default()
        }
    }
}

/// ListSubCustomerBillDetail's filters.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SubCustomerBillQuery {
    pub bill_cycle: BillCycle,
    pub customer_id: Option<CustomerId>,
    pub service_type_code: Option<ServiceTypeCode>,
    pub region_code: Option<RegionCode>,
    pub charging_mode: Option<ChargingMode>,
    pub bill_detail_type: Option<FeeBillType>,
    pub resource_id: Option<ResourceId>,
    pub resource_name: Option<ResourceName>,
    pub trade_id: Option<TradeId>,
    /// The login name of one of your account managers: only their customers.
    pub account_manager_id: Option<LoginName>,
    /// 1 referral, 2 resale.
    pub association_type: Option<crate::wire::codes::SubCustomerAssociationText>,
    pub bill_date_begin: Option<BillDate>,
    pub bill_date_end: Option<BillDate>,
}

impl SubCustomerBillQuery {
    pub fn filter(&self) -> RecordFilter {
        let (from, until) = dates(&self.bill_date_begin, &self.bill_date_end);
        RecordFilter {
            bill_cycle: Some(self.bill_cycle.as_str().to_owned()),
            customer_id: self.customer_id.as_ref().map(|s| s.as_str().to_owned()),
            service_type_code: self
                .service_type_code
                .as_ref()
                .map(|s| s.as_str().to_owned()),
            region_code: self.region_code.as_ref().map(|s| s.as_str().to_owned()),
            charging_mode: self.charging_mode.map(|c| persistence::coded::int(c.get())),
            bill_type: self
                .bill_detail_type
                .map(|b| persistence::coded::int(b.get())),
            resource_id: self.resource_id.as_ref().map(|s| s.as_str().to_owned()),
            resource_name: self.resource_name.as_ref().map(|s| s.as_str().to_owned()),
            trade_id: self.trade_id.as_ref().map(|s| s.as_str().to_owned()),
            bill_date_from: from,
            bill_date_until: until,
            ..RecordFilter::default()
        }
    }
}

/// ListSubcustomerMonthlyBills' filters.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SubCustomerMonthlyQuery {
    pub customer_id: Option<CustomerId>,
    pub cycle: BillCycle,
    pub cloud_service_type: Option<ServiceTypeCode>,
    pub charge_mode: Option<ChargingModeText>,
    /// 0 consumption, 1 unsubscription, 2 Huawei write-off.
    pub bill_type: Option<crate::wire::codes::MonthlyBillTypeText>,
}

crate::text_type!(/// A reseller's id.
    IndirectPartnerId, 1..=domain::limits::ID, "5f1e2d3c4b5a69788796a5b4c3d2e1f0");

/// One pay-per-use resource as the platform registers it.
#[derive(Deserialize, ToSchema)]
pub struct OnDemandResourceBody {
    resource_id: ResourceId,
    customer_id: CustomerId,
    service_type_code: ServiceTypeCode,
    resource_type_code: ResourceTypeCode,
    region_code: RegionCode,
    resource_name: Option<ResourceName>,
    product_id: Option<ProductId>,
    effective_time: UtcTime,
    expire_time: Option<UtcTime>,
    /// Default 1 (normal).
    status: Option<crate::wire::codes::ResourceStatus>,
}

/// A batch of at most 1,000 resources; a resource sent again is updated.
#[derive(Deserialize, ToSchema)]
pub struct OnDemandResourcesBody {
    pub resources:
        List<OnDemandResourceBody, 1, { domain::consumption::resources::MAX_RESOURCE_BATCH }>,
}

impl OnDemandResourcesBody {
    pub fn resources(&self) -> Vec<domain::consumption::resources::Resource> {
        use domain::consumption::resources::{Resource, ResourceStatus};
        self.resources
            .iter()
            .map(|r| Resource {
                id: r.resource_id.as_str().to_owned(),
                customer_id: r.customer_id.as_str().to_owned(),
                partner_id: None,
                service_type_code: r.service_type_code.as_str().to_owned(),
                resource_type_code: r.resource_type_code.as_str().to_owned(),
                region_code: r.region_code.as_str().to_owned(),
                resource_name: r.resource_name.clone().map(String::from),
                product_id: r.product_id.as_ref().map(|p| p.as_str().to_owned()),
                charging_mode: domain::consumption::ChargingMode::OnDemand,
                order_id: None,
                effective_time: r.effective_time.unix(),
                expire_time: r.expire_time.map(UtcTime::unix),
                auto_renew: false,
                status: r.status.map_or(ResourceStatus::Normal, |s| s.get()),
                term: None,
                auto_renew_times: None,
                auto_renew_period: None,
                updated_at: None,
            })
            .collect()
    }
}

/// `QueryCustomerOnDemandResourcesReq`.
#[derive(Deserialize, ToSchema)]
pub struct QueryCustomerOnDemandResourcesReq {
    pub customer_id: CustomerId,
    pub region_code: Option<RegionCode>,
    pub service_type_code: Option<ServiceTypeCode>,
    /// At most 50.
    pub resource_ids: Option<List<ResourceId, 0, 50>>,
    pub effective_time_begin: Option<UtcTime>,
    pub effective_time_end: Option<UtcTime>,
    pub offset: Option<crate::wire::Offset>,
    pub limit: Option<crate::wire::Limit>,
    pub status: Option<crate::wire::codes::ResourceStatus>,
    pub indirect_partner_id: Option<IndirectPartnerId>,
}

/// `ListConsumeSubCustomersReq`.
#[derive(Deserialize, ToSchema)]
pub struct ListConsumeSubCustomersReq {
    pub bill_cycle: BillCycle,
    pub offset: Option<crate::wire::Offset>,
    pub limit: Option<crate::wire::Limit>,
}
