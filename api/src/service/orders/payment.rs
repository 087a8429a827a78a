//! Paying an order (PayOrders, or a partner on the customer's behalf) and refunding it. One
//! transaction each: the order moves 6 → 5 once, each coupon is consumed once, the payer's
//! cash then credit is debited, and every balance change writes its ledger row.

use super::{existing, Failure, Outcome};
use crate::service::delivery::events::emit;
use domain::events::EventType;
use domain::ledger::TradeDetail;
use domain::orders::{self, Order, OrderStatus, Payer, Refund};
use domain::payment::{self, CouponFacts, OrderFacts, PayRequest};
use domain::vouchers::scope::LineScope;
use domain::{codes, Money};
use persistence::repo::accounts::{self, AccountRow, Posting};
use persistence::repo::coupons;
use persistence::repo::orders::{self as repo, Paid};
use persistence::repo::refunds::{self, RefundRow};
use persistence::DbConnection;
use rust_decimal::Decimal;

fn kind(p: &Payer) -> &'static str {
    match p {
        Payer::Customer(_) => accounts::CUSTOMER,
        Payer::Partner(_) => accounts::PARTNER,
    }
}

fn id_of(p: &Payer) -> &str {
    match p {
        Payer::Customer(id) | Payer::Partner(id) => id,
    }
}

/// What the payment rules read of the order; its lines only when a coupon will look at them.
fn facts(conn: &mut DbConnection, o: &Order, req: &PayRequest) -> Outcome<OrderFacts> {
    let lines = if payment::needs_lines(req) {
        line_scopes(conn, o)?
    } else {
        Vec::new()
    };
    let discounts = if o.discount_count > 0 {
        repo::discounts(conn, &o.id)?
    } else {
        Vec::new()
    };
    Ok(OrderFacts {
        line_ratios: lines.iter().map(|(_, r)| *r).collect(),
        lines: lines.into_iter().map(|(l, _)| l).collect(),
        status: o.status,
        deadline: o.pending_payment_end_time,
        amount: o.amount,
        discounts,
    })
}

/// The order's lines as coupon limits see them (a line without a service type has the
/// order's), each with its discount ratio.
pub fn line_scopes(conn: &mut DbConnection, o: &Order) -> Outcome<Vec<(LineScope, Decimal)>> {
    Ok(repo::lines(conn, &o.id, 0, i64::from(u16::MAX))?
        .into_iter()
        .map(|l| {
            let scope = LineScope {
                cloud_service_type: l
                    .cloud_service_type
                    .unwrap_or_else(|| o.service_type_code.clone()),
                product_id: l.product_id,
                amount: l.amount,
                period_type: l.period_type,
                period_num: l.period_num,
            };
            (scope, l.discount_ratio.unwrap_or(Decimal::ONE))
        })
        .collect())
}

/// Pays `order` (already checked to be the payer's to pay) under the request's coupons and
/// discount.
pub fn pay(
    conn: &mut DbConnection,
    order: &Order,
    payer: &Payer,
    req: &PayRequest,
    now: i64,
) -> Outcome<()> {
    payment::check_request(req)?;
    let order_facts = facts(conn, order, req)?;
    let ids: Vec<String> = req.coupons.iter().map(|(id, _)| id.clone()).collect();
    let coupon_facts: Vec<CouponFacts> = if ids.is_empty() {
        Vec::new()
    } else {
        coupons::of_customer(conn, &order.customer_id, &ids)?
            .into_iter()
            .map(|c| c.facts)
            .collect()
    };
    let plan = payment::plan(&order_facts, &coupon_facts, req, now)?;
    // The payer's accounts are locked before the order is claimed: a concurrent payment of
    // the same order waits on one or the other and then finds the order paid.
    let mut locked = accounts::lock_cash_and_credit(conn, kind(payer), id_of(payer), now)?;
    let bal = |t: i32| {
        locked
            .iter()
            .find(|a| a.account_type == t)
            .map_or(Money::ZERO, |a| Money::from_cents(a.balance_cents))
    };
    let (cash_part, credit_part) =
        match payment::split(plan.remaining, bal(accounts::CASH), bal(accounts::CREDIT)) {
            Ok(parts) => parts,
            // Paid meanwhile (from the balance that is now short) says so, not "insufficient".
            Err(_) if existing(conn, &order.id)?.status != OrderStatus::PendingPayment => {
                return Err(orders::not_pending().into())
            }
            Err(short) => return Err(short.into()),
        };
    let paid = Paid {
        payer_kind: kind(payer),
        payer_id: id_of(payer),
        discount_id: plan.discount.as_ref().map(|(id, _)| id.as_str()),
        discount_cents: plan.discount.as_ref().map_or(0, |(_, m)| m.cents()),
        coupon_cents: plan.coupons.iter().map(|u| u.take.cents()).sum(),
        cash_cents: cash_part.cents(),
        credit_cents: credit_part.cents(),
        at: now,
    };
    let claim = (OrderStatus::PendingPayment, OrderStatus::Completed);
    if !repo::record_payment(conn, &order.id, claim, &paid)? {
        return Err(orders::not_pending().into());
    }
    for u in &plan.coupons {
        if !coupons::consume(conn, &u.id, u.take, u.spend, &order.id, now)? {
            return Err(Failure::rule(
                codes::COUPON_USED,
                "a coupon was used meanwhile",
            ));
        }
    }
    let related = order_customer_if_partner(payer, order);
    for acc in locked.iter_mut() {
        let part = if acc.account_type == accounts::CASH {
            cash_part
        } else {
            credit_part
        };
        post(
            conn,
            acc,
            -part,
            TradeDetail::Deduct,
            &order.id,
            related,
            now,
        )?;
    }
    // A paid new purchase creates its resources; a paid renewal extends them (issue 22).
    crate::service::consumption::provisioning::on_paid(conn, order, now)?;
    if let Some(p) = &order.partner_id {
        let subjects = [
            ("order_id", order.id.as_str()),
            ("customer_id", order.customer_id.as_str()),
        ];
        emit(conn, p, EventType::OrderPaid, &subjects, now)?;
    }
    Ok(())
}

/// A partner's ledger rows name the customer whose order they paid or refunded.
fn order_customer_if_partner<'a>(payer: &Payer, order: &'a Order) -> Option<&'a str> {
    matches!(payer, Payer::Partner(_)).then_some(order.customer_id.as_str())
}

fn paid_order(conn: &mut DbConnection, order_id: &str) -> Outcome<Order> {
    let o = super::repo::find(conn, order_id)?.ok_or_else(|| crate::service::not_found("order"))?;
    if o.status != OrderStatus::Completed {
        return Err(Failure::rule(
            codes::ORDER_STATUS_CHANGED,
            "only a paid order can be unsubscribed",
        ));
    }
    Ok(o)
}

fn post(
    conn: &mut DbConnection,
    acc: &mut AccountRow,
    delta: Money,
    detail: TradeDetail,
    trade_id: &str,
    customer_id: Option<&str>,
    now: i64,
) -> Outcome<()> {
    if delta.is_zero() {
        return Ok(());
    }
    let posting = Posting {
        delta,
        trade_type: detail.trade_type(),
        trade_detail_type: detail.as_str(),
        trade_id,
        customer_id,
        counterparty_id: None,
        remark: None,
    };
    accounts::post(conn, acc, &posting, now, || {
        Failure::rule(
            codes::INSUFFICIENT_BALANCE,
            "cash and credit balances together cannot cover the order",
        )
    })?;
    Ok(())
}

/// Unsubscribes a paid order: `amount` (default: all not yet refunded) goes back to the
/// accounts that paid, in the proportions paid, as REFUND rows.
pub fn refund(
    conn: &mut DbConnection,
    order_id: &str,
    amount: Option<Money>,
    now: i64,
) -> Outcome<Refund> {
    let o = paid_order(conn, order_id)?;
    let payer = o
        .payer
        .clone()
        .ok_or_else(|| Failure::internal("a paid order has no payer"))?;
    let cash = accounts::ensure(conn, kind(&payer), id_of(&payer), accounts::CASH, now)?;
    let credit = accounts::ensure(conn, kind(&payer), id_of(&payer), accounts::CREDIT, now)?;
    let mut locked = accounts::lock(conn, &[&cash.id, &credit.id])?;
    // Read again under the payer's lock, which every refund of this order takes: one that ran
    // meanwhile has committed, and what is left to refund is current.
    let o = paid_order(conn, order_id)?;
    let left = o
        .paid_from_balances()
        .checked_sub(o.refunded)
        .unwrap_or(Money::ZERO);
    let amount = amount.unwrap_or(left);
    if left.is_zero() || amount > left || amount.is_zero() {
        return Err(Failure::rule(
            codes::REFUND_TOO_LARGE,
            format!("refund_amount may be at most {left}"),
        ));
    }
    let earlier = refunds::of_order(conn, &o.id)?;
    let sum =
        |f: fn(&Refund) -> Money| Money::from_cents(earlier.iter().map(|r| f(r).cents()).sum());
    let refundable = payment::Refundable {
        cash_paid: o.cash_paid,
        credit_paid: o.credit_paid,
        cash_refunded: sum(|r| r.to_cash),
        credit_refunded: sum(|r| r.to_credit),
    };
    let (to_cash, to_credit) = payment::refund_split(amount, &refundable);
    // The unsubscription order is an order of its own (type 4); its refund shares its id.
    let refund_order_id = super::create::new_order_id();
    repo::create_unsubscription(conn, &refund_order_id, &o, amount, now)?;
    let row = RefundRow {
        id: refund_order_id,
        order_id: o.id.clone(),
        customer_id: o.customer_id.clone(),
        amount_cents: amount.cents(),
        to_cash_cents: to_cash.cents(),
        to_credit_cents: to_credit.cents(),
        payer_kind: kind(&payer).to_owned(),
        payer_id: id_of(&payer).to_owned(),
        create_time: now,
    };
    let related = order_customer_if_partner(&payer, &o);
    for acc in locked.iter_mut() {
        let part = if acc.account_type == accounts::CASH {
            to_cash
        } else {
            to_credit
        };
        post(conn, acc, part, TradeDetail::Refund, &row.id, related, now)?;
    }
    repo::add_refunded(conn, &o.id, amount.cents())?;
    refunds::insert(conn, &row)?;
    if let Some(p) = &o.partner_id {
        let subjects = [
            ("order_id", o.id.as_str()),
            ("refund_order_id", row.id.as_str()),
            ("customer_id", o.customer_id.as_str()),
        ];
        emit(conn, p, EventType::OrderRefunded, &subjects, now)?;
    }
    Ok(Refund {
        id: row.id,
        order_id: row.order_id,
        customer_id: row.customer_id,
        amount,
        to_cash,
        to_credit,
        payer,
        create_time: now,
    })
}
