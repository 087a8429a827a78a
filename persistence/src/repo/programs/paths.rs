//! A partner's development paths and its stage on each.

use super::retry_on_duplicate;
use crate::schema_programs::development_paths as t;
use crate::{DbConnection, StoreError};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = t)]
pub struct PathRow {
    pub partner_id: String,
    pub path_type: String,
    pub stage: String,
    pub joined_at: i64,
    pub stage_changed_at: i64,
}

pub fn for_partner(conn: &mut DbConnection, partner_id: &str) -> Result<Vec<PathRow>, StoreError> {
    Ok(t::table
        .filter(t::partner_id.eq(partner_id))
        .order(t::path_type.asc())
        .select(PathRow::as_select())
        .load(conn)?)
}

pub fn find(
    conn: &mut DbConnection,
    partner_id: &str,
    path_type: &str,
) -> Result<Option<PathRow>, StoreError> {
    Ok(t::table
        .find((partner_id, path_type))
        .select(PathRow::as_select())
        .first(conn)
        .optional()?)
}

/// Joins the path at `stage`, or moves to `stage` if already on it; returns the row.
pub fn set_stage(
    conn: &mut DbConnection,
    partner_id: &str,
    path_type: &str,
    stage: &str,
    now: i64,
) -> Result<PathRow, StoreError> {
    match find(conn, partner_id, path_type)? {
        Some(mut row) => {
            if row.stage != stage {
                diesel::update(t::table.find((partner_id, path_type)))
                    .set((t::stage.eq(stage), t::stage_changed_at.eq(now)))
                    .execute(conn)?;
                row.stage = stage.to_owned();
                row.stage_changed_at = now;
            }
            Ok(row)
        }
        None => {
            let row = PathRow {
                partner_id: partner_id.to_owned(),
                path_type: path_type.to_owned(),
                stage: stage.to_owned(),
                joined_at: now,
                stage_changed_at: now,
            };
            diesel::insert_into(t::table)
                .values(&row)
                .execute(conn)
                .map_err(|e| retry_on_duplicate(e.into()))?;
            Ok(row)
        }
    }
}

/// Leaves the path; false if the partner was not on it.
pub fn leave(
    conn: &mut DbConnection,
    partner_id: &str,
    path_type: &str,
) -> Result<bool, StoreError> {
    Ok(diesel::delete(t::table.find((partner_id, path_type))).execute(conn)? == 1)
}
