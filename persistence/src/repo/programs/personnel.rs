//! Personnel facts the operator records for partner users (S7): certification level,
//! information-security exam, project-management certification.

use super::retry_on_duplicate;
use crate::schema_programs::personnel_profiles as t;
use crate::{DbConnection, StoreError};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = t)]
pub struct ProfileRow {
    pub user_id: String,
    pub certification_level: String,
    pub infosec_exam_passed: bool,
    pub pm_certified: bool,
    pub updated_at: i64,
}

pub fn put(conn: &mut DbConnection, row: &ProfileRow) -> Result<(), StoreError> {
    let n = diesel::update(t::table.find(&row.user_id))
        .set(row)
        .execute(conn)?;
    if n == 0 {
        diesel::insert_into(t::table)
            .values(row)
            .execute(conn)
            .map_err(|e| retry_on_duplicate(e.into()))?;
    }
    Ok(())
}

pub fn for_users(
    conn: &mut DbConnection,
    user_ids: &[String],
) -> Result<Vec<ProfileRow>, StoreError> {
    Ok(t::table
        .filter(t::user_id.eq_any(user_ids))
        .select(ProfileRow::as_select())
        .load(conn)?)
}
