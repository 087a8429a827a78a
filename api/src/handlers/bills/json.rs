//! What the bill operations answer, field for field as the SDK's models name them.

use crate::wire::{utc, WireAmount, WireDecimal};
use domain::code::Coded;
use domain::consumption::{BillSum, FeeRecord, MonthlyBillType};
use domain::Money;
use serde::Serialize;
use utoipa::ToSchema;

/// `measure_id` 1: amounts in yuan (or dollars), two decimals.
const YUAN: i32 = 1;

fn code(e: impl Coded) -> i64 {
    match e.code() {
        domain::code::Code::Int(n) => n,
        domain::code::Code::Text(_) => 0,
    }
}

/// What the operator's batch did.
#[derive(Serialize, ToSchema)]
pub struct IngestResult {
    /// Records charged now.
    pub accepted: usize,
    /// Records sent before (same platform and `record_id`), not charged again.
    pub duplicates: usize,
}

/// `ResFeeRecordV2`: one resource consumption record.
#[derive(Serialize, ToSchema)]
pub struct ResFeeRecordV2 {
    bill_date: String,
    bill_type: i64,
    customer_id: String,
    region: String,
    cloud_service_type: String,
    resource_type: String,
    /// UTC, `yyyy-MM-ddTHH:mm:ssZ`: the usage window's start.
    effective_time: String,
    expire_time: String,
    resource_id: String,
    resource_name: Option<String>,
    product_id: Option<String>,
    trade_id: String,
    id: String,
    trade_time: String,
    /// `1` yearly/monthly, `3` pay-per-use, `10` reserved instance, `11` savings plan.
    charge_mode: String,
    usage: WireDecimal,
    unit: String,
    official_amount: WireAmount,
    discount_amount: WireAmount,
    amount: WireAmount,
    cash_amount: WireAmount,
    credit_amount: WireAmount,
    coupon_amount: WireAmount,
    /// Paid with cash coupons (现金券).
    flexipurchase_coupon_amount: WireAmount,
    stored_card_amount: WireAmount,
    bonus_amount: WireAmount,
    debt_amount: WireAmount,
    adjustment_amount: WireAmount,
    measure_id: i32,
    consume_time: String,
}

impl From<&FeeRecord> for ResFeeRecordV2 {
    fn from(r: &FeeRecord) -> Self {
        ResFeeRecordV2 {
            bill_date: r.bill_date.clone(),
            bill_type: code(r.bill_type),
            customer_id: r.customer_id.clone(),
            region: r.region_code.clone(),
            cloud_service_type: r.service_type_code.clone(),
            resource_type: r.resource_type_code.clone(),
            effective_time: utc(r.usage_begin),
            expire_time: utc(r.usage_end),
            resource_id: r.resource_id.clone(),
            resource_name: r.resource_name.clone(),
            product_id: r.product_id.clone(),
            trade_id: r.id.clone(),
            id: r.id.clone(),
            trade_time: utc(r.created_at),
            charge_mode: code(r.charging_mode).to_string(),
            usage: WireDecimal(r.usage),
            unit: r.usage_unit.clone(),
            official_amount: WireAmount(r.official_amount),
            discount_amount: WireAmount(r.discount_amount),
            amount: WireAmount(r.amount),
            cash_amount: WireAmount(r.cash_amount),
            credit_amount: WireAmount(r.credit_amount),
            coupon_amount: WireAmount(Money::ZERO),
            flexipurchase_coupon_amount: WireAmount(r.coupon_amount),
            stored_card_amount: WireAmount(Money::ZERO),
            bonus_amount: WireAmount(Money::ZERO),
            debt_amount: WireAmount(r.debt_amount),
            adjustment_amount: WireAmount(Money::ZERO),
            measure_id: YUAN,
            consume_time: utc(r.usage_end),
        }
    }
}

/// ListCustomerselfResourceRecords' answer.
#[derive(Serialize, ToSchema)]
pub struct ResourceRecordsPage {
    pub fee_records: Vec<ResFeeRecordV2>,
    pub total_count: i64,
    pub currency: &'static str,
}

/// `MonthlyBillRecord`: one record of the customer's flow bill.
#[derive(Serialize, ToSchema)]
pub struct MonthlyBillRecord {
    bill_cycle: String,
    bill_date: String,
    customer_id: String,
    service_type_code: String,
    resource_type_code: String,
    region_code: String,
    charging_mode: i64,
    consume_time: String,
    trade_time: String,
    /// 1 Huawei Cloud.
    provider_type: i32,
    trade_id: String,
    id: String,
    bill_type: i64,
    /// 1 paid, 2 not settled (arrears open).
    status: i32,
    official_amount: WireAmount,
    official_discount_amount: WireAmount,
    erase_amount: WireAmount,
    consume_amount: WireAmount,
    cash_amount: WireAmount,
    credit_amount: WireAmount,
    coupon_amount: WireAmount,
    flexipurchase_coupon_amount: WireAmount,
    stored_value_card_amount: WireAmount,
    bonus_amount: WireAmount,
    debt_amount: WireAmount,
    writeoff_amount: WireAmount,
    measure_id: i32,
}

impl From<&FeeRecord> for MonthlyBillRecord {
    fn from(r: &FeeRecord) -> Self {
        let open = r
            .debt_amount
            .checked_sub(r.writeoff_amount)
            .unwrap_or(Money::ZERO);
        MonthlyBillRecord {
            bill_cycle: r.bill_cycle.clone(),
            bill_date: r.bill_date.clone(),
            customer_id: r.customer_id.clone(),
            service_type_code: r.service_type_code.clone(),
            resource_type_code: r.resource_type_code.clone(),
            region_code: r.region_code.clone(),
            charging_mode: code(r.charging_mode),
            consume_time: utc(r.usage_end),
            trade_time: utc(r.created_at),
            provider_type: 1,
            trade_id: r.id.clone(),
            id: r.id.clone(),
            bill_type: code(r.bill_type),
            status: if open.is_zero() { 1 } else { 2 },
            official_amount: WireAmount(r.official_amount),
            official_discount_amount: WireAmount(r.discount_amount),
            erase_amount: WireAmount(Money::ZERO),
            consume_amount: WireAmount(r.amount),
            cash_amount: WireAmount(r.cash_amount),
            credit_amount: WireAmount(r.credit_amount),
            coupon_amount: WireAmount(Money::ZERO),
            flexipurchase_coupon_amount: WireAmount(r.coupon_amount),
            stored_value_card_amount: WireAmount(Money::ZERO),
            bonus_amount: WireAmount(Money::ZERO),
            debt_amount: WireAmount(r.debt_amount),
            writeoff_amount: WireAmount(r.writeoff_amount),
            measure_id: YUAN,
        }
    }
}

/// ListCustomerBillsFeeRecords' answer.
#[derive(Serialize, ToSchema)]
pub struct FeeRecordsPage {
    pub total_count: i64,
    pub records: Vec<MonthlyBillRecord>,
    pub currency: &'static str,
}

/// `BillSumRecordInfoV2`: a cycle's sum for one service type, resource type and charging mode.
#[derive(Serialize, ToSchema)]
pub struct BillSumRecordInfoV2 {
    bill_cycle: String,
    resource_type_code: String,
    service_type_code: String,
    charging_mode: i64,
    official_amount: WireAmount,
    official_discount_amount: WireAmount,
    truncated_amount: WireAmount,
    consume_amount: WireAmount,
    coupon_amount: WireAmount,
    flexipurchase_coupon_amount: WireAmount,
    stored_value_card_amount: WireAmount,
    debt_amount: WireAmount,
    writeoff_amount: WireAmount,
    cash_amount: WireAmount,
    credit_amount: WireAmount,
    measure_id: i32,
    /// 1 consumption, 2 refund, 3 adjustment.
    bill_type: i64,
    customer_id: String,
}

impl From<&BillSum> for BillSumRecordInfoV2 {
    fn from(s: &BillSum) -> Self {
        BillSumRecordInfoV2 {
            bill_cycle: s.bill_cycle.clone(),
            resource_type_code: s.resource_type_code.clone(),
            service_type_code: s.service_type_code.clone(),
            charging_mode: s.charging_mode,
            official_amount: WireAmount(s.official_amount),
            official_discount_amount: WireAmount(s.discount_amount),
            truncated_amount: WireAmount(Money::ZERO),
            consume_amount: WireAmount(s.amount),
            coupon_amount: WireAmount(Money::ZERO),
            flexipurchase_coupon_amount: WireAmount(s.coupon_amount),
            stored_value_card_amount: WireAmount(Money::ZERO),
            debt_amount: WireAmount(s.debt_amount),
            writeoff_amount: WireAmount(Money::ZERO),
            cash_amount: WireAmount(s.cash_amount),
            credit_amount: WireAmount(s.credit_amount),
            measure_id: YUAN,
            bill_type: s.bill_type,
            customer_id: s.customer_id.clone(),
        }
    }
}

/// ShowCustomerMonthlySum's answer: a page of sums and the cycle's totals.
#[derive(Serialize, ToSchema)]
pub struct MonthlySum {
    pub total_count: i64,
    pub bill_sums: Vec<BillSumRecordInfoV2>,
    pub consume_amount: WireAmount,
    pub debt_amount: WireAmount,
    pub coupon_amount: WireAmount,
    pub flexipurchase_coupon_amount: WireAmount,
    pub stored_value_card_amount: WireAmount,
    pub cash_amount: WireAmount,
    pub credit_amount: WireAmount,
    pub writeoff_amount: WireAmount,
    pub measure_id: i32,
    pub currency: &'static str,
}

impl MonthlySum {
    pub fn new(
        total: i64,
        rows: &[BillSum],
        totals: Option<&BillSum>,
        currency: &'static str,
    ) -> Self {
        let t = |f: fn(&BillSum) -> Money| WireAmount(totals.map_or(Money::ZERO, f));
        MonthlySum {
            total_count: total,
            bill_sums: rows.iter().map(BillSumRecordInfoV2::from).collect(),
            consume_amount: t(|s| s.amount),
            debt_amount: t(|s| s.debt_amount),
            coupon_amount: WireAmount(Money::ZERO),
            flexipurchase_coupon_amount: t(|s| s.coupon_amount),
            stored_value_card_amount: WireAmount(Money::ZERO),
            cash_amount: t(|s| s.cash_amount),
            credit_amount: t(|s| s.credit_amount),
            writeoff_amount: WireAmount(Money::ZERO),
            measure_id: YUAN,
            currency,
        }
    }
}

/// `SubCustomerMonthlyBillDetail`: one of a partner's customers' consumption records.
#[derive(Serialize, ToSchema)]
pub struct SubCustomerMonthlyBillDetail {
    bill_cycle: String,
    customer_id: String,
    service_type_code: String,
    resource_type_code: String,
    charging_mode: i64,
    trade_time: String,
    trade_id: String,
    id: String,
    bill_detail_type: i64,
    resource_id: String,
    resource_name: Option<String>,
    region_code: String,
    product_id: Option<String>,
    consume_time: String,
    usage_amount: WireDecimal,
    official_amount: WireAmount,
    official_discount_amount: WireAmount,
    payment_amount: WireAmount,
    cash_amount: WireAmount,
    credit_amount: WireAmount,
    coupon_amount: WireAmount,
    flexipurchase_coupon_amount: WireAmount,
    stored_value_card_amount: WireAmount,
    debt_amount: WireAmount,
    writeoff_amount: WireAmount,
    partner_id: Option<String>,
}

impl From<&FeeRecord> for SubCustomerMonthlyBillDetail {
    fn from(r: &FeeRecord) -> Self {
        SubCustomerMonthlyBillDetail {
            bill_cycle: r.bill_cycle.clone(),
            customer_id: r.customer_id.clone(),
            service_type_code: r.service_type_code.clone(),
            resource_type_code: r.resource_type_code.clone(),
            charging_mode: code(r.charging_mode),
            trade_time: utc(r.created_at),
            trade_id: r.id.clone(),
            id: r.id.clone(),
            bill_detail_type: code(r.bill_type),
            resource_id: r.resource_id.clone(),
            resource_name: r.resource_name.clone(),
            region_code: r.region_code.clone(),
            product_id: r.product_id.clone(),
            consume_time: utc(r.usage_end),
            usage_amount: WireDecimal(r.usage),
            official_amount: WireAmount(r.official_amount),
            official_discount_amount: WireAmount(r.discount_amount),
            payment_amount: WireAmount(r.amount),
            cash_amount: WireAmount(r.cash_amount),
            credit_amount: WireAmount(r.credit_amount),
            coupon_amount: WireAmount(Money::ZERO),
            flexipurchase_coupon_amount: WireAmount(r.coupon_amount),
            stored_value_card_amount: WireAmount(Money::ZERO),
            debt_amount: WireAmount(r.debt_amount),
            writeoff_amount: WireAmount(r.writeoff_amount),
            partner_id: r.partner_id.clone(),
        }
    }
}

/// ListSubCustomerBillDetail's answer.
#[derive(Serialize, ToSchema)]
pub struct SubCustomerBillPage {
    pub total_count: i64,
    pub currency: &'static str,
    pub fee_records: Vec<SubCustomerMonthlyBillDetail>,
}

/// `BalanceTypeDeductSumV2`: what one kind of account paid.
#[derive(Serialize, ToSchema)]
pub struct BalanceTypeDeductSumV2 {
    balance_type: &'static str,
    amount: WireAmount,
    bill_type: String,
}

/// `BillSumInfoV2`: a customer's monthly sum for one service type and charging mode.
#[derive(Serialize, ToSchema)]
pub struct BillSumInfoV2 {
    customer_id: String,
    cloud_service_type: String,
    /// 0 consumption, 1 unsubscription, 2 Huawei write-off.
    bill_type: String,
    charge_mode: String,
    amount: WireAmount,
    debt_amount: WireAmount,
    adjustment_amount: WireAmount,
    discount_amount: WireAmount,
    measure_id: i32,
    account_details: Vec<BalanceTypeDeductSumV2>,
    resource_type_code: String,
}

impl From<&BillSum> for BillSumInfoV2 {
    fn from(s: &BillSum) -> Self {
        let bill_type = code(MonthlyBillType::of_sum_type(s.bill_type)).to_string();
        let detail = |balance_type, m: Money| BalanceTypeDeductSumV2 {
            balance_type,
            amount: WireAmount(m),
            bill_type: bill_type.clone(),
        };
        let account_details = vec![
            detail("BALANCE_TYPE_DEBIT", s.cash_amount),
            detail("BALANCE_TYPE_CREDIT", s.credit_amount),
            detail("BALANCE_TYPE_RCASH_COUPON", s.coupon_amount),
        ];
        BillSumInfoV2 {
            customer_id: s.customer_id.clone(),
            cloud_service_type: s.service_type_code.clone(),
            bill_type,
            charge_mode: s.charging_mode.to_string(),
            amount: WireAmount(s.amount),
            debt_amount: WireAmount(s.debt_amount),
            adjustment_amount: WireAmount(Money::ZERO),
            discount_amount: WireAmount(s.discount_amount),
            measure_id: YUAN,
            account_details,
            resource_type_code: s.resource_type_code.clone(),
        }
    }
}

/// ListSubcustomerMonthlyBills' answer.
#[derive(Serialize, ToSchema)]
pub struct SubCustomerMonthlyPage {
    pub bill_sums: Vec<BillSumInfoV2>,
    pub count: i64,
    pub currency: &'static str,
}

/// What the operator's resource batch did.
#[derive(Serialize, ToSchema)]
pub struct RegisterResult {
    /// Resources new to the service.
    pub created: usize,
    /// Resources registered before, updated.
    pub updated: usize,
}

/// `CustomerOnDemandResource`.
#[derive(Serialize, ToSchema)]
pub struct CustomerOnDemandResource {
    customer_id: String,
    region_code: String,
    service_type_code: String,
    resource_type_code: String,
    resource_id: String,
    resource_name: Option<String>,
    effective_time: String,
    expire_time: Option<String>,
    /// 1 normal, 2 grace period, 3 frozen, 4 changing, 5 closing, 6 closed.
    status: i64,
}

impl From<&domain::consumption::resources::Resource> for CustomerOnDemandResource {
    fn from(r: &domain::consumption::resources::Resource) -> Self {
        CustomerOnDemandResource {
            customer_id: r.customer_id.clone(),
            region_code: r.region_code.clone(),
            service_type_code: r.service_type_code.clone(),
            resource_type_code: r.resource_type_code.clone(),
            resource_id: r.id.clone(),
            resource_name: r.resource_name.clone(),
            effective_time: utc(r.effective_time),
            expire_time: r.expire_time.map(utc),
            status: code(r.status),
        }
    }
}

/// ListCustomerOnDemandResources' answer.
#[derive(Serialize, ToSchema)]
pub struct OnDemandResourcesPage {
    pub resources: Vec<CustomerOnDemandResource>,
    pub total_count: i64,
}

/// `SubCustomerInfoV3`.
#[derive(Serialize, ToSchema)]
pub struct SubCustomerInfoV3 {
    pub customer_id: String,
}

/// ListConsumeSubCustomers' answer.
#[derive(Serialize, ToSchema)]
pub struct ConsumeSubCustomersPage {
    pub sub_customers: Vec<SubCustomerInfoV3>,
    pub total_count: i64,
}
