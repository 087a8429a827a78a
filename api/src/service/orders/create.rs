//! Creating an order pending payment (the operator's set-up) and cancelling one.

use super::{visible, Outcome};
use crate::auth::Principal;
use crate::service::not_found;
use domain::orders::{self, NewOrder, Order, OrderStatus};
use persistence::repo::customers;
use persistence::repo::orders as repo;
use persistence::{ids, DbConnection};

/// Stores the order for its customer (who must exist), under the customer's partner; returns
/// the new order's id.
pub fn create(conn: &mut DbConnection, new: &NewOrder, now: i64) -> Outcome<String> {
    new.check()?;
    let c = customers::find(conn, &new.customer_id)?.ok_or_else(|| not_found("customer"))?;
    let id = new_order_id();
    repo::create(conn, &id, new, c.partner_id, now)?;
    Ok(id)
}

/// A fresh order id in Huawei's form.
pub fn new_order_id() -> String {
    format!("CS{}", ids::prefixed("").to_uppercase())
}

/// Cancels a pending-payment order the caller may see.
pub fn cancel(conn: &mut DbConnection, who: &Principal, order_id: &str) -> Outcome<Order> {
    let o = visible(conn, who, order_id, None)?;
    if !repo::transition(
        conn,
        &o.id,
        OrderStatus::PendingPayment,
        OrderStatus::Cancelled,
    )? {
        return Err(orders::not_cancellable().into());
    }
    Ok(o)
}
