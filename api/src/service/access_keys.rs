//! Issuing access keys; the secret is returned once and stored sealed.

use crate::auth::vault::{generate_access_key, Vault};
use crate::service::Failure;
use persistence::repo::credentials::{self, CredentialRow};
use persistence::{DbConnection, StoreError};

pub struct Issued {
    pub access_key: String,
    pub secret_key: String,
    pub domain_id: String,
}

pub fn issue(
    conn: &mut DbConnection,
    vault: &Vault,
    owner_kind: &str,
    owner_id: &str,
    domain_id: &str,
    now: i64,
) -> Result<Issued, Failure> {
    let (ak, sk) = generate_access_key();
    store(conn, vault, &ak, &sk, owner_kind, owner_id, domain_id, now)?;
    crate::audit::add_target(&ak);
    Ok(Issued {
        access_key: ak,
        secret_key: sk,
        domain_id: domain_id.to_owned(),
    })
}

#[allow(clippy::too_many_arguments)]
pub fn store(
    conn: &mut DbConnection,
    vault: &Vault,
    ak: &str,
    sk: &str,
    owner_kind: &str,
    owner_id: &str,
    domain_id: &str,
    now: i64,
) -> Result<(), Failure> {
    let sealed = vault.seal(sk).map_err(StoreError::Internal)?;
    Ok(credentials::insert(
        conn,
        &CredentialRow {
            access_key: ak.to_owned(),
            secret_enc: sealed,
            owner_kind: owner_kind.to_owned(),
            owner_id: owner_id.to_owned(),
            domain_id: domain_id.to_owned(),
            created_at: now,
        },
    )?)
}
