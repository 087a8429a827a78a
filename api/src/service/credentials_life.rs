//! The lifecycle of credentials (#20): listing, disabling, enabling, deleting and rotating
//! access keys; recording, revoking tokens; changing a password. Every revocation moves the
//! credential epoch in its transaction, so every replica refuses the credential on its next
//! request.

use crate::auth::vault::Vault;
use crate::service::access_keys::{self, Issued};
use crate::service::{not_found, Outcome};
use crate::{ApiError, AppState};
use domain::lifecycle::{self, KeyStatus};
use persistence::repo::key_lifecycle::{self as repo, KeyRow, TokenRow};
use persistence::repo::{credentials, customers, partners, users};
use persistence::DbConnection;

/// Whose keys a request manages, as the caller named them.
#[derive(Debug, Clone)]
pub enum Named {
    /// The operator, for a user of a partner.
    PartnerUser { partner_id: String, user_id: String },
    /// The operator, for a customer; or a customer for itself.
    Customer { customer_id: String },
}

/// The owner of the keys, found.
#[derive(Debug, Clone)]
pub struct Owner {
    pub kind: &'static str,
    pub id: String,
    pub domain_id: String,
}

/// Finds the owner; an id that does not exist (or a user of another partner) is missing.
pub fn owner(conn: &mut DbConnection, named: &Named) -> Outcome<Owner> {
    match named {
        Named::PartnerUser {
            partner_id,
            user_id,
        } => {
            let partner = partners::find(conn, partner_id)?.ok_or_else(|| not_found("partner"))?;
            let user = users::find(conn, user_id)?
                .filter(|u| u.partner_id == partner.id)
                .ok_or_else(|| not_found("user"))?;
            Ok(Owner {
                kind: credentials::PARTNER_USER,
                id: user.id,
                domain_id: partner.domain_id,
            })
        }
        Named::Customer { customer_id } => {
            let c = customers::find(conn, customer_id)?.ok_or_else(|| not_found("customer"))?;
            Ok(Owner {
                kind: credentials::CUSTOMER,
                id: c.id,
                domain_id: c.domain_id,
            })
        }
    }
}

pub fn list(conn: &mut DbConnection, named: &Named) -> Outcome<Vec<KeyRow>> {
    let o = owner(conn, named)?;
    Ok(repo::for_owner(conn, o.kind, &o.id)?)
}

fn key_of(conn: &mut DbConnection, o: &Owner, ak: &str) -> Outcome<KeyRow> {
    repo::find(conn, ak)?
        .filter(|k| k.owner_kind == o.kind && k.owner_id == o.id)
        .ok_or_else(|| not_found("access key"))
}

pub fn create(conn: &mut DbConnection, vault: &Vault, named: &Named, now: i64) -> Outcome<Issued> {
    let o = owner(conn, named)?;
    let issued = access_keys::issue(conn, vault, o.kind, &o.id, &o.domain_id, now)?;
    Ok(issued)
}

/// Enables or disables a key; a disabled key is refused from the next request on.
pub fn set_status(
    conn: &mut DbConnection,
    named: &Named,
    ak: &str,
    status: KeyStatus,
) -> Outcome<KeyRow> {
    let o = owner(conn, named)?;
    key_of(conn, &o, ak)?;
    repo::set_status(conn, ak, status.as_str())?;
    repo::bump_epoch(conn)?;
    key_of(conn, &o, ak)
}

pub fn delete(conn: &mut DbConnection, named: &Named, ak: &str) -> Outcome<()> {
    let o = owner(conn, named)?;
    key_of(conn, &o, ak)?;
    repo::delete(conn, ak)?;
    repo::bump_epoch(conn)?;
    Ok(())
}

/// A new key for the same owner; the old one keeps working until `now + grace` (or until
/// it is disabled or deleted).
pub fn rotate(
    conn: &mut DbConnection,
    vault: &Vault,
    named: &Named,
    ak: &str,
    grace: i64,
    now: i64,
) -> Outcome<(Issued, i64)> {
    let o = owner(conn, named)?;
    let old = key_of(conn, &o, ak)?;
    let status: KeyStatus = persistence::coded::from_text(&old.status)?;
    lifecycle::may_rotate(status, old.expires_at)?;
    let ends = now + grace;
    repo::expire_at(conn, ak, ends)?;
    repo::bump_epoch(conn)?;
    let issued = access_keys::issue(conn, vault, o.kind, &o.id, &o.domain_id, now)?;
    Ok((issued, ends))
}

/// Records a token issued by `POST /v2/auth/tokens`, so it can be revoked.
pub async fn record_token(
    state: &AppState,
    jti: String,
    kind: &'static str,
    owner_id: String,
    now: i64,
    ttl: i64,
) -> Result<(), ApiError> {
    state
        .write(move |conn| {
            repo::insert_token(
                conn,
                &TokenRow {
                    jti: jti.clone(),
                    owner_kind: kind.to_owned(),
                    owner_id: owner_id.clone(),
                    issued_at: now,
                    expires_at: now + ttl,
                    revoked_at: None,
                },
            )?;
            crate::audit::add_target(&owner_id);
            Ok(())
        })
        .await
}

/// Revokes one token (logout).
pub fn revoke_token(conn: &mut DbConnection, jti: &str, now: i64) -> Outcome<()> {
    repo::revoke_token(conn, jti, now)?;
    repo::bump_epoch(conn)?;
    Ok(())
}

/// Sets a partner user's password hash and revokes the user's tokens but `keep`.
pub fn change_password(
    conn: &mut DbConnection,
    user_id: &str,
    hash: &str,
    keep: Option<&str>,
    now: i64,
) -> Outcome<()> {
    repo::set_password(conn, user_id, hash)?;
    repo::revoke_owner_tokens(conn, credentials::PARTNER_USER, user_id, keep, now)?;
    repo::bump_epoch(conn)?;
    Ok(())
}

/// The stored password hash of a partner user.
pub fn password_hash(conn: &mut DbConnection, user_id: &str) -> Outcome<Option<String>> {
    Ok(users::find(conn, user_id)?.and_then(|u| u.password_hash))
}
