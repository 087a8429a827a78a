//! ListCouponQuotasRecords: a distributor's grants ("10") and reclaims ("11") of quota to its
//! resellers, written in the same transaction as the move.

use crate::schema_vouchers::coupon_quota_records as r;
use crate::{AnyBackend, DbConnection, StoreError};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = r)]
pub struct QuotaRecordRow {
    /// Assigned by the database.
    #[diesel(deserialize_as = i64)]
    pub seq: Option<i64>,
    pub id: String,
    /// The distributor.
    pub partner_id: String,
    pub indirect_partner_id: String,
    /// The reseller's quota.
    pub quota_id: Option<String>,
    /// The distributor's quota it came from or went back to.
    pub parent_quota_id: String,
    pub operation_type: String,
    pub amount_cents: i64,
    /// The user who did it (login name).
    pub operator: String,
    pub result: String,
    pub remark: Option<String>,
    pub operation_time: i64,
}

pub fn insert(conn: &mut DbConnection, row: &QuotaRecordRow) -> Result<(), StoreError> {
    diesel::insert_into(r::table).values(row).execute(conn)?;
    Ok(())
}

#[derive(Debug, Clone, Default)]
pub struct QuotaRecordFilter {
    pub partner_id: String,
    pub indirect_partner_id: Option<String>,
    pub quota_id: Option<String>,
    pub parent_quota_id: Option<String>,
    pub operation_type: Option<String>,
    /// Exclusive bounds, unix seconds.
    pub after: Option<i64>,
    pub before: Option<i64>,
}

fn query(f: &QuotaRecordFilter) -> r::BoxedQuery<'static, AnyBackend> {
    let mut b = r::table
        .filter(r::partner_id.eq(f.partner_id.clone()))
        .into_boxed();
    if let Some(v) = &f.indirect_partner_id {
        b = b.filter(r::indirect_partner_id.eq(v.clone()));
    }
    if let Some(v) = &f.quota_id {
        b = b.filter(r::quota_id.eq(v.clone()));
    }
    if let Some(v) = &f.parent_quota_id {
        b = b.filter(r::parent_quota_id.eq(v.clone()));
    }
    if let Some(v) = &f.operation_type {
        b = b.filter(r::operation_type.eq(v.clone()));
    }
    if let Some(t) = f.after {
        b = b.filter(r::operation_time.gt(t));
    }
    if let Some(t) = f.before {
        b = b.filter(r::operation_time.lt(t));
    }
    b
}

pub fn count(conn: &mut DbConnection, f: &QuotaRecordFilter) -> Result<i64, StoreError> {
    Ok(query(f).count().get_result(conn)?)
}

/// Newest first.
pub fn page(
    conn: &mut DbConnection,
    f: &QuotaRecordFilter,
    offset: i64,
    limit: i64,
) -> Result<Vec<QuotaRecordRow>, StoreError> {
    Ok(query(f)
        .order((r::operation_time.desc(), r::seq.desc()))
        .offset(offset)
        .limit(limit)
        .select(QuotaRecordRow::as_select())
        .load(conn)?)
}
