//! The operator credential that must exist before anything else can be set up.

use super::access_keys;
use crate::auth::Vault;
use crate::service::Failure;
use domain::identity::MIN_SECRET_KEY_LEN;
use persistence::repo::credentials;
use persistence::{ids, Db};

pub enum Bootstrap {
    /// The credential from the environment is in place.
    FromEnvironment,
    /// An operator credential already existed; nothing was printed.
    Existing,
    /// A new credential was generated; print it once.
    Generated {
        access_key: String,
        secret_key: String,
    },
}

/// Ensures the operator credential: from `BSS_OPERATOR_AK`/`BSS_OPERATOR_SK` when given,
/// otherwise generated once when none exists.
pub fn ensure_operator(
    db: &Db,
    vault: &Vault,
    from_env: Option<(String, String)>,
    now: i64,
) -> Result<Bootstrap, String> {
    if let Some((ak, sk)) = &from_env {
        if sk.len() < MIN_SECRET_KEY_LEN {
            return Err(format!(
                "BSS_OPERATOR_SK must be at least {MIN_SECRET_KEY_LEN} characters"
            ));
        }
        if ak.is_empty() || ak.len() > 64 || !ak.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err("BSS_OPERATOR_AK must be 1 to 64 letters or digits".into());
        }
    }
    let result = db.write(|conn| -> Result<_, Failure> {
        match &from_env {
            Some((ak, sk)) => {
                match credentials::find(conn, ak)? {
                    Some(row) if row.owner_kind == credentials::OPERATOR => {
                        let sealed = vault.seal(sk).map_err(Failure::internal)?;
                        credentials::replace_secret(conn, ak, &sealed)?;
                    }
                    Some(_) => {
                        return Err(Failure::internal(
                            "BSS_OPERATOR_AK is already used by another identity",
                        ))
                    }
                    None => access_keys::store(
                        conn,
                        vault,
                        ak,
                        sk,
                        credentials::OPERATOR,
                        "operator",
                        &ids::new_id(),
                        now,
                    )?,
                }
                Ok(Bootstrap::FromEnvironment)
            }
            None if credentials::any_of_kind(conn, credentials::OPERATOR)? => {
                Ok(Bootstrap::Existing)
            }
            None => {
                let issued = access_keys::issue(
                    conn,
                    vault,
                    credentials::OPERATOR,
                    "operator",
                    &ids::new_id(),
                    now,
                )?;
                Ok(Bootstrap::Generated {
                    access_key: issued.access_key,
                    secret_key: issued.secret_key,
                })
            }
        }
    });
    result.map_err(|e| format!("cannot set up the operator credential: {e}"))
}
