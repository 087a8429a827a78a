//! Stored first responses of money-moving requests, keyed by caller and `Idempotency-Key`.

use crate::schema::idempotency_keys;
use crate::{DbConnection, StoreError};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = idempotency_keys)]
pub struct IdempotencyRow {
    pub scope: String,
    pub idem_key: String,
    pub request_hash: String,
    pub response_status: i32,
    pub response_body: String,
    pub created_at: i64,
}

pub fn find(
    conn: &mut DbConnection,
    scope: &str,
    key: &str,
) -> Result<Option<IdempotencyRow>, StoreError> {
    Ok(idempotency_keys::table
        .find((scope, key))
        .select(IdempotencyRow::as_select())
        .first(conn)
        .optional()?)
}

/// Claims the key; on PostgreSQL a concurrent claim of the same key waits here for the first
/// transaction and then fails with a unique violation.
pub fn claim(conn: &mut DbConnection, row: &IdempotencyRow) -> Result<(), StoreError> {
    diesel::insert_into(idempotency_keys::table)
        .values(row)
        .execute(conn)
        .map(drop)
        .map_err(StoreError::from)
}

pub fn complete(
    conn: &mut DbConnection,
    scope: &str,
    key: &str,
    status: i32,
    body: &str,
) -> Result<(), StoreError> {
    diesel::update(idempotency_keys::table.find((scope, key)))
        .set((
            idempotency_keys::response_status.eq(status),
            idempotency_keys::response_body.eq(body),
        ))
        .execute(conn)?;
    Ok(())
}

/// Forgets keys created before `before` (keys live 24 h).
pub fn purge(conn: &mut DbConnection, before: i64) -> Result<usize, StoreError> {
    Ok(
        diesel::delete(idempotency_keys::table.filter(idempotency_keys::created_at.lt(before)))
            .execute(conn)?,
    )
}

/// Forgets one expired key so it can be claimed again.
pub fn purge_one(conn: &mut DbConnection, scope: &str, key: &str) -> Result<(), StoreError> {
    diesel::delete(idempotency_keys::table.find((scope, key))).execute(conn)?;
    Ok(())
}
