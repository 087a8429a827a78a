//! Customers' coupons (platform promotions and partner-issued); consumption is conditional so
//! a coupon is used exactly once.

use crate::schema::{coupons, order_coupons};
use crate::{AnyBackend, DbConnection, StoreError};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = coupons)]
pub struct CouponRow {
    pub id: String,
    pub customer_id: String,
    pub coupon_type: i32,
    pub source: String,
    pub partner_id: Option<String>,
    pub quota_id: Option<String>,
    pub face_value_cents: i64,
    pub balance_cents: i64,
    pub status: i32,
    pub effective_time: i64,
    pub expire_time: i64,
    pub with_partner_discount: bool,
    pub with_contract_discount: bool,
    pub with_promotion_discount: bool,
    pub min_consume_discount: Option<String>,
    pub used_by_order_id: Option<String>,
    pub last_used_time: Option<i64>,
    pub memo: Option<String>,
    pub create_time: i64,
    /// Comma-separated limits of a partner-issued coupon (`None`: any).
    pub cloud_service_types: Option<String>,
    pub product_ids: Option<String>,
}

pub fn insert(conn: &mut DbConnection, c: &CouponRow) -> Result<(), StoreError> {
    diesel::insert_into(coupons::table)
        .values(c)
        .execute(conn)?;
    Ok(())
}

/// The customer's coupons among `ids` (others' coupons are simply absent).
pub fn of_customer(
    conn: &mut DbConnection,
    customer_id: &str,
    ids: &[String],
) -> Result<Vec<CouponRow>, StoreError> {
    Ok(coupons::table
        .filter(coupons::customer_id.eq(customer_id))
        .filter(coupons::id.eq_any(ids))
        .select(CouponRow::as_select())
        .load(conn)?)
}

/// Usable now: status 2, effective, not expired, with balance.
pub fn usable(
    conn: &mut DbConnection,
    customer_id: &str,
    now: i64,
) -> Result<Vec<CouponRow>, StoreError> {
    Ok(coupons::table
        .filter(coupons::customer_id.eq(customer_id))
        .filter(coupons::status.eq(2))
        .filter(coupons::effective_time.le(now))
        .filter(coupons::expire_time.gt(now))
        .filter(coupons::balance_cents.gt(0))
        .order((coupons::expire_time.asc(), coupons::id.asc()))
        .select(CouponRow::as_select())
        .load(conn)?)
}

/// Uses `cents` of a usable coupon for `order_id`; false if it was used meanwhile.
pub fn consume(
    conn: &mut DbConnection,
    id: &str,
    cents: i64,
    order_id: &str,
    now: i64,
) -> Result<bool, StoreError> {
    let n = diesel::update(
        coupons::table
            .filter(coupons::id.eq(id))
            .filter(coupons::status.eq(2))
            .filter(coupons::balance_cents.ge(cents)),
    )
    .set((
        coupons::status.eq(3),
        coupons::balance_cents.eq(coupons::balance_cents - cents),
        coupons::used_by_order_id.eq(order_id),
        coupons::last_used_time.eq(now),
    ))
    .execute(conn)?;
    if n == 1 {
        diesel::insert_into(order_coupons::table)
            .values((
                order_coupons::order_id.eq(order_id),
                order_coupons::coupon_id.eq(id),
                order_coupons::amount_cents.eq(cents),
            ))
            .execute(conn)?;
    }
    Ok(n == 1)
}

#[derive(Debug, Clone, Default)]
pub struct CouponFilter {
    pub customer_ids: Vec<String>,
    pub coupon_id: Option<String>,
    pub order_id: Option<String>,
    pub coupon_type: Option<i32>,
    pub status: Option<i32>,
    pub active_from: Option<i64>,
    pub active_until: Option<i64>,
}

fn query(f: &CouponFilter) -> coupons::BoxedQuery<'static, AnyBackend> {
    let mut q = coupons::table
        .filter(coupons::customer_id.eq_any(f.customer_ids.clone()))
        .into_boxed();
    if let Some(c) = &f.coupon_id {
        q = q.filter(coupons::id.eq(c.clone()));
    }
    if let Some(o) = &f.order_id {
        q = q.filter(coupons::used_by_order_id.eq(o.clone()));
    }
    if let Some(t) = f.coupon_type {
        q = q.filter(coupons::coupon_type.eq(t));
    }
    if let Some(s) = f.status {
        q = q.filter(coupons::status.eq(s));
    }
    if let Some(t) = f.active_from {
        q = q.filter(coupons::effective_time.ge(t));
    }
    if let Some(t) = f.active_until {
        q = q.filter(coupons::effective_time.le(t));
    }
    q
}

pub fn count(conn: &mut DbConnection, f: &CouponFilter) -> Result<i64, StoreError> {
    Ok(query(f).count().get_result(conn)?)
}

pub fn page(
    conn: &mut DbConnection,
    f: &CouponFilter,
    offset: i64,
    limit: i64,
) -> Result<Vec<CouponRow>, StoreError> {
    Ok(query(f)
        .order((coupons::create_time.desc(), coupons::id.desc()))
        .offset(offset)
        .limit(limit)
        .select(CouponRow::as_select())
        .load(conn)?)
}
