//! Listing quotas: ListQuotaCoupons (a partner's own) and ListIssuedCouponQuotas (those a
//! distributor passed on), with Huawei's strict time bounds.

use super::quotas::QuotaRow;
use crate::schema_vouchers::coupon_quotas as q;
use crate::{AnyBackend, DbConnection, StoreError};
use diesel::prelude::*;
use domain::vouchers::quota::Quota;
pub use domain::vouchers::quota::{QuotaSearch, TimeRange};

fn query(f: &QuotaSearch) -> q::BoxedQuery<'static, AnyBackend> {
    let mut b = q::table.into_boxed();
    if let Some(p) = &f.partner_id {
        b = b.filter(q::partner_id.eq(p.clone()));
    }
    if let Some(p) = &f.granted_by {
        b = b.filter(q::granted_by_partner_id.eq(p.clone()));
    }
    if let Some(t) = f.quota_type {
        b = b.filter(q::quota_type.eq(t));
    }
    if let Some(ids) = &f.ids {
        b = b.filter(q::id.eq_any(ids.clone()));
    }
    if let Some(s) = &f.statuses {
        b = b.filter(q::status.eq_any(s.clone()));
    }
    if let Some(p) = &f.parent_quota_id {
        b = b.filter(q::parent_quota_id.eq(p.clone()));
    }
    if let Some(t) = f.created.0 {
        b = b.filter(q::create_time.gt(t));
    }
    if let Some(t) = f.created.1 {
        b = b.filter(q::create_time.lt(t));
    }
    if let Some(t) = f.effective.0 {
        b = b.filter(q::effective_time.gt(t));
    }
    if let Some(t) = f.effective.1 {
        b = b.filter(q::effective_time.lt(t));
    }
    if let Some(t) = f.expires.0 {
        b = b.filter(q::expire_time.gt(t));
    }
    if let Some(t) = f.expires.1 {
        b = b.filter(q::expire_time.lt(t));
    }
    b
}

pub fn count(conn: &mut DbConnection, f: &QuotaSearch) -> Result<i64, StoreError> {
    Ok(query(f).count().get_result(conn)?)
}

/// Newest first.
pub fn page(
    conn: &mut DbConnection,
    f: &QuotaSearch,
    offset: i64,
    limit: i64,
) -> Result<Vec<Quota>, StoreError> {
    Ok(query(f)
        .order((q::create_time.desc(), q::id.desc()))
        .offset(offset)
        .limit(limit)
        .select(QuotaRow::as_select())
        .load(conn)?
        .into_iter()
        .map(Quota::from)
        .collect())
}
