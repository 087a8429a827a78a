//! Customers' coupons (platform promotions and partner-issued); consumption is conditional so
//! a coupon is used exactly once.

use crate::coded;
use crate::schema::{coupons, order_coupons};
use crate::{AnyBackend, DbConnection, StoreError};
use diesel::prelude::*;
use domain::payment::{CouponFacts, CouponLimits};
use domain::vouchers::coupon::{Coupon, CouponStatus, CouponType};
use domain::vouchers::scope::CouponScope;
use domain::vouchers::split_list;
use domain::Money;
use rust_decimal::Decimal;
use std::str::FromStr;

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

impl TryFrom<CouponRow> for Coupon {
    type Error = StoreError;

    fn try_from(c: CouponRow) -> Result<Self, StoreError> {
        let min_consume_discount = c
            .min_consume_discount
            .as_deref()
            .map(|s| {
                Decimal::from_str(s)
                    .map_err(|_| StoreError::Internal("stored ratio is malformed".into()))
            })
            .transpose()?;
        Ok(Coupon {
            facts: CouponFacts {
                scope: CouponScope {
                    cloud_service_types: split_list(c.cloud_service_types.as_deref()),
                    product_ids: split_list(c.product_ids.as_deref()),
                },
                test_voucher: c.source == domain::vouchers::SOURCE_TEST,
                id: c.id,
                coupon_type: coded::from_int(c.coupon_type)?,
                status: coded::from_int(c.status)?,
                balance: Money::from_cents(c.balance_cents),
                effective_time: c.effective_time,
                expire_time: c.expire_time,
                limits: CouponLimits {
                    with_partner_discount: c.with_partner_discount,
                    with_contract_discount: c.with_contract_discount,
                    with_promotion_discount: c.with_promotion_discount,
                    min_consume_discount,
                },
            },
            customer_id: c.customer_id,
            source: c.source,
            partner_id: c.partner_id,
            quota_id: c.quota_id,
            face_value: Money::from_cents(c.face_value_cents),
            used_by_order_id: c.used_by_order_id,
            last_used_time: c.last_used_time,
            memo: c.memo,
            create_time: c.create_time,
        })
    }
}

fn all(rows: Vec<CouponRow>) -> Result<Vec<Coupon>, StoreError> {
    rows.into_iter().map(Coupon::try_from).collect()
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
) -> Result<Vec<Coupon>, StoreError> {
    all(coupons::table
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
) -> Result<Vec<Coupon>, StoreError> {
    all(coupons::table
        .filter(coupons::customer_id.eq(customer_id))
        .filter(coupons::status.eq(coded::int(CouponStatus::Usable)))
        .filter(coupons::effective_time.le(now))
        .filter(coupons::expire_time.gt(now))
        .filter(coupons::balance_cents.gt(0))
        .order((coupons::expire_time.asc(), coupons::id.asc()))
        .select(CouponRow::as_select())
        .load(conn)?)
}

/// Spends `spend` of a usable coupon's balance, taking `take` off `order_id`; false if it
/// was used meanwhile.
pub fn consume(
    conn: &mut DbConnection,
    id: &str,
    take: Money,
    spend: Money,
    order_id: &str,
    now: i64,
) -> Result<bool, StoreError> {
    let n = diesel::update(
        coupons::table
            .filter(coupons::id.eq(id))
            .filter(coupons::status.eq(coded::int(CouponStatus::Usable)))
            .filter(coupons::balance_cents.ge(spend.cents())),
    )
    .set((
        coupons::status.eq(coded::int(CouponStatus::Used)),
        coupons::balance_cents.eq(coupons::balance_cents - spend.cents()),
        coupons::used_by_order_id.eq(order_id),
        coupons::last_used_time.eq(now),
    ))
    .execute(conn)?;
    if n == 1 {
        diesel::insert_into(order_coupons::table)
            .values((
                order_coupons::order_id.eq(order_id),
                order_coupons::coupon_id.eq(id),
                order_coupons::amount_cents.eq(take.cents()),
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
    pub coupon_type: Option<CouponType>,
    pub status: Option<CouponStatus>,
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
        q = q.filter(coupons::coupon_type.eq(coded::int(t)));
    }
    if let Some(s) = f.status {
        q = q.filter(coupons::status.eq(coded::int(s)));
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
) -> Result<Vec<Coupon>, StoreError> {
    all(query(f)
        .order((coupons::create_time.desc(), coupons::id.desc()))
        .offset(offset)
        .limit(limit)
        .select(CouponRow::as_select())
        .load(conn)?)
}
