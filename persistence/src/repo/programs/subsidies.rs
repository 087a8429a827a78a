//! S5 subsidy applications: the decision taken at the time of the application is stored.

use super::Decision;
use crate::schema_programs::subsidy_applications as t;
use crate::{DbConnection, StoreError};
use diesel::prelude::*;

pub const REVIEWING: &str = "REVIEWING";

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = t)]
pub struct SubsidyRow {
    pub id: String,
    pub project_id: String,
    pub partner_id: String,
    pub status: String,
    pub currency: String,
    pub annual_scale_cents: i64,
    /// Comma-separated codes of the labels held at `applied_at`.
    pub labels_held: String,
    pub remark: Option<String>,
    pub applied_at: i64,
    pub reviewed_at: Option<i64>,
    pub reason_codes: Option<String>,
    pub reason: Option<String>,
    pub incentive_id: Option<String>,
}

/// A second live application for the project is [`StoreError::Duplicate`].
pub fn insert(conn: &mut DbConnection, row: &SubsidyRow) -> Result<(), StoreError> {
    diesel::insert_into(t::table).values(row).execute(conn)?;
    Ok(())
}

pub fn find(conn: &mut DbConnection, id: &str) -> Result<Option<SubsidyRow>, StoreError> {
    Ok(t::table
        .find(id)
        .select(SubsidyRow::as_select())
        .first(conn)
        .optional()?)
}

/// Whether the project has an application under review or approved.
pub fn has_live(conn: &mut DbConnection, project_id: &str) -> Result<bool, StoreError> {
    let n: i64 = t::table
        .filter(t::project_id.eq(project_id))
        .filter(t::status.eq_any(["REVIEWING", "APPROVED"]))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

pub fn for_project(
    conn: &mut DbConnection,
    project_id: &str,
) -> Result<Vec<SubsidyRow>, StoreError> {
    Ok(t::table
        .filter(t::project_id.eq(project_id))
        .order((t::applied_at.desc(), t::id.asc()))
        .select(SubsidyRow::as_select())
        .load(conn)?)
}

pub fn decide(
    conn: &mut DbConnection,
    id: &str,
    d: &Decision,
    incentive_id: Option<&str>,
) -> Result<bool, StoreError> {
    let n = diesel::update(t::table.find(id).filter(t::status.eq(REVIEWING)))
        .set((
            t::status.eq(&d.status),
            t::reviewed_at.eq(d.at),
            t::reason_codes.eq(d.stored_codes()),
            t::reason.eq(&d.reason),
            t::incentive_id.eq(incentive_id),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

crate::repo::query::review_queue!(t, SubsidyRow, applied_at);
