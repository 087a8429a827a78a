//! Partner users and their roles.

use crate::schema::{lower, partner_users};
use crate::{DbConnection, StoreError};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = partner_users)]
pub struct UserRow {
    pub id: String,
    pub partner_id: String,
    pub user_name: String,
    pub display_name: Option<String>,
    pub roles: String,
    pub supervisor_user_id: Option<String>,
    pub password_hash: Option<String>,
    pub created_at: i64,
}

pub fn insert(conn: &mut DbConnection, row: &UserRow) -> Result<(), StoreError> {
    diesel::insert_into(partner_users::table)
        .values(row)
        .execute(conn)
        .map(drop)
        .map_err(StoreError::from)
}

pub fn find(conn: &mut DbConnection, id: &str) -> Result<Option<UserRow>, StoreError> {
    Ok(partner_users::table
        .find(id)
        .select(UserRow::as_select())
        .first(conn)
        .optional()?)
}

/// Login names compare case-insensitively.
pub fn find_by_name(conn: &mut DbConnection, name: &str) -> Result<Option<UserRow>, StoreError> {
    Ok(partner_users::table
        .filter(lower(partner_users::user_name).eq(name.to_lowercase()))
        .select(UserRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn list_for_partner(
    conn: &mut DbConnection,
    partner_id: &str,
) -> Result<Vec<UserRow>, StoreError> {
    Ok(partner_users::table
        .filter(partner_users::partner_id.eq(partner_id))
        .order(partner_users::created_at.asc())
        .select(UserRow::as_select())
        .load(conn)?)
}
