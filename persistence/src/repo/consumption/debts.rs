//! Customers' arrears: what charging could not cover, until money that reaches the account
//! writes it off.

use crate::schema_consumption::customer_debts as d;
use crate::{DbConnection, StoreError};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};

pub fn of(conn: &mut DbConnection, customer_id: &str) -> Result<i64, StoreError> {
    Ok(d::table
        .find(customer_id)
        .select(d::debt_cents)
        .first(conn)
        .optional()?
        .unwrap_or(0))
}

/// Adds `cents` (negative to write off) to the customer's arrears.
pub fn add(
    conn: &mut DbConnection,
    customer_id: &str,
    cents: i64,
    now: i64,
) -> Result<(), StoreError> {
    if cents == 0 {
        return Ok(());
    }
    if cents < 0 {
        // A write-off: the row exists (the debt being settled), and an insert of a negative
        // row would break its CHECK before any conflict is considered.
        diesel::update(d::table.find(customer_id))
            .set((
                d::debt_cents.eq(d::debt_cents + cents),
                d::updated_at.eq(now),
            ))
            .execute(conn)?;
        return Ok(());
    }
    let sql = super::placeholders(
        conn,
        "INSERT INTO customer_debts (customer_id, debt_cents, updated_at) VALUES ($1, $2, $3) \
         ON CONFLICT (customer_id) DO UPDATE SET debt_cents = customer_debts.debt_cents + excluded.debt_cents, \
         updated_at = excluded.updated_at",
    );
    diesel::sql_query(sql.as_ref())
        .bind::<Text, _>(customer_id)
        .bind::<BigInt, _>(cents)
        .bind::<BigInt, _>(now)
        .execute(conn)?;
    Ok(())
}
