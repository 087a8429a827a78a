//! Webhook deliveries: written with their event, leased by one worker at a time, retried
//! until they succeed or are given up.

use crate::schema_delivery::webhook_deliveries as wd;
use crate::{DbConnection, StoreError};
use diesel::prelude::*;

pub const PENDING: &str = "PENDING";
pub const SUCCEEDED: &str = "SUCCEEDED";
pub const FAILED: &str = "FAILED";

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = wd)]
pub struct DeliveryRow {
    #[diesel(deserialize_as = i64)]
    pub seq: Option<i64>,
    pub id: String,
    pub webhook_id: String,
    pub partner_id: String,
    pub event_id: String,
    /// `PENDING`, `SUCCEEDED` or `FAILED` (given up).
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: i64,
    pub lease_until: Option<i64>,
    pub last_attempt_at: Option<i64>,
    pub last_status_code: Option<i32>,
    pub last_error: Option<String>,
    pub last_response: Option<String>,
    pub created_at: i64,
}

pub fn insert(conn: &mut DbConnection, row: &DeliveryRow) -> Result<(), StoreError> {
    diesel::insert_into(wd::table)
        .values(row)
        .execute(conn)
        .map(drop)
        .map_err(StoreError::from)
}

/// A webhook's deliveries, newest first: the total and one page.
pub fn list(
    conn: &mut DbConnection,
    webhook_id: &str,
    offset: i64,
    limit: i64,
) -> Result<(i64, Vec<DeliveryRow>), StoreError> {
    let total = wd::table
        .filter(wd::webhook_id.eq(webhook_id))
        .count()
        .get_result(conn)?;
    let rows = wd::table
        .filter(wd::webhook_id.eq(webhook_id))
        .order(wd::seq.desc())
        .offset(offset)
        .limit(limit)
        .select(DeliveryRow::as_select())
        .load(conn)?;
    Ok((total, rows))
}

pub fn find(
    conn: &mut DbConnection,
    webhook_id: &str,
    id: &str,
) -> Result<DeliveryRow, StoreError> {
    wd::table
        .filter(wd::webhook_id.eq(webhook_id))
        .filter(wd::id.eq(id))
        .select(DeliveryRow::as_select())
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound)
}

/// Leases up to `limit` due deliveries until `lease_until`, counting the attempt. On
/// PostgreSQL rows another worker holds are skipped (`FOR UPDATE SKIP LOCKED`); SQLite has one
/// writer at a time. A worker that dies mid-send leaves a lease that runs out, and the
/// delivery is taken again.
pub fn claim_due(
    conn: &mut DbConnection,
    now: i64,
    lease_until: i64,
    limit: i64,
) -> Result<Vec<DeliveryRow>, StoreError> {
    let due = wd::table
        .filter(wd::status.eq(PENDING))
        .filter(wd::next_attempt_at.le(now))
        .filter(wd::lease_until.is_null().or(wd::lease_until.le(now)))
        .order(wd::next_attempt_at.asc())
        .limit(limit)
        .select(wd::id);
    let ids: Vec<String> = match conn {
        DbConnection::Pg(pg) => due.for_update().skip_locked().load(pg)?,
        DbConnection::Sqlite(s) => due.load(s)?,
    };
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    diesel::update(wd::table.filter(wd::id.eq_any(&ids)))
        .set((
            wd::lease_until.eq(Some(lease_until)),
            wd::attempts.eq(wd::attempts + 1),
        ))
        .execute(conn)?;
    Ok(wd::table
        .filter(wd::id.eq_any(&ids))
        .order(wd::next_attempt_at.asc())
        .select(DeliveryRow::as_select())
        .load(conn)?)
}

/// What one attempt came to.
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = wd, treat_none_as_null = true)]
pub struct Outcome {
    pub status: String,
    pub next_attempt_at: i64,
    pub lease_until: Option<i64>,
    pub last_attempt_at: Option<i64>,
    pub last_status_code: Option<i32>,
    pub last_error: Option<String>,
    pub last_response: Option<String>,
}

pub fn record(conn: &mut DbConnection, id: &str, o: &Outcome) -> Result<(), StoreError> {
    diesel::update(wd::table.filter(wd::id.eq(id)))
        .set(o)
        .execute(conn)?;
    Ok(())
}

/// Puts a delivery back in the queue, due now, with a fresh schedule.
pub fn requeue(conn: &mut DbConnection, id: &str, now: i64) -> Result<(), StoreError> {
    diesel::update(wd::table.filter(wd::id.eq(id)))
        .set((
            wd::status.eq(PENDING),
            wd::attempts.eq(0),
            wd::next_attempt_at.eq(now),
            wd::lease_until.eq(None::<i64>),
        ))
        .execute(conn)?;
    Ok(())
}
