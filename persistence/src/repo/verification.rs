//! SMS verification codes. Only a hash of the code is kept here; the message itself is in
//! the outbox.

use crate::schema::verification_codes as vc;
use crate::{DbConnection, StoreError};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = vc)]
pub struct VerificationCodeRow {
    pub id: String,
    pub partner_id: String,
    pub mobile_phone: String,
    pub scene: i32,
    pub customer_id: Option<String>,
    pub code_hash: String,
    pub created_at: i64,
    pub expire_at: i64,
    pub failed_attempts: i32,
    pub used_at: Option<i64>,
}

/// Serialises sends to one phone for the rest of the transaction, so the hourly and daily
/// limits hold under concurrent requests. On SQLite the writer turn already does.
pub fn lock_phone(conn: &mut DbConnection, phone: &str) -> Result<(), StoreError> {
    if let DbConnection::Pg(pg) = conn {
        diesel::sql_query("SELECT pg_advisory_xact_lock(hashtext($1))")
            .bind::<diesel::sql_types::Text, _>(phone)
            .execute(pg)?;
    }
    Ok(())
}

/// Codes sent to `phone` at or after `since`.
pub fn count_since(conn: &mut DbConnection, phone: &str, since: i64) -> Result<i64, StoreError> {
    Ok(vc::table
        .filter(vc::mobile_phone.eq(phone))
        .filter(vc::created_at.ge(since))
        .count()
        .get_result(conn)?)
}

pub fn insert(conn: &mut DbConnection, row: &VerificationCodeRow) -> Result<(), StoreError> {
    diesel::insert_into(vc::table)
        .values(row)
        .execute(conn)
        .map(drop)
        .map_err(StoreError::from)
}

/// Voids the sender's unused codes for this phone and scene: only the newest one counts.
pub fn supersede(
    conn: &mut DbConnection,
    partner_id: &str,
    phone: &str,
    scene: i32,
    now: i64,
) -> Result<(), StoreError> {
    diesel::update(
        vc::table
            .filter(vc::partner_id.eq(partner_id))
            .filter(vc::mobile_phone.eq(phone))
            .filter(vc::scene.eq(scene))
            .filter(vc::used_at.is_null()),
    )
    .set(vc::used_at.eq(now))
    .execute(conn)?;
    Ok(())
}

/// The sender's code for this phone and scene that is still unused (at most one), and whether
/// any code was ever sent.
pub fn current(
    conn: &mut DbConnection,
    partner_id: &str,
    phone: &str,
    scene: i32,
) -> Result<(Option<VerificationCodeRow>, bool), StoreError> {
    let mine = vc::table
        .filter(vc::partner_id.eq(partner_id))
        .filter(vc::mobile_phone.eq(phone))
        .filter(vc::scene.eq(scene));
    let open = mine
        .filter(vc::used_at.is_null())
        .select(VerificationCodeRow::as_select())
        .first(conn)
        .optional()?;
    let any: i64 = mine.count().get_result(conn)?;
    Ok((open, any > 0))
}

pub fn record_failed_attempt(conn: &mut DbConnection, id: &str) -> Result<(), StoreError> {
    diesel::update(vc::table.find(id))
        .set(vc::failed_attempts.eq(vc::failed_attempts + 1))
        .execute(conn)?;
    Ok(())
}

/// Uses the code up; false if another request used it first.
pub fn mark_used(conn: &mut DbConnection, id: &str, now: i64) -> Result<bool, StoreError> {
    let n = diesel::update(vc::table.find(id).filter(vc::used_at.is_null()))
        .set(vc::used_at.eq(now))
        .execute(conn)?;
    Ok(n == 1)
}
