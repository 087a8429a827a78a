//! Answers of the access-key actions. A secret appears only when a key is created.

use crate::service::access_keys::Issued;
use crate::wire;
use persistence::repo::key_lifecycle::KeyRow;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct AccessKeyInfo {
    #[schema(example = "HPUAXXXXXXXXXXXXXXXX")]
    access_key: String,
    /// `ACTIVE` or `DISABLED`.
    #[schema(example = "ACTIVE")]
    status: String,
    /// UTC, `yyyy-MM-ddTHH:mm:ssZ`.
    #[schema(example = "2026-12-07T10:00:00Z")]
    created_at: String,
    /// The last signed request, to the minute; absent if never used.
    #[schema(example = "2026-12-07T11:00:00Z")]
    last_used_at: Option<String>,
    /// When a rotated key stops working.
    #[schema(example = "2026-12-08T10:00:00Z")]
    expires_at: Option<String>,
}

impl From<&KeyRow> for AccessKeyInfo {
    fn from(k: &KeyRow) -> Self {
        AccessKeyInfo {
            access_key: k.access_key.clone(),
            status: k.status.clone(),
            created_at: wire::utc(k.created_at),
            last_used_at: k.last_used_at.map(wire::utc),
            expires_at: k.expires_at.map(wire::utc),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct AccessKeyList {
    access_keys: Vec<AccessKeyInfo>,
}

impl AccessKeyList {
    pub fn of(rows: &[KeyRow]) -> Self {
        AccessKeyList {
            access_keys: rows.iter().map(AccessKeyInfo::from).collect(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct NewAccessKey {
    #[schema(example = "HPUAXXXXXXXXXXXXXXXX")]
    access_key: String,
    /// Shown once; stored encrypted.
    #[schema(example = "s3cr3tS3cr3tS3cr3tS3cr3tS3cr3tS3cr3tS3cr")]
    secret_key: String,
    #[schema(example = "0a1b2c3d4e5f60718293a4b5c6d7e8f9")]
    domain_id: String,
    /// For a rotation: when the replaced key stops working.
    #[schema(example = "2026-12-08T10:00:00Z")]
    #[serde(skip_serializing_if = "Option::is_none")]
    replaced_key_expires_at: Option<String>,
}

impl NewAccessKey {
    pub fn of(i: Issued, replaced_ends: Option<i64>) -> Self {
        NewAccessKey {
            access_key: i.access_key,
            secret_key: i.secret_key,
            domain_id: i.domain_id,
            replaced_key_expires_at: replaced_ends.map(wire::utc),
        }
    }
}
