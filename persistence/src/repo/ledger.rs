//! The append-only ledger of account changes.

use crate::schema::{accounts, ledger_entries};
use crate::{DbConnection, StoreError};
use diesel::prelude::*;

pub use super::rows::LedgerRow;

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
