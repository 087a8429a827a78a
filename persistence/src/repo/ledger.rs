//! The append-only ledger of account changes.

use crate::schema::{accounts, ledger_entries};
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

/// Moves the account's balance by `row.amount_cents` if it is still `before_cents`, and
/// appends `row`, both or neither; false if the balance had moved. On PostgreSQL one statement
/// (one round trip), elsewhere two in the caller's transaction.
pub fn apply(
    conn: &mut DbConnection,
    row: &LedgerRow,
    before_cents: i64,
) -> Result<bool, StoreError> {
    let DbConnection::Pg(pg) = conn else {
        let n = diesel::update(
            accounts::table
                .filter(accounts::id.eq(&row.account_id))
                .filter(accounts::balance_cents.eq(before_cents)),
        )
        .set(accounts::balance_cents.eq(accounts::balance_cents + row.amount_cents))
        .execute(conn)?;
        if n != 1 {
            return Ok(false);
        }
        insert(conn, row)?;
        return Ok(true);
    };
    let n = super::prepared::ApplyPosting { row, before_cents }.execute(pg)?;
    Ok(n == 1)
}

pub fn insert(conn: &mut DbConnection, row: &LedgerRow) -> Result<(), StoreError> {
    diesel::insert_into(ledger_entries::table)
        .values(row)
        .execute(conn)
        .map(drop)
        .map_err(StoreError::from)
}
