//! Refunds of unsubscribed orders.

use crate::schema::refunds;
use crate::{DbConnection, StoreError};
use diesel::prelude::*;
use domain::orders::Refund;
use domain::Money;

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

pub fn of_order(conn: &mut DbConnection, order_id: &str) -> Result<Vec<Refund>, StoreError> {
    refunds::table
        .filter(refunds::order_id.eq(order_id))
        .order(refunds::create_time.asc())
        .select(RefundRow::as_select())
        .load(conn)?
        .into_iter()
        .map(Refund::try_from)
        .collect()
}

/// The refund an unsubscription order made (its id is the order's).
pub fn find(conn: &mut DbConnection, id: &str) -> Result<Option<Refund>, StoreError> {
    refunds::table
        .find(id)
        .select(RefundRow::as_select())
        .first(conn)
        .optional()?
        .map(Refund::try_from)
        .transpose()
}

impl TryFrom<RefundRow> for Refund {
    type Error = StoreError;

    fn try_from(r: RefundRow) -> Result<Self, StoreError> {
        Ok(Refund {
            payer: super::orders::payer_of(&r.payer_kind, r.payer_id)?,
            id: r.id,
            order_id: r.order_id,
            customer_id: r.customer_id,
            amount: Money::from_cents(r.amount_cents),
            to_cash: Money::from_cents(r.to_cash_cents),
            to_credit: Money::from_cents(r.to_credit_cents),
            create_time: r.create_time,
        })
    }
}
