//! Orders with their lines and discounts; status changes are conditional updates so each
//! transition happens exactly once.

use crate::coded;
use crate::schema::{order_discounts, order_line_items, orders};
use crate::{AnyBackend, DbConnection, StoreError};
use diesel::prelude::*;
use domain::orders::{
    AgentPay, AgentPayStatus, NewOrder, Order, OrderLine, OrderStatus, OrderType, Payer,
};
use domain::payment::{DiscountType, OrderDiscount};
use domain::Money;
use rust_decimal::Decimal;
use std::str::FromStr;

fn decimal(s: &str) -> Result<Decimal, StoreError> {
    Decimal::from_str(s).map_err(|_| StoreError::Internal("stored decimal is malformed".into()))
}

/// The payer an order or refund names by account owner kind and id.
pub fn payer_of(kind: &str, id: String) -> Result<Payer, StoreError> {
    match kind {
        super::accounts::CUSTOMER => Ok(Payer::Customer(id)),
        super::accounts::PARTNER => Ok(Payer::Partner(id)),
        _ => Err(StoreError::Internal(format!(
            "stored payer kind {kind:?} is unknown"
        ))),
    }
}

impl TryFrom<OrderRow> for Order {
    type Error = StoreError;

    fn try_from(r: OrderRow) -> Result<Self, StoreError> {
        let m = Money::from_cents;
        let payer = match (r.payer_kind, r.payer_id) {
            (Some(kind), Some(id)) => Some(payer_of(&kind, id)?),
            _ => None,
        };
        let agent_pay = r
            .agent_pay_status
            .map(|s| {
                Ok::<_, StoreError>(AgentPay {
                    status: coded::from_text(&s)?,
                    reject_reason: r.agent_pay_reason,
                })
            })
            .transpose()?;
        Ok(Order {
            status: coded::from_int(r.status)?,
            order_type: coded::from_int(r.order_type)?,
            id: r.id,
            customer_id: r.customer_id,
            partner_id: r.partner_id,
            service_type_code: r.service_type_code,
            service_type_name: r.service_type_name,
            source_type: r.source_type,
            official: m(r.official_cents),
            amount: m(r.amount_cents),
            discount: m(r.discount_cents),
            coupons: m(r.coupon_cents),
            cash_paid: m(r.cash_paid_cents),
            credit_paid: m(r.credit_paid_cents),
            refunded: m(r.refunded_cents),
            payer,
            applied_discount_id: r.applied_discount_id,
            agent_pay,
            pending_payment_end_time: r.pending_payment_end_time,
            create_time: r.create_time,
            payment_time: r.payment_time,
            discount_count: r.discount_count,
        })
    }
}

impl TryFrom<LineRow> for OrderLine {
    type Error = StoreError;

    fn try_from(l: LineRow) -> Result<Self, StoreError> {
        Ok(OrderLine {
            discount_ratio: l.discount_ratio.as_deref().map(decimal).transpose()?,
            id: l.id,
            order_id: l.order_id,
            product_id: l.product_id,
            cloud_service_type: l.cloud_service_type,
            period_type: coded::from_int(l.period_type)?,
            period_num: l.period_num,
            subscription_num: l.subscription_num,
            official: Money::from_cents(l.official_cents),
            amount: Money::from_cents(l.amount_cents),
            effective_time: l.effective_time,
            expire_time: l.expire_time,
        })
    }
}

impl TryFrom<DiscountRow> for OrderDiscount {
    type Error = StoreError;

    fn try_from(d: DiscountRow) -> Result<Self, StoreError> {
        Ok(OrderDiscount {
            discount_type: coded::from_int(d.discount_type)?,
            mode: coded::from_int(d.discount_mode)?,
            value: decimal(&d.discount_value)?,
            id: d.discount_id,
        })
    }
}

fn all<R, T: TryFrom<R, Error = StoreError>>(rows: Vec<R>) -> Result<Vec<T>, StoreError> {
    rows.into_iter().map(T::try_from).collect()
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = orders)]
pub struct OrderRow {
    pub id: String,
    pub customer_id: String,
    pub partner_id: Option<String>,
    pub service_type_code: String,
    pub service_type_name: Option<String>,
    pub source_type: i32,
    pub status: i32,
    pub order_type: i32,
    pub official_cents: i64,
    pub amount_cents: i64,
    pub discount_cents: i64,
    pub coupon_cents: i64,
    pub cash_paid_cents: i64,
    pub credit_paid_cents: i64,
    pub refunded_cents: i64,
    pub payer_kind: Option<String>,
    pub payer_id: Option<String>,
    pub applied_discount_id: Option<String>,
    pub agent_pay_status: Option<String>,
    pub agent_pay_reason: Option<String>,
    pub pending_payment_end_time: Option<i64>,
    pub create_time: i64,
    pub payment_time: Option<i64>,
    /// Written by [`insert`] from the discounts it is given.
    #[diesel(skip_insertion)]
    pub discount_count: i32,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = order_line_items)]
pub struct LineRow {
    pub id: String,
    pub order_id: String,
    pub line_no: i32,
    pub product_id: String,
    pub cloud_service_type: Option<String>,
    pub period_type: i32,
    pub period_num: i32,
    pub subscription_num: i32,
    pub official_cents: i64,
    pub discount_ratio: Option<String>,
    pub amount_cents: i64,
    pub effective_time: Option<i64>,
    pub expire_time: Option<i64>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = order_discounts)]
pub struct DiscountRow {
    pub order_id: String,
    pub discount_id: String,
    pub discount_type: i32,
    pub discount_mode: i32,
    pub discount_value: String,
}

pub fn insert(
    conn: &mut DbConnection,
    o: &OrderRow,
    lines: &[LineRow],
    discounts: &[DiscountRow],
) -> Result<(), StoreError> {
    let count = i32::try_from(discounts.len())
        .map_err(|_| StoreError::Internal("too many discounts".into()))?;
    diesel::insert_into(orders::table)
        .values((o, orders::discount_count.eq(count)))
        .execute(conn)?;
    for l in lines {
        diesel::insert_into(order_line_items::table)
            .values(l)
            .execute(conn)?;
    }
    for d in discounts {
        diesel::insert_into(order_discounts::table)
            .values(d)
            .execute(conn)?;
    }
    Ok(())
}

/// Stores a new order pending payment under `id`, for the customer's partner `partner_id`.
pub fn create(
    conn: &mut DbConnection,
    id: &str,
    o: &NewOrder,
    partner_id: Option<String>,
    now: i64,
) -> Result<(), StoreError> {
    let row = OrderRow {
        id: id.to_owned(),
        customer_id: o.customer_id.clone(),
        partner_id,
        service_type_code: o.service_type_code.clone(),
        service_type_name: o.service_type_name.clone(),
        source_type: 1,
        status: coded::int(OrderStatus::PendingPayment),
        order_type: coded::int(o.order_type),
        official_cents: o.official().cents(),
        amount_cents: o.amount().cents(),
        discount_cents: 0,
        coupon_cents: 0,
        cash_paid_cents: 0,
        credit_paid_cents: 0,
        refunded_cents: 0,
        payer_kind: None,
        payer_id: None,
        applied_discount_id: None,
        agent_pay_status: None,
        agent_pay_reason: None,
        pending_payment_end_time: o.pending_payment_end_time,
        create_time: now,
        payment_time: None,
        discount_count: 0,
    };
    let lines: Vec<LineRow> = o
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| LineRow {
            id: crate::ids::new_id(),
            order_id: id.to_owned(),
            line_no: i32::try_from(i).unwrap_or(i32::MAX),
            product_id: l.product_id.clone(),
            cloud_service_type: l.cloud_service_type.clone(),
            period_type: coded::int(l.period_type),
            period_num: l.period_num,
            subscription_num: l.subscription_num,
            official_cents: l.official.cents(),
            discount_ratio: l.discount_ratio.map(|r| r.to_string()),
            amount_cents: l.amount().cents(),
            effective_time: None,
            expire_time: None,
        })
        .collect();
    let discounts: Vec<DiscountRow> = o
        .discounts
        .iter()
        .map(|d| DiscountRow {
            order_id: id.to_owned(),
            discount_id: d.id.clone(),
            discount_type: coded::int(d.discount_type),
            discount_mode: coded::int(d.mode),
            discount_value: d.value.to_string(),
        })
        .collect();
    insert(conn, &row, &lines, &discounts)
}

/// Stores the unsubscription order (type 4, completed at once) that returns `amount` of
/// `base` to its payer; it belongs to the same customer and partner, so whoever may see the
/// original sees it.
pub fn create_unsubscription(
    conn: &mut DbConnection,
    id: &str,
    base: &Order,
    amount: Money,
    now: i64,
) -> Result<(), StoreError> {
    let (payer_kind, payer_id) = match &base.payer {
        Some(Payer::Customer(c)) => (Some(super::accounts::CUSTOMER), Some(c.clone())),
        Some(Payer::Partner(p)) => (Some(super::accounts::PARTNER), Some(p.clone())),
        None => (None, None),
    };
    let row = OrderRow {
        id: id.to_owned(),
        customer_id: base.customer_id.clone(),
        partner_id: base.partner_id.clone(),
        service_type_code: base.service_type_code.clone(),
        service_type_name: base.service_type_name.clone(),
        source_type: base.source_type,
        status: coded::int(OrderStatus::Completed),
        order_type: coded::int(OrderType::Unsubscribe),
        official_cents: amount.cents(),
        amount_cents: amount.cents(),
        discount_cents: 0,
        coupon_cents: 0,
        cash_paid_cents: 0,
        credit_paid_cents: 0,
        refunded_cents: 0,
        payer_kind: payer_kind.map(str::to_owned),
        payer_id,
        applied_discount_id: None,
        agent_pay_status: None,
        agent_pay_reason: None,
        pending_payment_end_time: None,
        create_time: now,
        payment_time: Some(now),
        discount_count: 0,
    };
    insert(conn, &row, &[], &[])
}

pub fn find(conn: &mut DbConnection, id: &str) -> Result<Option<Order>, StoreError> {
    orders::table
        .find(id)
        .select(OrderRow::as_select())
        .first(conn)
        .optional()?
        .map(Order::try_from)
        .transpose()
}

pub fn lines(
    conn: &mut DbConnection,
    order_id: &str,
    offset: i64,
    limit: i64,
) -> Result<Vec<OrderLine>, StoreError> {
    all(order_line_items::table
        .filter(order_line_items::order_id.eq(order_id))
        .order(order_line_items::line_no.asc())
        .offset(offset)
        .limit(limit)
        .select(LineRow::as_select())
        .load(conn)?)
}

pub fn line_count(conn: &mut DbConnection, order_id: &str) -> Result<i64, StoreError> {
    Ok(order_line_items::table
        .filter(order_line_items::order_id.eq(order_id))
        .count()
        .get_result(conn)?)
}

pub fn discounts(
    conn: &mut DbConnection,
    order_id: &str,
) -> Result<Vec<OrderDiscount>, StoreError> {
    all(order_discounts::table
        .filter(order_discounts::order_id.eq(order_id))
        .order(order_discounts::discount_id.asc())
        .select(DiscountRow::as_select())
        .load(conn)?)
}

/// Moves the order from `from` to `to`; false if it was no longer in `from`. On PostgreSQL a
/// concurrent transition of the same order waits here for the first one.
pub fn transition(
    conn: &mut DbConnection,
    id: &str,
    from: OrderStatus,
    to: OrderStatus,
) -> Result<bool, StoreError> {
    let n = diesel::update(
        orders::table
            .filter(orders::id.eq(id))
            .filter(orders::status.eq(coded::int(from))),
    )
    .set(orders::status.eq(coded::int(to)))
    .execute(conn)?;
    Ok(n == 1)
}

pub use super::rows::Paid;

/// Moves the order `from` → `to` (pending → paid) and records what paid it, in one statement;
/// false if it was no longer in `from` (a concurrent payment or cancellation won).
pub fn record_payment(
    conn: &mut DbConnection,
    id: &str,
    (from, to): (OrderStatus, OrderStatus),
    p: &Paid<'_>,
) -> Result<bool, StoreError> {
    let (from, to) = (coded::int(from), coded::int(to));
    if let DbConnection::Pg(pg) = conn {
        let claim = super::prepared::RecordPayment {
            id,
            from,
            to,
            paid: p,
        };
        return Ok(claim.execute(pg)? == 1);
    }
    let n = diesel::update(
        orders::table
            .filter(orders::id.eq(id))
            .filter(orders::status.eq(from)),
    )
    .set((
        orders::status.eq(to),
        orders::payer_kind.eq(p.payer_kind),
        orders::payer_id.eq(p.payer_id),
        orders::applied_discount_id.eq(p.discount_id),
        orders::discount_cents.eq(p.discount_cents),
        orders::coupon_cents.eq(p.coupon_cents),
        orders::cash_paid_cents.eq(p.cash_cents),
        orders::credit_paid_cents.eq(p.credit_cents),
        orders::payment_time.eq(p.at),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// Sets the partner-payment state if the order is pending payment and its current state is
/// one of `from` (`None` = not requested).
pub fn set_agent_pay(
    conn: &mut DbConnection,
    id: &str,
    from: &[Option<AgentPayStatus>],
    to: AgentPayStatus,
    reason: Option<&str>,
) -> Result<bool, StoreError> {
    let mut q = diesel::update(orders::table)
        .filter(orders::id.eq(id))
        .filter(orders::status.eq(coded::int(OrderStatus::PendingPayment)))
        .into_boxed();
    let allowed: Vec<&str> = from.iter().flatten().map(|s| coded::text(*s)).collect();
    q = if from.contains(&None) {
        q.filter(
            orders::agent_pay_status
                .is_null()
                .or(orders::agent_pay_status.eq_any(allowed)),
        )
    } else {
        q.filter(orders::agent_pay_status.eq_any(allowed))
    };
    let n = q
        .set((
            orders::agent_pay_status.eq(coded::text(to)),
            orders::agent_pay_reason.eq(reason),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

pub fn add_refunded(conn: &mut DbConnection, id: &str, cents: i64) -> Result<(), StoreError> {
    diesel::update(orders::table.find(id))
        .set(orders::refunded_cents.eq(orders::refunded_cents + cents))
        .execute(conn)?;
    Ok(())
}

/// Filters of ListCustomerOrders and the partner-payment list; bounds are unix seconds.
#[derive(Debug, Clone, Default)]
pub struct OrderFilter {
    pub customer_ids: Option<Vec<String>>,
    pub partner_id: Option<String>,
    pub order_id: Option<String>,
    pub create_from: Option<i64>,
    pub create_until: Option<i64>,
    pub pay_from: Option<i64>,
    pub pay_until: Option<i64>,
    pub service_type_code: Option<String>,
    pub status: Option<OrderStatus>,
    pub order_type: Option<OrderType>,
    pub agent_pay_status: Option<AgentPayStatus>,
    pub newest_first: bool,
}

fn query(f: &OrderFilter) -> orders::BoxedQuery<'static, AnyBackend> {
    let mut q = orders::table.into_boxed();
    if let Some(ids) = &f.customer_ids {
        q = q.filter(orders::customer_id.eq_any(ids.clone()));
    }
    if let Some(p) = &f.partner_id {
        q = q.filter(orders::partner_id.eq(p.clone()));
    }
    if let Some(o) = &f.order_id {
        q = q.filter(crate::schema::lower(orders::id).eq(o.to_lowercase()));
    }
    if let Some(t) = f.create_from {
        q = q.filter(orders::create_time.ge(t));
    }
    if let Some(t) = f.create_until {
        q = q.filter(orders::create_time.le(t));
    }
    if let Some(t) = f.pay_from {
        q = q.filter(orders::payment_time.ge(t));
    }
    if let Some(t) = f.pay_until {
        q = q.filter(orders::payment_time.le(t));
    }
    if let Some(s) = &f.service_type_code {
        q = q.filter(orders::service_type_code.eq(s.clone()));
    }
    if let Some(s) = f.status {
        q = q.filter(orders::status.eq(coded::int(s)));
    }
    if let Some(t) = f.order_type {
        q = q.filter(orders::order_type.eq(coded::int(t)));
    }
    if let Some(a) = f.agent_pay_status {
        q = q.filter(orders::agent_pay_status.eq(coded::text(a)));
    }
    q
}

pub fn count(conn: &mut DbConnection, f: &OrderFilter) -> Result<i64, StoreError> {
    Ok(query(f).count().get_result(conn)?)
}

/// One page of orders. The page's ids come first from the `(…, create_time, id)` index, so the
/// rows skipped by `offset` are index entries only, never table rows; then just those rows
/// are read.
pub fn page(
    conn: &mut DbConnection,
    f: &OrderFilter,
    offset: i64,
    limit: i64,
) -> Result<Vec<Order>, StoreError> {
    let q = query(f);
    let q = if f.newest_first {
        q.order((orders::create_time.desc(), orders::id.desc()))
    } else {
        q.order((orders::create_time.asc(), orders::id.asc()))
    };
    let ids: Vec<String> = q
        .offset(offset)
        .limit(limit)
        .select(orders::id)
        .load(conn)?;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut rows: Vec<OrderRow> = orders::table
        .filter(orders::id.eq_any(&ids))
        .select(OrderRow::as_select())
        .load(conn)?;
    rows.sort_by_key(|r| ids.iter().position(|id| *id == r.id));
    all(rows)
}

/// The type of each order's applied discount, for a page of orders.
pub fn applied_discount_types(
    conn: &mut DbConnection,
    page: &[Order],
) -> Result<std::collections::HashMap<String, DiscountType>, StoreError> {
    let ids: Vec<String> = page
        .iter()
        .filter(|o| o.applied_discount_id.is_some())
        .map(|o| o.id.clone())
        .collect();
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let rows: Vec<DiscountRow> = order_discounts::table
        .filter(order_discounts::order_id.eq_any(&ids))
        .select(DiscountRow::as_select())
        .load(conn)?;
    page.iter()
        .filter_map(|o| {
            let applied = o.applied_discount_id.as_ref()?;
            let d = rows
                .iter()
                .find(|d| d.order_id == o.id && &d.discount_id == applied)?;
            Some(coded::from_int(d.discount_type).map(|t| (o.id.clone(), t)))
        })
        .collect()
}

/// Rejects every payment request the customer's pending orders still make to `partner_id`
/// (the association ends); returns how many.
pub fn reject_agent_requests(
    conn: &mut DbConnection,
    customer_id: &str,
    partner_id: &str,
    reason: &str,
) -> Result<usize, StoreError> {
    Ok(diesel::update(orders::table)
        .filter(orders::customer_id.eq(customer_id))
        .filter(orders::partner_id.eq(partner_id))
        .filter(orders::status.eq(coded::int(OrderStatus::PendingPayment)))
        .filter(orders::agent_pay_status.eq(coded::text(AgentPayStatus::Pending)))
        .set((
            orders::agent_pay_status.eq(coded::text(AgentPayStatus::Rejected)),
            orders::agent_pay_reason.eq(reason),
        ))
        .execute(conn)?)
}
