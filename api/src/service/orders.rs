//! Who may see and act on an order, and creating orders.

use super::acting;
use crate::auth::Principal;
use crate::service::Failure;
use domain::{codes, Violation};
use persistence::repo::customers;
use persistence::repo::orders::{self, OrderRow};
use persistence::DbConnection;

fn invalid() -> Failure {
    Failure::Refused(Violation::new(
        codes::ORDER_INVALID,
        "order_id does not name one of your orders",
    ))
}

/// The order if the caller may see it: a customer its own, a partner (or a distributor acting
/// for its reseller) those of its customers. Anything else answers like a missing order.
pub fn visible(
    conn: &mut DbConnection,
    who: &Principal,
    order_id: &str,
    indirect: Option<&str>,
) -> Result<OrderRow, Failure> {
    let o = if order_id.len() <= 64 {
        orders::find(conn, order_id)?
    } else {
        None
    };
    let o = o.ok_or_else(invalid)?;
    let ok = match who {
        Principal::Customer(c) => o.customer_id == c.customer_id && indirect.is_none(),
        Principal::PartnerUser(u) => {
            let partner = acting::partner(conn, &u.partner_id, indirect)?;
            customers::find(conn, &o.customer_id)?.and_then(|c| c.partner_id) == Some(partner.id)
        }
        Principal::Operator => true,
    };
    if ok {
        Ok(o)
    } else {
        Err(invalid())
    }
}
