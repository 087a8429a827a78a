//! What `serve --demo` prints: read from the database at each start, so it stays true after
//! the demo order is paid or the balances move.

use super::{Printed, DISTRIBUTOR, ORDER_ID, PASSWORD};
use domain::orders::OrderStatus;
use domain::Money;
use persistence::repo::{accounts, customers, orders, users};
use persistence::{DbConnection, StoreError};
use std::fmt::Write;

pub struct State {
    /// Status and amount (cents) of the demo order, if it is there.
    order: Option<(OrderStatus, i64)>,
    customer_a_cents: i64,
    distributor_cents: i64,
}

impl State {
    pub fn read(c: &mut DbConnection) -> Result<State, StoreError> {
        let cash = |c: &mut DbConnection, kind: &str, id: Option<String>| match id {
            Some(id) => Ok::<_, StoreError>(
                accounts::find(c, kind, &id, accounts::CASH)?.map_or(0, |a| a.balance_cents),
            ),
            None => Ok(0),
        };
        let a = customers::find_by_domain_name(c, "demo-customer-a")?.map(|r| r.id);
        let dist = users::find_by_name(c, "demo-dist-admin")?.map(|u| u.partner_id);
        Ok(State {
            order: orders::find(c, ORDER_ID)?.map(|o| (o.status, o.amount.cents())),
            customer_a_cents: cash(c, accounts::CUSTOMER, a)?,
            distributor_cents: cash(c, accounts::PARTNER, dist)?,
        })
    }
}

fn yuan(cents: i64) -> String {
    Money::from_cents(cents).to_string()
}

fn order_line(order: Option<(OrderStatus, i64)>) -> String {
    match order {
        Some((OrderStatus::PendingPayment, cents)) => format!(
            "Order {ORDER_ID} of demo-customer-a ({} CNY) is waiting for payment (PayOrders).",
            yuan(cents)
        ),
        Some((OrderStatus::Completed, cents)) => {
            format!(
                "Order {ORDER_ID} of demo-customer-a ({} CNY) is paid.",
                yuan(cents)
            )
        }
        Some((OrderStatus::Cancelled, _)) => {
            format!("Order {ORDER_ID} of demo-customer-a is cancelled.")
        }
        Some((status, _)) => format!(
            "Order {ORDER_ID} of demo-customer-a has status {}.",
            status.int()
        ),
        None => format!("Order {ORDER_ID} is not in this database."),
    }
}

pub fn text(s: &State, creds: &[Printed]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Demo data: distributor '{DISTRIBUTOR}' (cash {} CNY, a voucher quota, credit) with \
         resellers demo-reseller-1 and -2;",
        yuan(s.distributor_cents)
    );
    let _ = writeln!(
        out,
        "customers demo-customer-a (resale, of the distributor; cash {} CNY) and demo-customer-b \
         (of reseller 1);",
        yuan(s.customer_a_cents)
    );
    let _ = writeln!(out, "{}", order_line(s.order));
    let _ = writeln!(
        out,
        "Also three business opportunities (two owned by demo-dist-manager) and two leads."
    );
    let _ = writeln!(
        out,
        "Demo credentials (BSS_AK/BSS_SK for `partner-bss api` and the SDK; passwords for POST /v2/auth/tokens):"
    );
    for p in creds {
        let _ = writeln!(
            out,
            "  {:<22} BSS_AK={} BSS_SK={} domain_id={}",
            p.who, p.access_key, p.secret_key, p.domain_id
        );
    }
    let _ = writeln!(
        out,
        "  password of every demo user and customer: {PASSWORD}"
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_banner_says_what_the_order_is() {
        let pending = State {
            order: Some((OrderStatus::PendingPayment, 12_000)),
            customer_a_cents: 20_000,
            distributor_cents: 9_980_000,
        };
        let t = text(&pending, &[]);
        assert!(t.contains("(120.00 CNY) is waiting for payment"), "{t}");
        assert!(t.contains("cash 200.00 CNY"), "{t}");
        let paid = State {
            order: Some((OrderStatus::Completed, 12_000)),
            ..pending
        };
        let t = text(&paid, &[]);
        assert!(t.contains("is paid") && !t.contains("waiting"), "{t}");
    }
}
