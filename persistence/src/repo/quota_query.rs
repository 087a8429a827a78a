//! Listing quotas: ListQuotaCoupons (a partner's own) and ListIssuedCouponQuotas (those a
//! distributor passed on), with Huawei's strict time bounds.

use super::quotas::QuotaRow;
use crate::schema_vouchers::coupon_quotas as q;
use crate::{AnyBackend, DbConnection, StoreError};
use diesel::prelude::*;

/// Exclusive bounds `(after, before)` in unix seconds.
pub type Range = (Option<i64>, Option<i64>);

#[derive(Debug, Clone, Default)]
pub struct QuotaFilter {
    /// The holder of the quotas.
    pub partner_id: Option<String>,
    /// The distributor that passed them on.
    pub granted_by: Option<String>,
    pub quota_type: Option<i32>,
    pub ids: Option<Vec<String>>,
    pub statuses: Option<Vec<i32>>,
    pub parent_quota_id: Option<String>,
    pub created: Range,
    pub effective: Range,
    pub expires: Range,
}

fn query(f: &QuotaFilter) -> q::BoxedQuery<'static, AnyBackend> {
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

pub fn count(conn: &mut DbConnection, f: &QuotaFilter) -> Result<i64, StoreError> {
    Ok(query(f).count().get_result(conn)?)
}

/// Newest first.
pub fn page(
    conn: &mut DbConnection,
    f: &QuotaFilter,
    offset: i64,
    limit: i64,
) -> Result<Vec<QuotaRow>, StoreError> {
    Ok(query(f)
        .order((q::create_time.desc(), q::id.desc()))
        .offset(offset)
        .limit(limit)
        .select(QuotaRow::as_select())
        .load(conn)?)
}
