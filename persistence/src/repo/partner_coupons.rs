//! Coupons partners issue from their quotas (source `PARTNER`) and the test vouchers they were
//! granted (source `TEST`, listed too): ListIssuedPartnerCoupons,
//! reclaiming and expiring them. Status changes are conditional, so a coupon is reclaimed,
//! expired or used exactly once.

use super::coupons::CouponRow;
use crate::schema::{coupons as c, customers};
use crate::{AnyBackend, DbConnection, StoreError};
use diesel::prelude::*;
use domain::payment::COUPON_USABLE;
use domain::vouchers::quota::TimeRange as Range;
use domain::vouchers::{COUPON_EXPIRED, COUPON_RECLAIMED, SOURCE_PARTNER, SOURCE_TEST};

#[derive(Debug, Clone, Default)]
pub struct IssuedFilter {
    pub partner_id: String,
    pub coupon_id: Option<String>,
    pub customer_id: Option<String>,
    pub order_id: Option<String>,
    pub coupon_type: Option<i32>,
    pub status: Option<i32>,
    pub created: Range,
    pub effective: Range,
    pub expires: Range,
    /// Coupons that expired before this are no longer listed.
    pub expired_since: i64,
    /// The partner's resale customers (Huawei lists only their coupons).
    pub resale_customers: Vec<String>,
}

fn query(f: &IssuedFilter) -> c::BoxedQuery<'static, AnyBackend> {
    // Issued from a quota to a resale customer, or a test voucher granted to the partner (S15).
    let mut b = c::table
        .filter(c::partner_id.eq(f.partner_id.clone()))
        .filter(
            c::source
                .eq(SOURCE_PARTNER)
                .and(c::customer_id.eq_any(f.resale_customers.clone()))
                .or(c::source.eq(SOURCE_TEST)),
        )
        .filter(c::expire_time.ge(f.expired_since))
        .into_boxed();
    if let Some(v) = &f.coupon_id {
        b = b.filter(c::id.eq(v.clone()));
    }
    if let Some(v) = &f.customer_id {
        b = b.filter(c::customer_id.eq(v.clone()));
    }
    if let Some(v) = &f.order_id {
        b = b.filter(c::used_by_order_id.eq(v.clone()));
    }
    if let Some(v) = f.coupon_type {
        b = b.filter(c::coupon_type.eq(v));
    }
    if let Some(v) = f.status {
        b = b.filter(c::status.eq(v));
    }
    for (col, (after, before)) in [
        (Col::Create, f.created),
        (Col::Effective, f.effective),
        (Col::Expire, f.expires),
    ] {
        if let Some(t) = after {
            b = match col {
                Col::Create => b.filter(c::create_time.gt(t)),
                Col::Effective => b.filter(c::effective_time.gt(t)),
                Col::Expire => b.filter(c::expire_time.gt(t)),
            };
        }
        if let Some(t) = before {
            b = match col {
                Col::Create => b.filter(c::create_time.lt(t)),
                Col::Effective => b.filter(c::effective_time.lt(t)),
                Col::Expire => b.filter(c::expire_time.lt(t)),
            };
        }
    }
    b
}

enum Col {
    Create,
    Effective,
    Expire,
}

pub fn count(conn: &mut DbConnection, f: &IssuedFilter) -> Result<i64, StoreError> {
    Ok(query(f).count().get_result(conn)?)
}

/// Newest first.
pub fn page(
    conn: &mut DbConnection,
    f: &IssuedFilter,
    offset: i64,
    limit: i64,
) -> Result<Vec<CouponRow>, StoreError> {
    Ok(query(f)
        .order((c::create_time.desc(), c::id.desc()))
        .offset(offset)
        .limit(limit)
        .select(CouponRow::as_select())
        .load(conn)?)
}

/// Ids of the partner's resale customers.
pub fn resale_customers(
    conn: &mut DbConnection,
    partner_id: &str,
) -> Result<Vec<String>, StoreError> {
    Ok(customers::table
        .filter(customers::partner_id.eq(partner_id))
        .filter(customers::association_type.eq("2"))
        .select(customers::id)
        .load(conn)?)
}

/// A coupon `partner_id` issued from a quota, whoever holds it now.
pub fn find_issued(
    conn: &mut DbConnection,
    partner_id: &str,
    id: &str,
) -> Result<Option<CouponRow>, StoreError> {
    Ok(c::table
        .filter(c::id.eq(id))
        .filter(c::source.eq(SOURCE_PARTNER))
        .filter(c::partner_id.eq(partner_id))
        .select(CouponRow::as_select())
        .first(conn)
        .optional()?)
}

/// Usable → `status` with its balance gone, if it is still usable with `balance`; the caller
/// returns that balance to the quota in the same transaction.
fn close(
    conn: &mut DbConnection,
    id: &str,
    balance: i64,
    status: i32,
    keep_balance: bool,
) -> Result<bool, StoreError> {
    let target = c::table
        .filter(c::id.eq(id))
        .filter(c::status.eq(COUPON_USABLE))
        .filter(c::balance_cents.eq(balance));
    let n = if keep_balance {
        diesel::update(target)
            .set(c::status.eq(status))
            .execute(conn)?
    } else {
        diesel::update(target)
            .set((c::status.eq(status), c::balance_cents.eq(0)))
            .execute(conn)?
    };
    Ok(n == 1)
}

/// ReclaimPartnerCoupons: usable → reclaimed (5), balance to zero.
pub fn reclaim(conn: &mut DbConnection, id: &str, balance: i64) -> Result<bool, StoreError> {
    close(conn, id, balance, COUPON_RECLAIMED, false)
}

/// Usable → expired (4). A partner coupon's balance goes back to its quota, so it is zeroed;
/// other coupons keep theirs for the record.
pub fn expire(conn: &mut DbConnection, row: &CouponRow) -> Result<bool, StoreError> {
    let to_quota = row.source == SOURCE_PARTNER && row.quota_id.is_some();
    close(conn, &row.id, row.balance_cents, COUPON_EXPIRED, !to_quota)
}

/// Usable coupons whose validity ended by `now`, oldest first, at most `limit`.
pub fn due(conn: &mut DbConnection, now: i64, limit: i64) -> Result<Vec<CouponRow>, StoreError> {
    Ok(c::table
        .filter(c::status.eq(COUPON_USABLE))
        .filter(c::expire_time.le(now))
        .order((c::expire_time.asc(), c::id.asc()))
        .limit(limit)
        .select(CouponRow::as_select())
        .load(conn)?)
}

pub fn find(conn: &mut DbConnection, id: &str) -> Result<Option<CouponRow>, StoreError> {
    Ok(c::table
        .find(id)
        .select(CouponRow::as_select())
        .first(conn)
        .optional()?)
}

/// Association types of those of `ids` that are `partner_id`'s customers.
pub fn associations(
    conn: &mut DbConnection,
    partner_id: &str,
    ids: &[String],
) -> Result<std::collections::HashMap<String, String>, StoreError> {
    let rows: Vec<(String, Option<String>)> = customers::table
        .filter(customers::partner_id.eq(partner_id))
        .filter(customers::id.eq_any(ids))
        .select((customers::id, customers::association_type))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, t)| (id, t.unwrap_or_default()))
        .collect())
}

/// Usable coupons `partner_id` issued from its quotas to `customer_id`, in id order.
pub fn usable_issued_to(
    conn: &mut DbConnection,
    partner_id: &str,
    customer_id: &str,
) -> Result<Vec<CouponRow>, StoreError> {
    Ok(c::table
        .filter(c::partner_id.eq(partner_id))
        .filter(c::customer_id.eq(customer_id))
        .filter(c::source.eq(SOURCE_PARTNER))
        .filter(c::status.eq(COUPON_USABLE))
        .order(c::id.asc())
        .select(CouponRow::as_select())
        .load(conn)?)
}
