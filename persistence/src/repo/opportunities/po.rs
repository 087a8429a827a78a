//! S6 PO opportunities: a partner's drafts and submissions, and the operator's queue.

use crate::repo::programs::Decision;
use crate::schema_opportunities::po_opportunities as t;
use crate::{DbConnection, StoreError};
use diesel::prelude::*;

pub const EDITABLE: [&str; 2] = ["DRAFT", "REJECTED"];
pub const PENDING: &str = "PENDING";

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = t)]
pub struct PoRow {
    pub id: String,
    pub partner_id: String,
    pub created_by: String,
    pub status: String,
    pub customer_name: Option<String>,
    pub industry: Option<String>,
    pub product_category: Option<String>,
    pub budget_cents: Option<i64>,
    pub decision_maker: Option<String>,
    pub requirement: Option<String>,
    pub purchase_plan: Option<String>,
    pub estimated_revenue_cents: Option<i64>,
    pub currency: Option<String>,
    /// `YYYY-MM-DD`.
    pub expected_close_date: Option<String>,
    pub description: Option<String>,
    pub submission_count: i32,
    pub submitted_at: Option<i64>,
    pub reviewed_at: Option<i64>,
    pub reason_codes: Option<String>,
    pub reason: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// The content fields, written whole on every edit.
#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = t, treat_none_as_null = true)]
pub struct PoContentRow {
    pub customer_name: Option<String>,
    pub industry: Option<String>,
    pub product_category: Option<String>,
    pub budget_cents: Option<i64>,
    pub decision_maker: Option<String>,
    pub requirement: Option<String>,
    pub purchase_plan: Option<String>,
    pub estimated_revenue_cents: Option<i64>,
    pub currency: Option<String>,
    pub expected_close_date: Option<String>,
    pub description: Option<String>,
}

pub fn insert(conn: &mut DbConnection, row: &PoRow) -> Result<(), StoreError> {
    diesel::insert_into(t::table).values(row).execute(conn)?;
    Ok(())
}

pub fn find(conn: &mut DbConnection, id: &str) -> Result<Option<PoRow>, StoreError> {
    Ok(t::table
        .find(id)
        .select(PoRow::as_select())
        .first(conn)
        .optional()?)
}

/// The partner's own; another partner's answers `None` like a missing one.
pub fn find_own(
    conn: &mut DbConnection,
    partner_id: &str,
    id: &str,
) -> Result<Option<PoRow>, StoreError> {
    Ok(t::table
        .find(id)
        .filter(t::partner_id.eq(partner_id))
        .select(PoRow::as_select())
        .first(conn)
        .optional()?)
}

/// Replaces the content of a draft or rejected one; false if its status changed meanwhile.
pub fn edit(
    conn: &mut DbConnection,
    id: &str,
    content: &PoContentRow,
    now: i64,
) -> Result<bool, StoreError> {
    let n = diesel::update(t::table.find(id).filter(t::status.eq_any(EDITABLE)))
        .set((content, t::updated_at.eq(now)))
        .execute(conn)?;
    Ok(n == 1)
}

/// Puts a draft or rejected one under review; false if its status changed meanwhile.
pub fn submit(conn: &mut DbConnection, id: &str, now: i64) -> Result<bool, StoreError> {
    let n = diesel::update(t::table.find(id).filter(t::status.eq_any(EDITABLE)))
        .set((
            t::status.eq(PENDING),
            t::submission_count.eq(t::submission_count + 1),
            t::submitted_at.eq(now),
            t::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// Records the operator's decision on a pending one; false if it is no longer pending.
pub fn decide(conn: &mut DbConnection, id: &str, d: &Decision) -> Result<bool, StoreError> {
    let codes = (!d.reason_codes.is_empty()).then(|| crate::repo::programs::join(&d.reason_codes));
    let n = diesel::update(t::table.find(id).filter(t::status.eq(PENDING)))
        .set((
            t::status.eq(&d.status),
            t::reviewed_at.eq(d.at),
            t::reason_codes.eq(codes),
            t::reason.eq(&d.reason),
            t::updated_at.eq(d.at),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// The partner's, newest first, optionally of one status.
pub fn list(
    conn: &mut DbConnection,
    partner_id: &str,
    status: Option<&str>,
    offset: i64,
    limit: i64,
) -> Result<(i64, Vec<PoRow>), StoreError> {
    let filtered = || {
        let mut q = t::table
            .filter(t::partner_id.eq(partner_id.to_owned()))
            .into_boxed();
        if let Some(s) = status {
            q = q.filter(t::status.eq(s.to_owned()));
        }
        q
    };
    let total = filtered().count().get_result(conn)?;
    let rows = filtered()
        .order((t::created_at.desc(), t::id.asc()))
        .offset(offset)
        .limit(limit)
        .select(PoRow::as_select())
        .load(conn)?;
    Ok((total, rows))
}

crate::repo::query::review_queue!(t, PoRow, submitted_at, where t::submitted_at.is_not_null());
