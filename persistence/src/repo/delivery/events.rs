//! Partner events: appended in the transaction of their change, numbered per partner without
//! gaps in commit order, read by keyset.

use crate::repo::query::Be;
use crate::schema_delivery::partner_events as pe;
use crate::{DbConnection, StoreError};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = pe)]
pub struct EventRow {
    #[diesel(deserialize_as = i64)]
    pub seq: Option<i64>,
    pub id: String,
    pub partner_id: String,
    pub partner_seq: i64,
    pub event_type: String,
    /// A JSON object of the ids involved.
    pub subjects: String,
    pub created_at: i64,
}

/// Serialises appends to one partner's events for the rest of the transaction (PostgreSQL;
/// SQLite's writer turn already does), so numbers are handed out in commit order.
pub fn lock_partner(conn: &mut DbConnection, partner_id: &str) -> Result<(), StoreError> {
    if let DbConnection::Pg(pg) = conn {
        diesel::sql_query("SELECT pg_advisory_xact_lock(hashtext('events:' || $1))")
            .bind::<diesel::sql_types::Text, _>(partner_id)
            .execute(pg)?;
    }
    Ok(())
}

/// The partner's last event number (0 before the first).
pub fn last_seq(conn: &mut DbConnection, partner_id: &str) -> Result<i64, StoreError> {
    let n: Option<i64> = pe::table
        .filter(pe::partner_id.eq(partner_id))
        .select(diesel::dsl::max(pe::partner_seq))
        .first(conn)?;
    Ok(n.unwrap_or(0))
}

pub fn insert(conn: &mut DbConnection, row: &EventRow) -> Result<(), StoreError> {
    diesel::insert_into(pe::table)
        .values(row)
        .execute(conn)
        .map(drop)
        .map_err(|e| StoreError::from(e).retry_on_duplicate())
}

/// The number of one of the partner's events.
pub fn seq_of(
    conn: &mut DbConnection,
    partner_id: &str,
    event_id: &str,
) -> Result<Option<i64>, StoreError> {
    Ok(pe::table
        .filter(pe::partner_id.eq(partner_id))
        .filter(pe::id.eq(event_id))
        .select(pe::partner_seq)
        .first(conn)
        .optional()?)
}

pub fn find(conn: &mut DbConnection, id: &str) -> Result<EventRow, StoreError> {
    pe::table
        .filter(pe::id.eq(id))
        .select(EventRow::as_select())
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound)
}

/// The partner's events after `after` (a partner number), oldest first, of the given types
/// (all when `None`).
pub fn page(
    conn: &mut DbConnection,
    partner_id: &str,
    after: i64,
    types: Option<&[&str]>,
    limit: i64,
) -> Result<Vec<EventRow>, StoreError> {
    let mut q = pe::table
        .filter(pe::partner_id.eq(partner_id))
        .filter(pe::partner_seq.gt(after))
        .into_boxed::<Be>();
    if let Some(t) = types {
        q = q.filter(pe::event_type.eq_any(t.to_vec()));
    }
    Ok(q.order(pe::partner_seq.asc())
        .limit(limit)
        .select(EventRow::as_select())
        .load(conn)?)
}
