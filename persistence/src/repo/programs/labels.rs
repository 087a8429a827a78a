//! Capability labels a partner holds, each optionally until an expiry.

use super::retry_on_duplicate;
use crate::schema_programs::capability_labels as t;
use crate::{DbConnection, StoreError};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = t, treat_none_as_null = true)]
pub struct LabelRow {
    pub partner_id: String,
    pub label_code: String,
    pub path_type: Option<String>,
    pub granted_at: i64,
    pub expire_at: Option<i64>,
    pub certification_id: Option<String>,
}

pub fn for_partner(conn: &mut DbConnection, partner_id: &str) -> Result<Vec<LabelRow>, StoreError> {
    Ok(t::table
        .filter(t::partner_id.eq(partner_id))
        .order(t::label_code.asc())
        .select(LabelRow::as_select())
        .load(conn)?)
}

/// Grants the label, or renews it (new grant time, path and expiry) if already held.
pub fn grant(conn: &mut DbConnection, row: &LabelRow) -> Result<(), StoreError> {
    let key = (row.partner_id.as_str(), row.label_code.as_str());
    let n = diesel::update(t::table.find(key)).set(row).execute(conn)?;
    if n == 0 {
        diesel::insert_into(t::table)
            .values(row)
            .execute(conn)
            .map_err(|e| retry_on_duplicate(e.into()))?;
    }
    Ok(())
}

/// Removes the label; false if the partner did not hold it.
pub fn remove(conn: &mut DbConnection, partner_id: &str, code: &str) -> Result<bool, StoreError> {
    Ok(diesel::delete(t::table.find((partner_id, code))).execute(conn)? == 1)
}
