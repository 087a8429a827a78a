//! Registered projects (项目报备, S5) and their members (S7).

use crate::schema_programs::{project_members as m, projects as t};
use crate::{DbConnection, StoreError};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = t)]
pub struct ProjectRow {
    pub id: String,
    pub partner_id: String,
    pub project_name: String,
    pub customer_name: Option<String>,
    pub country_code: String,
    pub currency: String,
    pub annual_scale_cents: i64,
    pub registered_at: i64,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = m)]
pub struct MemberRow {
    pub project_id: String,
    pub user_id: String,
    pub role: String,
}

pub fn insert(conn: &mut DbConnection, row: &ProjectRow) -> Result<(), StoreError> {
    diesel::insert_into(t::table).values(row).execute(conn)?;
    Ok(())
}

pub fn find(conn: &mut DbConnection, id: &str) -> Result<Option<ProjectRow>, StoreError> {
    Ok(t::table
        .find(id)
        .select(ProjectRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn list(
    conn: &mut DbConnection,
    partner_id: &str,
    offset: i64,
    limit: i64,
) -> Result<(i64, Vec<ProjectRow>), StoreError> {
    let total = t::table
        .filter(t::partner_id.eq(partner_id))
        .count()
        .get_result(conn)?;
    let rows = t::table
        .filter(t::partner_id.eq(partner_id))
        .order((t::registered_at.desc(), t::id.asc()))
        .offset(offset)
        .limit(limit)
        .select(ProjectRow::as_select())
        .load(conn)?;
    Ok((total, rows))
}

/// Replaces the project's team.
pub fn set_members(
    conn: &mut DbConnection,
    project_id: &str,
    members: &[MemberRow],
) -> Result<(), StoreError> {
    diesel::delete(m::table.filter(m::project_id.eq(project_id))).execute(conn)?;
    for row in members {
        diesel::insert_into(m::table).values(row).execute(conn)?;
    }
    Ok(())
}

pub fn members(conn: &mut DbConnection, project_id: &str) -> Result<Vec<MemberRow>, StoreError> {
    Ok(m::table
        .filter(m::project_id.eq(project_id))
        .order((m::role.desc(), m::user_id.asc()))
        .select(MemberRow::as_select())
        .load(conn)?)
}
