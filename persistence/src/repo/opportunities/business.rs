//! S13 business opportunities: rows and writes. Every read and write goes through the caller's
//! visibility scope (see `business_query`), so an invisible opportunity is never fetched.

use super::business_query::scoped;
pub use super::business_row::OpportunityRow;
use crate::schema_opportunities::business_opportunities as t;
use crate::{DbConnection, StoreError};
use diesel::prelude::*;
use domain::opportunities::visibility::Scope;

/// Fields an update may change; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = t)]
pub struct OpportunityChanges {
    pub owner_user_id: Option<String>,
    pub opportunity_name: Option<String>,
    pub industry: Option<String>,
    pub opportunity_type: Option<String>,
    pub confidence: Option<i32>,
    pub stage: Option<String>,
    pub expected_monthly_cents: Option<i64>,
    pub description: Option<String>,
    pub updated_at: Option<i64>,
}

const CLOSED: [&str; 2] = ["WON", "LOST"];

pub fn insert(conn: &mut DbConnection, row: &OpportunityRow) -> Result<(), StoreError> {
    diesel::insert_into(t::table).values(row).execute(conn)?;
    Ok(())
}

/// The opportunity if it is inside `scope`; a foreign one is `None` exactly like a missing one.
pub fn find_visible(
    conn: &mut DbConnection,
    scope: &Scope,
    id: &str,
) -> Result<Option<OpportunityRow>, StoreError> {
    Ok(scoped(scope)
        .filter(t::id.eq(id.to_owned()))
        .select(OpportunityRow::as_select())
        .first(conn)
        .optional()?)
}

/// Locks the opportunity's row until the transaction ends (PostgreSQL; the writer turn does it
/// on SQLite), so the scope check that follows and the write see the same owner: a reassignment
/// cannot slip between them.
pub fn lock(conn: &mut DbConnection, id: &str) -> Result<(), StoreError> {
    if let DbConnection::Pg(pg) = conn {
        t::table
            .find(id)
            .select(t::id)
            .for_update()
            .first::<String>(pg)
            .optional()?;
    }
    Ok(())
}

/// Applies the changes to an open opportunity; false if it was closed meanwhile.
pub fn update_open(
    conn: &mut DbConnection,
    id: &str,
    changes: &OpportunityChanges,
) -> Result<bool, StoreError> {
    let n = diesel::update(t::table.find(id).filter(t::stage.ne_all(CLOSED)))
        .set(changes)
        .execute(conn)?;
    Ok(n == 1)
}

/// Closes an open opportunity as WON or LOST; false if it was closed meanwhile.
pub fn close(
    conn: &mut DbConnection,
    id: &str,
    stage: &str,
    reason: Option<&str>,
    now: i64,
) -> Result<bool, StoreError> {
    let n = diesel::update(t::table.find(id).filter(t::stage.ne_all(CLOSED)))
        .set((
            t::stage.eq(stage),
            t::close_reason.eq(reason),
            t::closed_at.eq(now),
            t::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// Inserts many rows at once (tests and demo data seed large lists with it).
pub fn insert_many(conn: &mut DbConnection, rows: &[OpportunityRow]) -> Result<(), StoreError> {
    match conn {
        DbConnection::Pg(pg) => {
            for chunk in rows.chunks(500) {
                diesel::insert_into(t::table).values(chunk).execute(pg)?;
            }
        }
        DbConnection::Sqlite(lite) => {
            for row in rows {
                diesel::insert_into(t::table).values(row).execute(lite)?;
            }
        }
    }
    Ok(())
}
