//! The audit log: appended in the transaction of each change, never updated or deleted (on
//! PostgreSQL a trigger refuses it). The chain's hashes are computed by the caller.

use super::query::Be;
use crate::schema_audit::audit_events as ae;
use crate::{DbConnection, StoreError};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = ae)]
pub struct EventRow {
    /// Assigned by the database.
    #[diesel(deserialize_as = i64)]
    pub id: Option<i64>,
    pub chain: String,
    pub seq: i64,
    pub at: i64,
    pub actor_kind: String,
    pub actor_partner_id: Option<String>,
    pub actor_user_id: Option<String>,
    pub actor_customer_id: Option<String>,
    pub actor_credential: Option<String>,
    pub operation_id: String,
    pub method: String,
    pub path: String,
    pub target_ids: String,
    pub request_id: String,
    pub source: Option<String>,
    pub outcome: String,
    pub reason: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

/// Serialises appends to one chain for the rest of the transaction (PostgreSQL; on SQLite
/// the writer turn already does), so concurrent writers queue instead of conflicting.
pub fn lock_chain(conn: &mut DbConnection, chain: &str) -> Result<(), StoreError> {
    if let DbConnection::Pg(pg) = conn {
        diesel::sql_query("SELECT pg_advisory_xact_lock(hashtext('audit:' || $1))")
            .bind::<diesel::sql_types::Text, _>(chain)
            .execute(pg)?;
    }
    Ok(())
}

/// The last event of a chain: its sequence number and hash.
pub fn head(conn: &mut DbConnection, chain: &str) -> Result<Option<(i64, String)>, StoreError> {
    Ok(ae::table
        .filter(ae::chain.eq(chain))
        .order(ae::seq.desc())
        .select((ae::seq, ae::hash))
        .first(conn)
        .optional()?)
}

/// Appends an event; a concurrent append to the same chain makes the transaction retry.
pub fn insert(conn: &mut DbConnection, row: &EventRow) -> Result<(), StoreError> {
    diesel::insert_into(ae::table)
        .values(row)
        .execute(conn)
        .map(drop)
        .map_err(|e| StoreError::from(e).retry_on_duplicate())
}

#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub partner_id: Option<String>,
    pub actor_user_id: Option<String>,
    pub actor_customer_id: Option<String>,
    pub actor_kind: Option<String>,
    pub operation_id: Option<String>,
    /// A substring of `target_ids`.
    pub target: Option<String>,
    pub from: Option<i64>,
    pub to: Option<i64>,
    /// Keyset: only events with a smaller id (newest first).
    pub before_id: Option<i64>,
}

fn filtered(f: &Filter) -> ae::BoxedQuery<'_, Be> {
    let mut q = ae::table.into_boxed::<Be>();
    if let Some(p) = &f.partner_id {
        q = q.filter(ae::actor_partner_id.eq(p));
    }
    if let Some(u) = &f.actor_user_id {
        q = q.filter(ae::actor_user_id.eq(u));
    }
    if let Some(c) = &f.actor_customer_id {
        q = q.filter(ae::actor_customer_id.eq(c));
    }
    if let Some(k) = &f.actor_kind {
        q = q.filter(ae::actor_kind.eq(k));
    }
    if let Some(o) = &f.operation_id {
        q = q.filter(ae::operation_id.eq(o));
    }
    if let Some(t) = &f.target {
        let escaped = t
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        q = q.filter(ae::target_ids.like(format!("%\"{escaped}\"%")).escape('\\'));
    }
    if let Some(from) = f.from {
        q = q.filter(ae::at.ge(from));
    }
    if let Some(to) = f.to {
        q = q.filter(ae::at.lt(to));
    }
    if let Some(b) = f.before_id {
        q = q.filter(ae::id.lt(b));
    }
    q
}

/// One page, newest first.
pub fn page(conn: &mut DbConnection, f: &Filter, limit: i64) -> Result<Vec<EventRow>, StoreError> {
    Ok(filtered(f)
        .order(ae::id.desc())
        .limit(limit)
        .select(EventRow::as_select())
        .load(conn)?)
}

pub fn count(conn: &mut DbConnection) -> Result<i64, StoreError> {
    Ok(ae::table.count().get_result(conn)?)
}

/// Events of all chains in id order, a batch after `after_id`.
pub fn batch(conn: &mut DbConnection, after_id: i64, n: i64) -> Result<Vec<EventRow>, StoreError> {
    Ok(ae::table
        .filter(ae::id.gt(after_id))
        .order(ae::id.asc())
        .limit(n)
        .select(EventRow::as_select())
        .load(conn)?)
}
