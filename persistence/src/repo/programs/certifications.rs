//! S18 capability-differentiation certification applications.

use super::Decision;
use crate::schema_programs::differentiation_certifications as t;
use crate::{DbConnection, StoreError};
use diesel::prelude::*;

pub const REVIEWING: &str = "REVIEWING";

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = t)]
pub struct CertificationRow {
    pub id: String,
    pub partner_id: String,
    pub path_type: String,
    pub status: String,
    pub business_plan: String,
    /// Comma-separated label codes the partner asks for.
    pub requested_labels: String,
    pub submission_count: i32,
    pub submitted_at: i64,
    pub reviewed_at: Option<i64>,
    pub reason_codes: Option<String>,
    pub reason: Option<String>,
    pub granted_labels: Option<String>,
    pub created_at: i64,
}

pub fn insert(conn: &mut DbConnection, row: &CertificationRow) -> Result<(), StoreError> {
    diesel::insert_into(t::table).values(row).execute(conn)?;
    Ok(())
}

pub fn find(conn: &mut DbConnection, id: &str) -> Result<Option<CertificationRow>, StoreError> {
    Ok(t::table
        .find(id)
        .select(CertificationRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn has_pending(
    conn: &mut DbConnection,
    partner_id: &str,
    path_type: &str,
) -> Result<bool, StoreError> {
    let n: i64 = t::table
        .filter(t::partner_id.eq(partner_id))
        .filter(t::path_type.eq(path_type))
        .filter(t::status.eq(REVIEWING))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// A partner's applications, newest first; `path_type` `None` means every path.
pub fn list(
    conn: &mut DbConnection,
    partner_id: &str,
    path_type: Option<&str>,
    offset: i64,
    limit: i64,
) -> Result<(i64, Vec<CertificationRow>), StoreError> {
    let filtered = || {
        let mut q = t::table.filter(t::partner_id.eq(partner_id)).into_boxed();
        if let Some(p) = path_type {
            q = q.filter(t::path_type.eq(p.to_owned()));
        }
        q
    };
    let total = filtered().count().get_result(conn)?;
    let rows = filtered()
        .order((t::created_at.desc(), t::id.asc()))
        .offset(offset)
        .limit(limit)
        .select(CertificationRow::as_select())
        .load(conn)?;
    Ok((total, rows))
}

/// Records the operator's decision if the application is still under review.
pub fn decide(
    conn: &mut DbConnection,
    id: &str,
    d: &Decision,
    granted_labels: Option<String>,
) -> Result<bool, StoreError> {
    let n = diesel::update(t::table.find(id).filter(t::status.eq(REVIEWING)))
        .set((
            t::status.eq(&d.status),
            t::reviewed_at.eq(d.at),
            t::reason_codes.eq(d.stored_codes()),
            t::reason.eq(&d.reason),
            t::granted_labels.eq(granted_labels),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// Puts a rejected application back under review with the fixed content.
pub fn resubmit(
    conn: &mut DbConnection,
    id: &str,
    business_plan: &str,
    requested_labels: &str,
    now: i64,
) -> Result<bool, StoreError> {
    let n = diesel::update(t::table.find(id).filter(t::status.eq("REJECTED")))
        .set((
            t::status.eq(REVIEWING),
            t::business_plan.eq(business_plan),
            t::requested_labels.eq(requested_labels),
            t::submission_count.eq(t::submission_count + 1),
            t::submitted_at.eq(now),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

crate::repo::query::review_queue!(t, CertificationRow, created_at);
