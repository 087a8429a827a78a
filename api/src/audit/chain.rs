//! The hash of an event: SHA-256 over every field but its id, its predecessor's hash included,
//! so altering, removing or reordering an event breaks the chain from there on.

use persistence::repo::audit::EventRow;
use sha2::{Digest, Sha256};

pub fn hash(e: &EventRow) -> String {
    let fields = serde_json::json!([
        e.chain,
        e.seq,
        e.at,
        e.actor_kind,
        e.actor_partner_id,
        e.actor_user_id,
        e.actor_customer_id,
        e.actor_credential,
        e.operation_id,
        e.method,
        e.path,
        e.target_ids,
        e.request_id,
        e.source,
        e.outcome,
        e.reason,
        e.prev_hash,
    ]);
    hex::encode(Sha256::digest(fields.to_string().as_bytes()))
}
