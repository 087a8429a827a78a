//! Yearly/monthly resources: paying a new order creates its resources, paying a renewal
//! order extends them; customers renew, unsubscribe (refunded to whoever paid, S19) and set
//! auto-renewal. Each function runs inside the caller's transaction.

pub use super::subscription_reads::{list, ResourceQuery, Viewer};
use crate::service::orders::{create, payment};
use crate::service::{Failure, Outcome};
use domain::consumption::resources::{Resource, Term};
use domain::consumption::subscriptions::{
    self as rules, AutoRenewPeriod, OrderResource, RenewPeriod, UnsubscribeType,
};
use domain::orders::{NewLine, NewOrder, OrderStatus, OrderType, Payer, PeriodType};
use domain::payment::PayRequest;
use domain::{codes, Money, Violation};
use persistence::repo::consumption::subscriptions as repo;
use persistence::repo::orders;
use persistence::DbConnection;

/// The customer's resources named by `ids`, in that order, each open and yearly/monthly. A
/// missing id and another customer's answer alike.
fn owned(conn: &mut DbConnection, customer_id: &str, ids: &[&str]) -> Outcome<Vec<Resource>> {
    rules::check_distinct(ids)?;
    let found = repo::find_many(conn, ids)?;
    let mut out = Vec::with_capacity(ids.len());
    for (i, id) in ids.iter().enumerate() {
        let r = found
            .iter()
            .find(|r| r.id == *id && r.customer_id == customer_id)
            .ok_or_else(|| {
                Violation::new(
                    codes::NOT_FOUND,
                    format!("resource_ids[{i}] names no resource"),
                )
            })?;
        rules::check_open(i, r)?;
        out.push(r.clone());
    }
    Ok(out)
}

fn term_of(i: usize, r: &Resource) -> Outcome<Term> {
    r.term.ok_or_else(|| {
        Failure::rule(
            codes::RESOURCE_NOT_SUBSCRIPTION,
            format!("resource_ids[{i}] was not bought for a term"),
        )
    })
}

/// A renewal order for the customer's resources (pending payment, or paid at once with
/// `auto_pay`); returns its id.
pub fn renew(
    conn: &mut DbConnection,
    customer_id: &str,
    ids: &[&str],
    (period, n): (RenewPeriod, i32),
    auto_pay: bool,
    now: i64,
) -> Outcome<Vec<String>> {
    rules::check_renew_term(period, n)?;
    let resources = owned(conn, customer_id, ids)?;
    let period_type = PeriodType::from(period);
    let renew_months = rules::months(period_type, n).unwrap_or(n);
    let mut lines = Vec::with_capacity(resources.len());
    for (i, r) in resources.iter().enumerate() {
        let term = term_of(i, r)?;
        let term_months = rules::months(term.period_type, term.period_num).unwrap_or(0);
        let price = rules::renewal_price(term.amount, term_months, renew_months)
            .ok_or_else(|| Failure::internal("a resource's term has no months"))?;
        lines.push(NewLine {
            product_id: r.product_id.clone().unwrap_or_else(|| r.id.clone()),
            cloud_service_type: Some(r.service_type_code.clone()),
            period_type,
            period_num: n,
            subscription_num: 1,
            official: price,
            discount_ratio: None,
        });
    }
    let Some(first) = resources.first() else {
        return Ok(Vec::new());
    };
    let new = NewOrder {
        customer_id: customer_id.to_owned(),
        service_type_code: first.service_type_code.clone(),
        service_type_name: None,
        order_type: OrderType::Renew,
        pending_payment_end_time: Some(now + rules::RENEWAL_PAYMENT_WINDOW_SECS),
        lines,
        discounts: Vec::new(),
    };
    let order_id = create::create(conn, &new, now)?;
    let links: Vec<OrderResource> = resources
        .iter()
        .zip(&new.lines)
        .map(|(r, l)| OrderResource {
            order_id: order_id.clone(),
            resource_id: r.id.clone(),
            amount: l.amount(),
            period_type,
            period_num: n,
            term: None,
            refunded: false,
        })
        .collect();
    repo::insert_links(conn, &links)?;
    if auto_pay {
        let order = orders::find(conn, &order_id)?
            .ok_or_else(|| Failure::internal("the renewal order vanished"))?;
        let payer = Payer::Customer(customer_id.to_owned());
        payment::pay(conn, &order, &payer, &PayRequest::default(), now)?;
    }
    Ok(vec![order_id])
}

/// Unsubscribes the customer's resources: every paid order's share not yet refunded goes back
/// to whoever paid it (one unsubscription order each), renewal orders still pending payment are
/// cancelled. `RenewalsOnly` touches only renewals whose term has not begun and keeps the
/// resource; `All` closes it. Returns the unsubscription orders' ids.
pub fn unsubscribe(
    conn: &mut DbConnection,
    customer_id: &str,
    ids: &[&str],
    kind: UnsubscribeType,
    now: i64,
) -> Outcome<Vec<String>> {
    let resources = owned(conn, customer_id, ids)?;
    let mut refund_orders = Vec::new();
    for (i, r) in resources.iter().enumerate() {
        let mut first_dropped: Option<i64> = None;
        let mut dropped = false;
        for link in repo::links_of_resource(conn, &r.id)? {
            if link.refunded {
                continue;
            }
            let Some(o) = orders::find(conn, &link.order_id)? else {
                continue;
            };
            let future_renewal =
                o.order_type == OrderType::Renew && link.term.is_some_and(|(start, _)| start > now);
            match o.status {
                OrderStatus::PendingPayment => {
                    orders::transition(conn, &o.id, o.status, OrderStatus::Cancelled)?;
                    dropped = true;
                }
                OrderStatus::Completed if kind == UnsubscribeType::All || future_renewal => {
                    if !repo::mark_refunded(conn, &o.id, &r.id)? {
                        continue;
                    }
                    let left = o
                        .paid_from_balances()
                        .checked_sub(o.refunded)
                        .unwrap_or(Money::ZERO);
                    let share =
                        rules::refund_share(o.paid_from_balances(), link.amount, o.amount, left);
                    if !share.is_zero() {
                        refund_orders.push(payment::refund(conn, &o.id, Some(share), now)?.id);
                    }
                    if let Some((start, _)) = link.term {
                        first_dropped = Some(first_dropped.map_or(start, |f| f.min(start)));
                    }
                    dropped = true;
                }
                _ => {}
            }
        }
        match kind {
            UnsubscribeType::All => {
                repo::close(conn, &r.id, now)?;
            }
            UnsubscribeType::RenewalsOnly if !dropped => {
                return Err(Failure::rule(
                    codes::NO_RENEWAL_TO_UNSUBSCRIBE,
                    format!("resource_ids[{i}] has no renewed term that has not begun"),
                ));
            }
            UnsubscribeType::RenewalsOnly => {
                if let Some(start) = first_dropped {
                    repo::set_expire(conn, &r.id, start, now)?;
                }
            }
        }
    }
    Ok(refund_orders)
}

/// Turns auto-renewal on (`times`: how many renewals, 0 no limit, kept when already on and
/// not given; `period`: the term each buys, none the resource's own) or off.
pub fn set_auto_renew(
    conn: &mut DbConnection,
    customer_id: &str,
    id: &str,
    on: Option<(Option<i32>, Option<AutoRenewPeriod>)>,
    now: i64,
) -> Outcome<()> {
    let r = owned(conn, customer_id, &[id])?
        .pop()
        .ok_or_else(|| Failure::internal("an owned resource vanished"))?;
    let on = on.map(|(times, period)| {
        let times = match (times, r.auto_renew) {
            (Some(t), _) => Some(t),
            (None, true) => r.auto_renew_times,
            (None, false) => Some(0),
        };
        (times, period)
    });
    repo::set_auto_renew(conn, &r.id, on, now)?;
    Ok(())
}
