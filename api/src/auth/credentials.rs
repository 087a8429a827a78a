//! Resolves an access key or token subject to its secret and principal, with a short-lived
//! in-memory cache so a signed request costs no database round trip in the common case.
//! Unknown keys are cached too, so a flood of random keys cannot reach the database.

use super::{principal, Principal, Secret};
use crate::service::Failure;
use crate::{ApiError, AppState};
use persistence::repo::{credentials, key_lifecycle};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

#[derive(Debug, Clone)]
pub struct Resolved {
    pub secret: Option<Secret<Vec<u8>>>,
    pub principal: Principal,
    pub domain_id: String,
    /// When a rotated key's grace period ends.
    pub expires_at: Option<i64>,
    /// The principal's partner is suspended: authenticated, but refused (403).
    pub suspended: bool,
}

/// Whether a partner user's partner is suspended.
fn suspended(conn: &mut persistence::DbConnection, p: &Principal) -> Result<bool, Failure> {
    match p {
        Principal::PartnerUser(u) => {
            Ok(persistence::repo::people::suspended_at(conn, &u.partner_id)?.is_some())
        }
        _ => Ok(false),
    }
}

type Entry = (Option<Arc<Resolved>>, i64);

#[derive(Debug, Default)]
pub struct CredentialCache {
    entries: Mutex<HashMap<String, Entry>>,
    /// The credential epoch the entries were filled under.
    epoch: Mutex<i64>,
}

const MAX_ENTRIES: usize = 50_000;

impl CredentialCache {
    fn get(&self, key: &str, now: i64, ttl: i64) -> Option<Option<Arc<Resolved>>> {
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries
            .get(key)
            .filter(|(_, at)| now - at < ttl)
            .map(|(r, _)| r.clone())
    }

    fn put(&self, key: String, value: Option<Arc<Resolved>>, now: i64) {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(key, (value, now));
    }

    /// Forgets everything if the stored epoch moved since the entries were filled: a
    /// revocation on any replica reaches this one on its next request.
    pub fn observe_epoch(&self, n: i64) {
        let mut e = self.epoch.lock().unwrap_or_else(|p| p.into_inner());
        if *e != n {
            self.clear();
            *e = n;
        }
    }

    /// Forgets everything (after a secret is replaced).
    pub fn clear(&self) {
        self.entries
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
    }
}

/// The secret and principal behind an access key, or `None` for an unknown key. `before_db`
/// runs only when the answer is not in memory, and may refuse the lookup.
pub async fn by_access_key(
    state: &AppState,
    ak: &str,
    before_db: impl FnOnce() -> Result<(), ApiError>,
) -> Result<Option<Arc<Resolved>>, ApiError> {
    let now = state.wall_now();
    let cache_key = format!("ak:{ak}");
    if let Some(hit) = state
        .creds
        .get(&cache_key, now, state.config.credential_cache_secs)
    {
        return Ok(hit);
    }
    before_db()?;
    let db = state.db.clone();
    let vault = state.vault.clone();
    let ak_owned = ak.to_owned();
    let resolved = actix_web::web::block(move || {
        db.read(|conn| -> Result<_, Failure> {
            let Some(row) = credentials::find(conn, &ak_owned)? else {
                return Ok(None);
            };
            let Some(life) = key_lifecycle::find(conn, &ak_owned)? else {
                return Ok(None);
            };
            if life.status != key_lifecycle::ACTIVE {
                return Ok(None);
            }
            let Some((principal, owner_domain)) =
                principal::load(conn, &row.owner_kind, &row.owner_id)?
            else {
                return Ok(None);
            };
            let secret = vault
                .open(&row.secret_enc)
                .map_err(persistence::StoreError::Internal)?;
            let domain_id = if owner_domain.is_empty() {
                row.domain_id
            } else {
                owner_domain
            };
            Ok(Some(Arc::new(Resolved {
                secret: Some(secret),
                suspended: suspended(conn, &principal)?,
                principal,
                domain_id,
                expires_at: life.expires_at,
            })))
        })
    })
    .await??;
    state.creds.put(cache_key, resolved.clone(), now);
    Ok(resolved)
}

/// The principal behind a token: recorded, not revoked, and owned by its subject.
pub async fn by_token(
    state: &AppState,
    jti: &str,
    kind: &str,
    sub: &str,
) -> Result<Option<Arc<Resolved>>, ApiError> {
    let now = state.wall_now();
    let cache_key = format!("tok:{jti}");
    if let Some(hit) = state
        .creds
        .get(&cache_key, now, state.config.credential_cache_secs)
    {
        return Ok(hit.filter(|r| r_matches(r, kind, sub)));
    }
    let db = state.db.clone();
    let (jti_owned, kind_owned, sub_owned) = (jti.to_owned(), kind.to_owned(), sub.to_owned());
    let resolved = actix_web::web::block(move || {
        db.read(|conn| -> Result<_, Failure> {
            let Some(t) = key_lifecycle::find_token(conn, &jti_owned)? else {
                return Ok(None);
            };
            if t.revoked_at.is_some() || t.owner_kind != kind_owned || t.owner_id != sub_owned {
                return Ok(None);
            }
            let Some((principal, domain_id)) = principal::load(conn, &kind_owned, &sub_owned)?
            else {
                return Ok(None);
            };
            Ok(Some(Arc::new(Resolved {
                secret: None,
                suspended: suspended(conn, &principal)?,
                principal,
                domain_id,
                expires_at: Some(t.expires_at),
            })))
        })
    })
    .await??;
    state.creds.put(cache_key, resolved.clone(), now);
    Ok(resolved)
}

/// A cached token answer belongs to the claims presented with it.
fn r_matches(r: &Resolved, kind: &str, sub: &str) -> bool {
    match &r.principal {
        Principal::PartnerUser(u) => kind == credentials::PARTNER_USER && u.user_id == sub,
        Principal::Customer(c) => kind == credentials::CUSTOMER && c.customer_id == sub,
        Principal::Operator => false,
    }
}

/// Reads the credential epoch and forgets cached answers if it moved.
pub async fn sync_epoch(state: &AppState) -> Result<(), ApiError> {
    let n = state
        .read_hot(key_lifecycle::epoch, async |pg| {
            key_lifecycle::epoch_pg(pg).await
        })
        .await?;
    state.creds.observe_epoch(n);
    Ok(())
}
