//! Resolves an access key or token subject to its secret and principal, with a short-lived
//! in-memory cache so a signed request costs no database round trip in the common case.
//! Unknown keys are cached too, so a flood of random keys cannot reach the database.

use super::{principal, Principal, Secret};
use crate::service::Failure;
use crate::{ApiError, AppState};
use persistence::repo::credentials;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

#[derive(Debug, Clone)]
pub struct Resolved {
    pub secret: Option<Secret<Vec<u8>>>,
    pub principal: Principal,
    pub domain_id: String,
}

type Entry = (Option<Arc<Resolved>>, i64);

#[derive(Debug, Default)]
pub struct CredentialCache {
    entries: Mutex<HashMap<String, Entry>>,
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
    let now = state.now();
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
                principal,
                domain_id,
            })))
        })
    })
    .await??;
    state.creds.put(cache_key, resolved.clone(), now);
    Ok(resolved)
}

/// The principal behind a token's subject.
pub async fn by_subject(
    state: &AppState,
    kind: &str,
    sub: &str,
) -> Result<Option<Arc<Resolved>>, ApiError> {
    let now = state.now();
    let cache_key = format!("sub:{kind}:{sub}");
    if let Some(hit) = state
        .creds
        .get(&cache_key, now, state.config.credential_cache_secs)
    {
        return Ok(hit);
    }
    let db = state.db.clone();
    let (kind_owned, sub_owned) = (kind.to_owned(), sub.to_owned());
    let resolved = actix_web::web::block(move || {
        db.read(|conn| -> Result<_, Failure> {
            Ok(
                principal::load(conn, &kind_owned, &sub_owned)?.map(|(principal, domain_id)| {
                    Arc::new(Resolved {
                        secret: None,
                        principal,
                        domain_id,
                    })
                }),
            )
        })
    })
    .await??;
    state.creds.put(cache_key, resolved.clone(), now);
    Ok(resolved)
}
