//! Row types that both repositories and the prepared statements read; this module imports no
//! repository, so neither side depends on the other through it.

use crate::schema::ledger_entries;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = ledger_entries)]
pub struct LedgerRow {
    /// Assigned by the database.
    #[diesel(deserialize_as = i64)]
    pub seq: Option<i64>,
    pub id: String,
    pub account_id: String,
    pub owner_kind: String,
    pub owner_id: String,
    pub account_type: i32,
    pub trade_type: String,
    pub trade_detail_type: String,
    pub trade_id: String,
    pub amount_cents: i64,
    pub balance_after_cents: i64,
    pub customer_id: Option<String>,
    pub counterparty_id: Option<String>,
    pub remark: Option<String>,
    pub created_at: i64,
}

/// What a completed payment took, by whom.
pub struct Paid<'a> {
    pub payer_kind: &'a str,
    pub payer_id: &'a str,
    pub discount_id: Option<&'a str>,
    pub discount_cents: i64,
    pub coupon_cents: i64,
    pub cash_cents: i64,
    pub credit_cents: i64,
    pub at: i64,
}
