//! The operator's settings of the S6 reasonableness rules (one row, absent until set).

use crate::schema_opportunities::po_settings as t;
use crate::{DbConnection, StoreError};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = t)]
pub struct PoSettingsRow {
    pub id: i32,
    pub min_revenue_cents: i64,
    /// Comma-separated category codes.
    pub product_categories: String,
    pub updated_at: i64,
}

pub fn get(conn: &mut DbConnection) -> Result<Option<PoSettingsRow>, StoreError> {
    Ok(t::table
        .find(1)
        .select(PoSettingsRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn put(conn: &mut DbConnection, row: &PoSettingsRow) -> Result<(), StoreError> {
    let n = diesel::update(t::table.find(1)).set(row).execute(conn)?;
    if n == 0 {
        diesel::insert_into(t::table)
            .values(row)
            .execute(conn)
            .map_err(|e| crate::repo::programs::retry_on_duplicate(e.into()))?;
    }
    Ok(())
}
