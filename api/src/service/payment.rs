//! Paying an order (PayOrders, or a partner on the customer's behalf) and refunding it. One
//! transaction each: the order moves 6 → 5 once, each coupon is consumed once, the payer's
//! cash then credit is debited, and every balance change writes its ledger row.

use crate::service::Failure;
use domain::ledger::TradeDetail;
use domain::payment::{self, CouponFacts, CouponLimits, OrderDiscount, OrderFacts, PayRequest};
use domain::vouchers::scope::{CouponScope, LineScope};
use domain::vouchers::split_list;
use domain::{codes, Money, Violation};
use persistence::repo::accounts::{self, AccountRow, Posting};
use persistence::repo::coupons;
use persistence::repo::orders::{self, OrderRow, Paid};
use persistence::repo::refunds::{self, RefundRow};
use persistence::{ids, DbConnection, StoreError};
use rust_decimal::Decimal;
use std::str::FromStr;

/// Who pays: the order's customer, or its partner.
#[derive(Debug, Clone, Copy)]
pub enum Payer<'a> {
    Customer(&'a str),
    Partner(&'a str),
}

impl Payer<'_> {
    fn kind(&self) -> &'static str {
        match self {
            Payer::Customer(_) => accounts::CUSTOMER,
            Payer::Partner(_) => accounts::PARTNER,
        }
    }
    fn id(&self) -> &str {
        match self {
            Payer::Customer(id) | Payer::Partner(id) => id,
        }
    }
}

fn decimal(s: &str) -> Result<Decimal, Failure> {
    Ok(Decimal::from_str(s)
        .map_err(|_| StoreError::Internal("stored decimal is malformed".into()))?)
}

fn facts(conn: &mut DbConnection, o: &OrderRow, req: &PayRequest) -> Result<OrderFacts, Failure> {
    // One read of the lines serves both the discount ratios and the coupon scopes, and only
    // when a coupon will look at them.
    let lines = if payment::needs_lines(req) {
        orders::lines(conn, &o.id, 0, i64::from(u16::MAX))?
    } else {
        Vec::new()
    };
    let line_ratios = lines
        .iter()
        .map(|l| {
            l.discount_ratio
                .as_deref()
                .map_or(Ok(Decimal::ONE), decimal)
        })
        .collect::<Result<_, _>>()?;
    let stored = if o.discount_count > 0 {
        orders::discounts(conn, &o.id)?
    } else {
        Vec::new()
    };
    let discounts = stored
        .into_iter()
        .map(|d| {
            Ok(OrderDiscount {
                id: d.discount_id,
                discount_type: d.discount_type,
                mode: d.discount_mode,
                value: decimal(&d.discount_value)?,
            })
        })
        .collect::<Result<_, Failure>>()?;
    Ok(OrderFacts {
        lines: scopes(o, lines),
        status: o.status,
        deadline: o.pending_payment_end_time,
        amount: Money::from_cents(o.amount_cents),
        line_ratios,
        discounts,
    })
}

/// The order's lines as coupon limits see them (a line without a service type has the
/// order's).
pub fn line_scopes(conn: &mut DbConnection, o: &OrderRow) -> Result<Vec<LineScope>, Failure> {
    Ok(scopes(
        o,
        orders::lines(conn, &o.id, 0, i64::from(u16::MAX))?,
    ))
}

fn scopes(o: &OrderRow, lines: Vec<orders::LineRow>) -> Vec<LineScope> {
    lines
        .into_iter()
        .map(|l| LineScope {
            cloud_service_type: l
                .cloud_service_type
                .unwrap_or_else(|| o.service_type_code.clone()),
            product_id: l.product_id,
            amount: Money::from_cents(l.amount_cents),
        })
        .collect()
}

pub fn coupon_facts(c: &coupons::CouponRow) -> Result<CouponFacts, Failure> {
    Ok(CouponFacts {
        scope: CouponScope {
            cloud_service_types: split_list(c.cloud_service_types.as_deref()),
            product_ids: split_list(c.product_ids.as_deref()),
        },
        id: c.id.clone(),
        coupon_type: c.coupon_type,
        status: c.status,
        balance: Money::from_cents(c.balance_cents),
        effective_time: c.effective_time,
        expire_time: c.expire_time,
        limits: CouponLimits {
            with_partner_discount: c.with_partner_discount,
            with_contract_discount: c.with_contract_discount,
            with_promotion_discount: c.with_promotion_discount,
            min_consume_discount: c.min_consume_discount.as_deref().map(decimal).transpose()?,
        },
    })
}

fn status_changed() -> Failure {
    Failure::Refused(Violation::new(
        codes::ORDER_STATUS_CHANGED,
        "the order is not pending payment",
    ))
}

/// Pays `order` (already checked to be the payer's to pay) under the request's coupons and
/// discount.
pub fn pay(
    conn: &mut DbConnection,
    order: &OrderRow,
    payer: Payer<'_>,
    req: &PayRequest,
    now: i64,
) -> Result<(), Failure> {
    let order_facts = facts(conn, order, req)?;
    let ids: Vec<String> = req.coupons.iter().map(|(id, _)| id.clone()).collect();
    let coupon_rows = if ids.is_empty() {
        Vec::new()
    } else {
        coupons::of_customer(conn, &order.customer_id, &ids)?
    };
    let coupon_facts: Vec<CouponFacts> = coupon_rows
        .iter()
        .map(coupon_facts)
        .collect::<Result<_, _>>()?;
    let plan = payment::plan(&order_facts, &coupon_facts, req, now)?;
    // The payer's accounts are locked before the order is claimed: a concurrent payment of
    // the same order waits on one or the other and then finds the order paid.
    let mut locked = accounts::lock_cash_and_credit(conn, payer.kind(), payer.id(), now)?;
    let bal = |t: i32| {
        locked
            .iter()
            .find(|a| a.account_type == t)
            .map_or(0, |a| a.balance_cents)
    };
    let split = payment::split(
        plan.remaining,
        Money::from_cents(bal(accounts::CASH)),
        Money::from_cents(bal(accounts::CREDIT)),
    );
    let (cash_part, credit_part) = match split {
        Ok(parts) => parts,
        // Paid meanwhile (from the balance that is now short) says so, not "insufficient".
        Err(_) if still_pending(conn, &order.id)? == Some(false) => return Err(status_changed()),
        Err(short) => return Err(short.into()),
    };
    let paid = Paid {
        payer_kind: payer.kind(),
        payer_id: payer.id(),
        discount_id: plan.discount.as_ref().map(|(id, _)| id.as_str()),
        discount_cents: plan.discount.as_ref().map_or(0, |(_, m)| m.cents()),
        coupon_cents: plan.coupons.iter().map(|(_, m)| m.cents()).sum(),
        cash_cents: cash_part.cents(),
        credit_cents: credit_part.cents(),
        at: now,
    };
    let claim = (payment::ORDER_PENDING, payment::ORDER_COMPLETED);
    if !orders::record_payment(conn, &order.id, claim, &paid)? {
        return Err(status_changed());
    }
    for (id, take) in &plan.coupons {
        if !coupons::consume(conn, id, take.cents(), &order.id, now)? {
            return Err(Failure::Refused(Violation::new(
                codes::COUPON_USED,
                "a coupon was used meanwhile",
            )));
        }
    }
    let related = matches!(payer, Payer::Partner(_)).then_some(order.customer_id.as_str());
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
    Ok(())
}

fn paid_order(conn: &mut DbConnection, order_id: &str) -> Result<OrderRow, Failure> {
    let o = orders::find(conn, order_id)?.ok_or_else(|| super::not_found("order"))?;
    if o.status != payment::ORDER_COMPLETED {
        return Err(Failure::Refused(Violation::new(
            codes::ORDER_STATUS_CHANGED,
            "only a paid order can be unsubscribed",
        )));
    }
    Ok(o)
}

/// Whether the order is still pending payment (`None`: it is gone).
fn still_pending(conn: &mut DbConnection, id: &str) -> Result<Option<bool>, Failure> {
    Ok(orders::find(conn, id)?.map(|o| o.status == payment::ORDER_PENDING))
}

fn post(
    conn: &mut DbConnection,
    acc: &mut AccountRow,
    delta: Money,
    detail: TradeDetail,
    trade_id: &str,
    customer_id: Option<&str>,
    now: i64,
) -> Result<(), Failure> {
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
) -> Result<RefundRow, Failure> {
    let o = paid_order(conn, order_id)?;
    let (kind, payer) = (
        o.payer_kind.clone().unwrap_or_default(),
        o.payer_id.clone().unwrap_or_default(),
    );
    let cash = accounts::ensure(conn, &kind, &payer, accounts::CASH, now)?;
    let credit = accounts::ensure(conn, &kind, &payer, accounts::CREDIT, now)?;
    let mut locked = accounts::lock(conn, &[&cash.id, &credit.id])?;
    // Read again under the payer's lock, which every refund of this order takes: one that ran
    // meanwhile has committed, and what is left to refund is current.
    let o = paid_order(conn, order_id)?;
    let paid = o.cash_paid_cents + o.credit_paid_cents;
    let left = Money::from_cents(paid - o.refunded_cents);
    let amount = amount.unwrap_or(left);
    if left.is_zero() || amount > left || amount.is_zero() {
        return Err(Failure::Refused(Violation::new(
            codes::REFUND_TOO_LARGE,
            format!("refund_amount may be at most {left}"),
        )));
    }
    let (to_cash, to_credit) = payment::refund_split(
        amount,
        Money::from_cents(o.cash_paid_cents),
        Money::from_cents(o.credit_paid_cents),
    );
    let related = (kind == accounts::PARTNER).then_some(o.customer_id.as_str());
    let row = RefundRow {
        id: ids::prefixed("RF"),
        order_id: o.id.clone(),
        customer_id: o.customer_id.clone(),
        amount_cents: amount.cents(),
        to_cash_cents: to_cash.cents(),
        to_credit_cents: to_credit.cents(),
        payer_kind: kind.clone(),
        payer_id: payer.clone(),
        create_time: now,
    };
    for acc in locked.iter_mut() {
        let part = if acc.account_type == accounts::CASH {
            to_cash
        } else {
            to_credit
        };
        post(conn, acc, part, TradeDetail::Refund, &row.id, related, now)?;
    }
    orders::add_refunded(conn, &o.id, amount.cents())?;
    refunds::insert(conn, &row)?;
    Ok(row)
}
