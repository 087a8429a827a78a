//! Writing arrears off: money that reaches a customer's cash account (an allocation, a
//! recharge) first settles what it owes, oldest record first, as `WRITEOFF` ledger rows.

use super::ingest::post;
use crate::service::Outcome;
use domain::consumption::write_off;
use domain::ledger::TradeDetail;
use domain::Money;
use persistence::repo::accounts;
use persistence::repo::consumption::{debts, records};
use persistence::{ids, DbConnection};

/// Settles what the customer's cash balance can of its arrears; returns the amount written off.
pub fn settle(conn: &mut DbConnection, customer_id: &str, now: i64) -> Outcome<Money> {
    let debt = debts::of(conn, customer_id)?;
    if debt == 0 {
        return Ok(Money::ZERO);
    }
    let cash = accounts::ensure(conn, accounts::CUSTOMER, customer_id, accounts::CASH, now)?;
    let mut locked = accounts::lock(conn, &[&cash.id])?;
    let Some(acc) = locked.first_mut() else {
        return Ok(Money::ZERO);
    };
    let off = write_off(
        Money::from_cents(debt),
        Money::from_cents(acc.balance_cents),
    );
    if off.is_zero() {
        return Ok(Money::ZERO);
    }
    let trade_id = ids::new_id();
    post(conn, acc, -off, TradeDetail::WriteOff, &trade_id, None, now)?;
    debts::add(conn, customer_id, -off.cents(), now)?;
    let mut left = off.cents();
    for (id, open) in records::open_debts(conn, customer_id)? {
        if left == 0 {
            break;
        }
        let part = open.min(left);
        records::add_writeoff(conn, &id, part)?;
        left -= part;
    }
    Ok(off)
}
