//! Orders (S17, S19): who may see one, reading them, paying, refunding, and the partner paying
//! on a customer's behalf. Each function runs inside the caller's transaction and hands back
//! domain values.

pub mod create;
pub mod partner_payment;
pub mod payment;
pub mod reads;

use super::{acting, Failure, Outcome};
use crate::auth::Principal;
use domain::orders::{self, Order};
use persistence::repo::{customers, orders as repo};
use persistence::DbConnection;

/// The order if the caller may see it: a customer its own, a partner (or a distributor acting
/// for its reseller) those of its customers. Anything else answers like a missing order.
pub fn visible(
    conn: &mut DbConnection,
    who: &Principal,
    order_id: &str,
    indirect: Option<&str>,
) -> Outcome<Order> {
    // The caller's scope first: a reseller that is not the caller's refuses alike whether
    // or not the order exists, so the answer reveals nothing about other partners' ids.
    let partner = match who {
        Principal::PartnerUser(u) => Some(acting::partner(conn, &u.partner_id, indirect)?.id),
        Principal::Customer(_) if indirect.is_some() => return Err(orders::not_yours().into()),
        _ => None,
    };
    let o = repo::find(conn, order_id)?.ok_or_else(orders::not_yours)?;
    let ok = match who {
        Principal::Customer(c) => o.customer_id == c.customer_id,
        Principal::PartnerUser(_) => {
            customers::find(conn, &o.customer_id)?.and_then(|c| c.partner_id) == partner
        }
        Principal::Operator => true,
    };
    if ok {
        Ok(o)
    } else {
        Err(orders::not_yours().into())
    }
}

/// An order that must exist (it was just read under a lock).
fn existing(conn: &mut DbConnection, id: &str) -> Outcome<Order> {
    repo::find(conn, id)?.ok_or_else(|| Failure::internal("order vanished"))
}
