//! The lifecycle of credentials: access keys' status, last use and grace period, recorded
//! tokens and their revocation, and the epoch every revocation moves (credential caches of
//! all replicas compare it on each request).

use crate::schema::{credentials as ck, partner_users};
use crate::schema_audit::{auth_tokens as tk, credential_epoch};
use crate::{DbConnection, StoreError};
use diesel::prelude::*;

pub const ACTIVE: &str = "ACTIVE";
pub const DISABLED: &str = "DISABLED";

/// An access key as its owner sees it (never the secret).
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = ck)]
pub struct KeyRow {
    pub access_key: String,
    pub owner_kind: String,
    pub owner_id: String,
    pub created_at: i64,
    pub status: String,
    pub last_used_at: Option<i64>,
    pub expires_at: Option<i64>,
}

pub fn find(conn: &mut DbConnection, ak: &str) -> Result<Option<KeyRow>, StoreError> {
    Ok(ck::table
        .find(ak)
        .select(KeyRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn for_owner(
    conn: &mut DbConnection,
    kind: &str,
    owner_id: &str,
) -> Result<Vec<KeyRow>, StoreError> {
    Ok(ck::table
        .filter(ck::owner_kind.eq(kind))
        .filter(ck::owner_id.eq(owner_id))
        .order((ck::created_at.asc(), ck::access_key.asc()))
        .select(KeyRow::as_select())
        .load(conn)?)
}

pub fn set_status(conn: &mut DbConnection, ak: &str, status: &str) -> Result<(), StoreError> {
    diesel::update(ck::table.find(ak))
        .set(ck::status.eq(status))
        .execute(conn)?;
    Ok(())
}

pub fn delete(conn: &mut DbConnection, ak: &str) -> Result<(), StoreError> {
    diesel::delete(ck::table.find(ak)).execute(conn)?;
    Ok(())
}

/// Ends a key's life at `at` (a rotation's grace period), unless it already ends sooner.
pub fn expire_at(conn: &mut DbConnection, ak: &str, at: i64) -> Result<(), StoreError> {
    diesel::update(
        ck::table
            .find(ak)
            .filter(ck::expires_at.is_null().or(ck::expires_at.gt(at))),
    )
    .set(ck::expires_at.eq(at))
    .execute(conn)?;
    Ok(())
}

/// Records a use, at most once a minute per key.
pub fn touch(conn: &mut DbConnection, ak: &str, now: i64) -> Result<(), StoreError> {
    diesel::update(
        ck::table
            .find(ak)
            .filter(ck::last_used_at.is_null().or(ck::last_used_at.lt(now - 60))),
    )
    .set(ck::last_used_at.eq(now))
    .execute(conn)?;
    Ok(())
}

pub fn user_active(conn: &mut DbConnection, user_id: &str) -> Result<bool, StoreError> {
    Ok(partner_users::table
        .find(user_id)
        .select(partner_users::active)
        .first::<bool>(conn)
        .optional()?
        .unwrap_or(false))
}

pub fn set_user_active(
    conn: &mut DbConnection,
    user_id: &str,
    active: bool,
) -> Result<(), StoreError> {
    diesel::update(partner_users::table.find(user_id))
        .set(partner_users::active.eq(active))
        .execute(conn)?;
    Ok(())
}

pub fn set_password(conn: &mut DbConnection, user_id: &str, hash: &str) -> Result<(), StoreError> {
    diesel::update(partner_users::table.find(user_id))
        .set(partner_users::password_hash.eq(hash))
        .execute(conn)?;
    Ok(())
}

/// The epoch: moved by every revocation, in its transaction.
pub fn epoch(conn: &mut DbConnection) -> Result<i64, StoreError> {
    Ok(credential_epoch::table
        .select(credential_epoch::n)
        .first::<i64>(conn)
        .optional()?
        .unwrap_or(0))
}

pub fn bump_epoch(conn: &mut DbConnection) -> Result<(), StoreError> {
    diesel::update(credential_epoch::table)
        .set(credential_epoch::n.eq(credential_epoch::n + 1))
        .execute(conn)?;
    Ok(())
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = tk)]
pub struct TokenRow {
    pub jti: String,
    pub owner_kind: String,
    pub owner_id: String,
    pub issued_at: i64,
    pub expires_at: i64,
    pub revoked_at: Option<i64>,
}

pub fn insert_token(conn: &mut DbConnection, row: &TokenRow) -> Result<(), StoreError> {
    diesel::insert_into(tk::table).values(row).execute(conn)?;
    Ok(())
}

pub fn find_token(conn: &mut DbConnection, jti: &str) -> Result<Option<TokenRow>, StoreError> {
    Ok(tk::table
        .find(jti)
        .select(TokenRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn revoke_token(conn: &mut DbConnection, jti: &str, now: i64) -> Result<(), StoreError> {
    diesel::update(tk::table.find(jti).filter(tk::revoked_at.is_null()))
        .set(tk::revoked_at.eq(now))
        .execute(conn)?;
    Ok(())
}

/// Revokes every live token of an owner but `keep` (the one presenting the change).
pub fn revoke_owner_tokens(
    conn: &mut DbConnection,
    kind: &str,
    owner_id: &str,
    keep: Option<&str>,
    now: i64,
) -> Result<(), StoreError> {
    diesel::update(
        tk::table
            .filter(tk::owner_kind.eq(kind))
            .filter(tk::owner_id.eq(owner_id))
            .filter(tk::revoked_at.is_null())
            .filter(tk::jti.ne(keep.unwrap_or(""))),
    )
    .set(tk::revoked_at.eq(now))
    .execute(conn)?;
    Ok(())
}

/// [`epoch`] on the async PostgreSQL read path (read on every authenticated request).
pub async fn epoch_pg(conn: &mut crate::pool::PgConn) -> Result<i64, StoreError> {
    let query = credential_epoch::table.select(credential_epoch::n);
    Ok(diesel_async::RunQueryDsl::first::<i64>(query, conn)
        .await
        .optional()?
        .unwrap_or(0))
}
