//! Orders with their lines and discounts; status changes are conditional updates so each
//! transition happens exactly once.

use crate::schema::{order_discounts, order_line_items, orders};
use crate::{AnyBackend, DbConnection, StoreError};
use diesel::prelude::*;

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

pub fn find(conn: &mut DbConnection, id: &str) -> Result<Option<OrderRow>, StoreError> {
    Ok(orders::table
        .find(id)
        .select(OrderRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn lines(
    conn: &mut DbConnection,
    order_id: &str,
    offset: i64,
    limit: i64,
) -> Result<Vec<LineRow>, StoreError> {
    Ok(order_line_items::table
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

/// Every line's discount ratio (the payment rules need all of them).
pub fn line_ratios(
    conn: &mut DbConnection,
    order_id: &str,
) -> Result<Vec<Option<String>>, StoreError> {
    Ok(order_line_items::table
        .filter(order_line_items::order_id.eq(order_id))
        .select(order_line_items::discount_ratio)
        .load(conn)?)
}

pub fn discounts(conn: &mut DbConnection, order_id: &str) -> Result<Vec<DiscountRow>, StoreError> {
    Ok(order_discounts::table
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
    from: i32,
    to: i32,
) -> Result<bool, StoreError> {
    let n = diesel::update(
        orders::table
            .filter(orders::id.eq(id))
            .filter(orders::status.eq(from)),
    )
    .set(orders::status.eq(to))
    .execute(conn)?;
    Ok(n == 1)
}

/// What a completed payment took, by whom.
pub struct Paid<'a> {
    pub payer_kind: &'a str,
    pub payer_id: &'a str,
    pub discount_id: Option<&'a str>,
    pub discount_cents: i64,
    pub coupon_cents: i64,
    pub cash_cents: i64,
    pub credit_cents: i64,
    pub at: i64,
}

/// Moves the order `from` → `to` (pending → paid) and records what paid it, in one statement;
/// false if it was no longer in `from` (a concurrent payment or cancellation won).
pub fn record_payment(
    conn: &mut DbConnection,
    id: &str,
    (from, to): (i32, i32),
    p: &Paid<'_>,
) -> Result<bool, StoreError> {
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
    from: &[Option<&str>],
    to: &str,
    reason: Option<&str>,
) -> Result<bool, StoreError> {
    let mut q = diesel::update(orders::table)
        .filter(orders::id.eq(id))
        .filter(orders::status.eq(6))
        .into_boxed();
    let allowed: Vec<String> = from.iter().flatten().map(|s| (*s).to_owned()).collect();
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
            orders::agent_pay_status.eq(to),
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
    pub status: Option<i32>,
    pub order_type: Option<i32>,
    pub agent_pay_status: Option<String>,
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
        q = q.filter(orders::status.eq(s));
    }
    if let Some(t) = f.order_type {
        q = q.filter(orders::order_type.eq(t));
    }
    if let Some(a) = &f.agent_pay_status {
        q = q.filter(orders::agent_pay_status.eq(a.clone()));
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
) -> Result<Vec<OrderRow>, StoreError> {
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
    Ok(rows)
}

/// The type of each order's applied discount, for a page of orders.
pub fn applied_discount_types(
    conn: &mut DbConnection,
    page: &[OrderRow],
) -> Result<std::collections::HashMap<String, i32>, StoreError> {
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
    Ok(page
        .iter()
        .filter_map(|o| {
            let applied = o.applied_discount_id.as_ref()?;
            let d = rows
                .iter()
                .find(|d| d.order_id == o.id && &d.discount_id == applied)?;
            Some((o.id.clone(), d.discount_type))
        })
        .collect())
}
