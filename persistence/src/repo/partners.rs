//! Partners: distributors, resellers and solution providers.

use crate::schema::partners;
use crate::{DbConnection, StoreError};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = partners)]
pub struct PartnerRow {
    pub id: String,
    pub domain_id: String,
    pub name: String,
    pub account_name: String,
    pub partner_type: String,
    pub country_code: String,
    pub reseller_program_joined: bool,
    pub marketing_plan_version: String,
    pub email: Option<String>,
    pub mobile_phone: Option<String>,
    pub parent_id: Option<String>,
    pub associated_at: Option<i64>,
    pub account_manager_user_id: Option<String>,
    pub created_at: i64,
}

pub fn insert(conn: &mut DbConnection, row: &PartnerRow) -> Result<(), StoreError> {
    diesel::insert_into(partners::table)
        .values(row)
        .execute(conn)
        .map(drop)
        .map_err(StoreError::from)
}

/// Locks the partners' rows for the rest of the transaction (PostgreSQL; on SQLite the writer
/// turn is the lock), in id order so two lockers never deadlock. Taken before a link between
/// partners is checked by whoever may change it or move something across it, so a change to
/// the link (unbind) and a move across it (allocation, quota) never interleave. `FOR NO KEY
/// UPDATE`: it conflicts with itself and with the unbind's update, not with the key-share
/// locks foreign keys take when rows naming the partner are written.
pub fn lock(conn: &mut DbConnection, ids: &[&str]) -> Result<(), StoreError> {
    let mut sorted = ids.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    if let DbConnection::Pg(pg) = conn {
        partners::table
            .filter(partners::id.eq_any(sorted))
            .order(partners::id.asc())
            .select(partners::id)
            .for_no_key_update()
            .load::<String>(pg)?;
    }
    Ok(())
}

pub fn find(conn: &mut DbConnection, id: &str) -> Result<Option<PartnerRow>, StoreError> {
    Ok(partners::table
        .find(id)
        .select(PartnerRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn account_name_taken(conn: &mut DbConnection, name: &str) -> Result<bool, StoreError> {
    let n: i64 = partners::table
        .filter(partners::account_name.eq(name))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Links a reseller to its distributor (S3 acceptance and operator onboarding).
pub fn set_parent(
    conn: &mut DbConnection,
    reseller_id: &str,
    parent_id: &str,
    at: i64,
) -> Result<bool, StoreError> {
    let n = diesel::update(
        partners::table
            .filter(partners::id.eq(reseller_id))
            .filter(partners::parent_id.is_null()),
    )
    .set((
        partners::parent_id.eq(parent_id),
        partners::associated_at.eq(at),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// Account names of the given partners.
pub fn account_names(
    conn: &mut DbConnection,
    ids: &[String],
) -> Result<std::collections::HashMap<String, String>, StoreError> {
    let rows: Vec<(String, String)> = partners::table
        .filter(partners::id.eq_any(ids))
        .select((partners::id, partners::account_name))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}
