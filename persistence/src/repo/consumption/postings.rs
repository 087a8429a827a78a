//! Many ledger rows on one account in one go: the charges of a batch's records for one
//! customer. One conditional balance update for their sum and one multi-row insert of the rows
//! (each with its running balance), so the ledger still adds up row by row.

use crate::repo::accounts::AccountRow;
use crate::repo::ledger::LedgerRow;
use crate::repo::ledger_query;
use crate::schema::accounts;
use crate::{ids, DbConnection, StoreError};
use diesel::prelude::*;

/// One change of a batch: amount (negative for a charge) and its trade.
pub struct Change<'a> {
    pub cents: i64,
    pub trade_type: &'a str,
    pub trade_detail_type: &'a str,
    pub trade_id: &'a str,
    pub remark: Option<&'a str>,
}

/// Applies the changes to the locked `account` (updated in place); false if its balance moved
/// meanwhile or would go below zero (the caller's transaction then starts over or refuses).
pub fn apply_many(
    conn: &mut DbConnection,
    account: &mut AccountRow,
    changes: &[Change<'_>],
    now: i64,
) -> Result<bool, StoreError> {
    let mut balance = account.balance_cents;
    let mut rows = Vec::with_capacity(changes.len());
    for c in changes.iter().filter(|c| c.cents != 0) {
        balance = balance
            .checked_add(c.cents)
            .ok_or_else(|| StoreError::Internal("balance overflow".into()))?;
        if balance < 0 {
            return Ok(false);
        }
        rows.push(LedgerRow {
            seq: None,
            id: ids::new_id(),
            account_id: account.id.clone(),
            owner_kind: account.owner_kind.clone(),
            owner_id: account.owner_id.clone(),
            account_type: account.account_type,
            trade_type: c.trade_type.to_owned(),
            trade_detail_type: c.trade_detail_type.to_owned(),
            trade_id: c.trade_id.to_owned(),
            amount_cents: c.cents,
            balance_after_cents: balance,
            customer_id: None,
            counterparty_id: None,
            remark: c.remark.map(str::to_owned),
            created_at: now,
        });
    }
    if rows.is_empty() {
        return Ok(true);
    }
    let n = diesel::update(
        accounts::table
            .filter(accounts::id.eq(&account.id))
            .filter(accounts::balance_cents.eq(account.balance_cents)),
    )
    .set(accounts::balance_cents.eq(balance))
    .execute(conn)?;
    if n != 1 {
        return Ok(false);
    }
    ledger_query::insert_many(conn, &rows)?;
    account.balance_cents = balance;
    Ok(true)
}
