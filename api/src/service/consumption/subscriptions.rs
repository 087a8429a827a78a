//! Yearly/monthly resources: paying a new order creates its resources, paying a renewal
//! order extends them; customers renew, unsubscribe (refunded to whoever paid, S19) and set
//! auto-renewal. Each function runs inside the caller's transaction.

pub use super::subscription_reads::{list, ResourceQuery, Viewer};
use crate::service::orders::{create, payment};
use crate::service::{Failure, Outcome};
use domain::consumption::resources::{Resource, ResourceStatus, Term};
use domain::consumption::subscriptions::{
    self as rules, OrderResource, RenewPeriod, UnsubscribeType,
};
use domain::consumption::ChargingMode;
use domain::orders::{NewLine, NewOrder, Order, OrderStatus, OrderType, Payer, PeriodType};
use domain::payment::PayRequest;
use domain::{codes, Money, Violation};
use persistence::repo::consumption::resources::ResourceRow;
use persistence::repo::consumption::subscriptions as repo;
use persistence::repo::orders;
use persistence::{coded, ids, DbConnection};

/// After `order` is paid: a new purchase creates a resource per yearly/monthly line, a
/// renewal extends the resources it renews.
pub fn on_paid(conn: &mut DbConnection, order: &Order, now: i64) -> Outcome<()> {
    match order.order_type {
        OrderType::New | OrderType::ToYearlyMonthly => create_resources(conn, order, now),
        OrderType::Renew => extend(conn, order, now),
        _ => Ok(()),
    }
}

fn create_resources(conn: &mut DbConnection, order: &Order, now: i64) -> Outcome<()> {
    for line in orders::lines(conn, &order.id, 0, i64::from(u16::MAX))? {
        let Some(expire) = rules::term_end(now, line.period_type, line.period_num) else {
            continue;
        };
        let service = line
            .cloud_service_type
            .clone()
            .unwrap_or_else(|| order.service_type_code.clone());
        let id = ids::new_id();
        let row = ResourceRow {
            id: id.clone(),
            customer_id: order.customer_id.clone(),
            partner_id: order.partner_id.clone(),
            resource_type_code: rules::resource_type_of(&service),
            service_type_code: service,
            region_code: rules::ORDER_REGION.to_owned(),
            resource_name: None,
            product_id: Some(line.product_id.clone()),
            charging_mode: coded::int(ChargingMode::YearlyMonthly),
            period_type: Some(coded::int(line.period_type)),
            period_num: Some(line.period_num),
            order_id: Some(order.id.clone()),
            effective_time: now,
            expire_time: Some(expire),
            auto_renew: false,
            status: coded::int(ResourceStatus::Normal),
            created_at: now,
            term_amount_cents: Some(line.amount.cents()),
            auto_renew_times: None,
            updated_at: Some(now),
        };
        repo::insert_resource(conn, &row)?;
        let link = OrderResource {
            order_id: order.id.clone(),
            resource_id: id,
            amount: line.amount,
            period_type: line.period_type,
            period_num: line.period_num,
            term: Some((now, expire)),
            refunded: false,
        };
        repo::insert_links(conn, &[link])?;
    }
    Ok(())
}

fn extend(conn: &mut DbConnection, order: &Order, now: i64) -> Outcome<()> {
    for link in repo::links_of_order(conn, &order.id)? {
        let Some(r) = repo::find_many(conn, &[link.resource_id.as_str()])?.pop() else {
            continue;
        };
        let start = r.expire_time.unwrap_or(now);
        let end = rules::term_end(start, link.period_type, link.period_num)
            .ok_or_else(|| Failure::internal("a renewal's term has no end"))?;
        repo::set_term(conn, &order.id, &r.id, (start, end))?;
        repo::set_expire(conn, &r.id, end, now)?;
    }
    Ok(())
}

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

/// Turns auto-renewal on (`times`: how many renewals, 0 no limit; kept when already on and
/// not given) or off.
pub fn set_auto_renew(
    conn: &mut DbConnection,
    customer_id: &str,
    id: &str,
    on: Option<Option<i32>>,
    now: i64,
) -> Outcome<()> {
    let r = owned(conn, customer_id, &[id])?
        .pop()
        .ok_or_else(|| Failure::internal("an owned resource vanished"))?;
    match on {
        Some(times) => {
            let times = match (times, r.auto_renew) {
                (Some(t), _) => Some(t),
                (None, true) => r.auto_renew_times,
                (None, false) => Some(0),
            };
            repo::set_auto_renew(conn, &r.id, true, times, now)?;
        }
        None => repo::set_auto_renew(conn, &r.id, false, None, now)?,
    }
    Ok(())
}
