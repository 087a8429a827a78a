//! Audit events as read.

use crate::wire;
use persistence::repo::audit::EventRow;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct AuditActor {
    /// `operator`, `partner_user`, `customer` or `anonymous`.
    kind: String,
    partner_id: Option<String>,
    user_id: Option<String>,
    customer_id: Option<String>,
    /// `ak:<access key>` or `token:<token id>`.
    credential: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct AuditEvent {
    #[schema(example = 42)]
    id: i64,
    /// UTC, `yyyy-MM-ddTHH:mm:ssZ`.
    time: String,
    actor: AuditActor,
    #[schema(example = "pay_orders")]
    operation_id: String,
    method: String,
    path: String,
    /// Ids from the path and body, and objects the change created.
    target_ids: Vec<String>,
    request_id: String,
    source_address: Option<String>,
    #[schema(example = "SUCCEEDED")]
    outcome: String,
    /// From the `X-Audit-Reason` header.
    reason: Option<String>,
    /// The chain (one per acting party), this event's place in it, and the hashes linking it.
    chain: String,
    seq: i64,
    prev_hash: String,
    hash: String,
}

impl From<&EventRow> for AuditEvent {
    fn from(e: &EventRow) -> Self {
        AuditEvent {
            id: e.id.unwrap_or_default(),
            time: wire::utc(e.at),
            actor: AuditActor {
                kind: e.actor_kind.clone(),
                partner_id: e.actor_partner_id.clone(),
                user_id: e.actor_user_id.clone(),
                customer_id: e.actor_customer_id.clone(),
                credential: e.actor_credential.clone(),
            },
            operation_id: e.operation_id.clone(),
            method: e.method.clone(),
            path: e.path.clone(),
            target_ids: serde_json::from_str(&e.target_ids).unwrap_or_default(),
            request_id: e.request_id.clone(),
            source_address: e.source.clone(),
            outcome: e.outcome.clone(),
            reason: e.reason.clone(),
            chain: e.chain.clone(),
            seq: e.seq,
            prev_hash: e.prev_hash.clone(),
            hash: e.hash.clone(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct AuditEventPage {
    events: Vec<AuditEvent>,
    /// Pass as `marker` for the next (older) page; absent on the last page.
    next_marker: Option<i64>,
}

impl AuditEventPage {
    pub fn of(rows: &[EventRow], limit: usize) -> Self {
        let next_marker = (rows.len() == limit)
            .then(|| rows.last().and_then(|r| r.id))
            .flatten();
        AuditEventPage {
            events: rows.iter().map(AuditEvent::from).collect(),
            next_marker,
        }
    }
}
