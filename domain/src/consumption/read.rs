//! What is read back: a charged fee record and a bill-cycle sum.

use super::{ChargingMode, FeeBillType};
use crate::Money;
use rust_decimal::Decimal;

/// A usage fee record as charged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeeRecord {
    pub id: String,
    pub record_id: String,
    pub customer_id: String,
    pub partner_id: Option<String>,
    pub resource_id: String,
    pub resource_name: Option<String>,
    pub service_type_code: String,
    pub resource_type_code: String,
    pub region_code: String,
    pub product_id: Option<String>,
    pub charging_mode: ChargingMode,
    pub bill_type: FeeBillType,
    pub usage: Decimal,
    pub usage_unit: String,
    pub official_amount: Money,
    pub discount_amount: Money,
    pub amount: Money,
    pub coupon_amount: Money,
    pub cash_amount: Money,
    pub credit_amount: Money,
    pub debt_amount: Money,
    pub writeoff_amount: Money,
    pub bill_cycle: String,
    pub bill_date: String,
    pub usage_begin: i64,
    pub usage_end: i64,
    pub currency: String,
    pub created_at: i64,
}

/// Sums of one customer's records in a cycle for one service type, resource type, charging
/// mode and sum type (1 consumption, 2 refund).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BillSum {
    pub customer_id: String,
    pub bill_cycle: String,
    pub service_type_code: String,
    pub resource_type_code: String,
    pub charging_mode: i64,
    pub bill_type: i64,
    pub official_amount: Money,
    pub discount_amount: Money,
    pub amount: Money,
    pub coupon_amount: Money,
    pub cash_amount: Money,
    pub credit_amount: Money,
    pub debt_amount: Money,
    pub record_count: i64,
}

impl BillSum {
    /// Adds `other`'s amounts (same key assumed).
    pub fn add(&mut self, o: &BillSum) {
        let add = |a: &mut Money, b: Money| *a = a.checked_add(b).unwrap_or(*a);
        add(&mut self.official_amount, o.official_amount);
        add(&mut self.discount_amount, o.discount_amount);
        add(&mut self.amount, o.amount);
        add(&mut self.coupon_amount, o.coupon_amount);
        add(&mut self.cash_amount, o.cash_amount);
        add(&mut self.credit_amount, o.credit_amount);
        add(&mut self.debt_amount, o.debt_amount);
        self.record_count += o.record_count;
    }
}
