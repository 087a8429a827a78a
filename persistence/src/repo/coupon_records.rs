//! S9 operation records of partner coupons (ListPartnerCouponsRecord and its export): every
//! issue and reclaim, written in the same transaction as the change it records.

use crate::schema_vouchers::partner_coupon_records as r;
use crate::{AnyBackend, DbConnection, StoreError};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = r)]
pub struct CouponRecordRow {
    /// Assigned by the database.
    #[diesel(deserialize_as = i64)]
    pub seq: Option<i64>,
    pub id: String,
    /// The partner that issued the coupon.
    pub partner_id: String,
    pub quota_id: Option<String>,
    pub quota_type: i32,
    pub coupon_id: Option<String>,
    pub customer_id: Option<String>,
    pub operation_type: String,
    pub amount_cents: i64,
    pub result: String,
    pub remark: Option<String>,
    pub operation_time: i64,
}

pub fn insert(conn: &mut DbConnection, row: &CouponRecordRow) -> Result<(), StoreError> {
    diesel::insert_into(r::table).values(row).execute(conn)?;
    Ok(())
}

/// `None` fields do not filter; `Some(vec![])` filters to nothing, as Huawei documents.
#[derive(Debug, Clone, Default)]
pub struct CouponRecordFilter {
    pub partner_id: String,
    pub operation_types: Option<Vec<String>>,
    pub quota_id: Option<String>,
    pub quota_type: Option<i32>,
    pub coupon_ids: Option<Vec<String>>,
    pub customer_id: Option<String>,
    /// Exclusive bounds, unix seconds.
    pub after: Option<i64>,
    pub before: Option<i64>,
    pub result: Option<String>,
}

fn query(f: &CouponRecordFilter) -> r::BoxedQuery<'static, AnyBackend> {
    let mut b = r::table
        .filter(r::partner_id.eq(f.partner_id.clone()))
        .into_boxed();
    if let Some(v) = &f.operation_types {
        b = b.filter(r::operation_type.eq_any(v.clone()));
    }
    if let Some(v) = &f.quota_id {
        b = b.filter(r::quota_id.eq(v.clone()));
    }
    if let Some(v) = f.quota_type {
        b = b.filter(r::quota_type.eq(v));
    }
    if let Some(v) = &f.coupon_ids {
        b = b.filter(r::coupon_id.eq_any(v.clone()));
    }
    if let Some(v) = &f.customer_id {
        b = b.filter(r::customer_id.eq(v.clone()));
    }
    if let Some(t) = f.after {
        b = b.filter(r::operation_time.gt(t));
    }
    if let Some(t) = f.before {
        b = b.filter(r::operation_time.lt(t));
    }
    if let Some(v) = &f.result {
        b = b.filter(r::result.eq(v.clone()));
    }
    b
}

pub fn count(conn: &mut DbConnection, f: &CouponRecordFilter) -> Result<i64, StoreError> {
    Ok(query(f).count().get_result(conn)?)
}

/// Newest first.
pub fn page(
    conn: &mut DbConnection,
    f: &CouponRecordFilter,
    offset: i64,
    limit: i64,
) -> Result<Vec<CouponRecordRow>, StoreError> {
    Ok(query(f)
        .order((r::operation_time.desc(), r::seq.desc()))
        .offset(offset)
        .limit(limit)
        .select(CouponRecordRow::as_select())
        .load(conn)?)
}

/// The next `n` rows after the keyset position `(operation_time, seq)`, newest first, for
/// streamed exports. A plain `operation_time <= t` replaces the filter's upper bound so the
/// index range starts at the position (the OR alone bounds nothing, and each batch would
/// rescan every row already sent).
pub fn batch_after(
    conn: &mut DbConnection,
    f: &CouponRecordFilter,
    after: Option<(i64, i64)>,
    n: i64,
) -> Result<Vec<CouponRecordRow>, StoreError> {
    let mut b = match after {
        Some(_) => query(&CouponRecordFilter {
            before: None,
            ..f.clone()
        }),
        None => query(f),
    };
    if let Some((t, s)) = after {
        b = b.filter(r::operation_time.le(t)).filter(
            r::operation_time
                .lt(t)
                .or(r::operation_time.eq(t).and(r::seq.lt(s))),
        );
    }
    Ok(b.order((r::operation_time.desc(), r::seq.desc()))
        .limit(n)
        .select(CouponRecordRow::as_select())
        .load(conn)?)
}
