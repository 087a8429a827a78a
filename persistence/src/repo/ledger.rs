//! The append-only ledger of account changes.

use crate::schema::ledger_entries;
use crate::{DbConnection, StoreError};
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

pub fn insert(conn: &mut DbConnection, row: &LedgerRow) -> Result<(), StoreError> {
    diesel::insert_into(ledger_entries::table)
        .values(row)
        .execute(conn)
        .map(drop)
        .map_err(StoreError::from)
}
