//! Refunds of unsubscribed orders.

use crate::schema::refunds;
use crate::{DbConnection, StoreError};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = refunds)]
pub struct RefundRow {
    pub id: String,
    pub order_id: String,
    pub customer_id: String,
    pub amount_cents: i64,
    pub to_cash_cents: i64,
    pub to_credit_cents: i64,
    pub payer_kind: String,
    pub payer_id: String,
    pub create_time: i64,
}

pub fn insert(conn: &mut DbConnection, r: &RefundRow) -> Result<(), StoreError> {
    diesel::insert_into(refunds::table)
        .values(r)
        .execute(conn)?;
    Ok(())
}

pub fn of_order(conn: &mut DbConnection, order_id: &str) -> Result<Vec<RefundRow>, StoreError> {
    Ok(refunds::table
        .filter(refunds::order_id.eq(order_id))
        .order(refunds::create_time.asc())
        .select(RefundRow::as_select())
        .load(conn)?)
}
