//! Accounts and money (S10): balances, change records, allocations, exports — Huawei's real
//! operations, field for field.

pub mod adjust_records;
pub mod customer_balances;
pub mod customer_records;
pub mod export;
pub mod partner_balances;
pub mod partner_records;
pub mod transfers;

use crate::wire::WireAmount;
use domain::currency::Currency;
use domain::Money;
use persistence::repo::accounts::{self, AccountRow};
use serde::Serialize;
use utoipa::ToSchema;

/// The currency of records that name none (the China default); balances carry their owner's.
pub const CURRENCY: &str = "CNY";
/// `measure_id` 1: amounts are in yuan.
pub const MEASURE_YUAN: i32 = 1;

/// One balance as ListPartnerBalances (AccountBalanceV2) and ShowCustomerAccountBalances
/// (AccountBalanceV3) return it.
#[derive(Serialize, ToSchema)]
pub struct AccountBalance {
    account_id: String,
    /// 1 cash (balance), 2 credit.
    account_type: i32,
    /// Available amount: cash balance, or unused credit.
    amount: WireAmount,
    currency: &'static str,
    designated_amount: WireAmount,
    /// The credit limit; only for account_type 2.
    #[serde(skip_serializing_if = "Option::is_none")]
    credit_amount: Option<WireAmount>,
    measure_id: i32,
}

impl AccountBalance {
    /// `a`, held in `currency` (its owner's: `domain::currency::Currency`).
    pub fn new(a: &AccountRow, currency: Currency) -> Self {
        AccountBalance {
            account_id: a.id.clone(),
            account_type: a.account_type,
            amount: WireAmount(Money::from_cents(a.balance_cents)),
            currency: currency.as_str(),
            designated_amount: WireAmount(Money::from_cents(a.designated_cents)),
            credit_amount: (a.account_type == accounts::CREDIT)
                .then_some(WireAmount(Money::from_cents(a.credit_limit_cents))),
            measure_id: MEASURE_YUAN,
        }
    }
}

/// A change-record date `YYYY-MM-DD` (UTC+8).
pub fn trade_date() -> utoipa::openapi::schema::Object {
    use utoipa::openapi::schema::{ObjectBuilder, Type};
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(domain::period::DATE_PATTERN))
        .examples([serde_json::json!("2026-11-01")])
        .build()
}

/// Amounts of change records are strings with two decimals, without sign (the direction is
/// in `type` / `revenue_expense_type`).
pub fn amount_text(cents: i64) -> String {
    Money::from_cents(cents.abs()).to_string()
}
