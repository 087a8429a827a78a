//! Emitting an event inside the transaction of its change, and the partner's feed.
//!
//! `emit` numbers the event after the partner's last one under a per-partner lock held to
//! the commit, so numbers appear in commit order and a reader keyed by `after` never misses
//! one; it also queues one delivery per enabled webhook that subscribes to the type, so the
//! worker sends what was committed even after a crash.

use crate::service::{Failure, Outcome};
use domain::code::Coded;
use domain::events::{EventType, Subjects};
use persistence::repo::delivery::deliveries::{self, DeliveryRow};
use persistence::repo::delivery::events::{self as repo, EventRow};
use persistence::repo::delivery::webhooks;
use persistence::{ids, DbConnection};

/// Appends an event for `partner_id` and queues its deliveries.
pub fn emit(
    conn: &mut DbConnection,
    partner_id: &str,
    kind: EventType,
    subjects: Subjects<'_>,
    now: i64,
) -> Outcome<String> {
    let mut data = serde_json::Map::new();
    for (k, v) in subjects {
        data.insert((*k).to_owned(), serde_json::Value::String((*v).to_owned()));
    }
    repo::lock_partner(conn, partner_id)?;
    let last = repo::last_seq(conn, partner_id)?;
    let row = EventRow {
        seq: None,
        id: format!("evt_{}", ids::new_id()),
        partner_id: partner_id.to_owned(),
        partner_seq: last + 1,
        event_type: kind.as_str().to_owned(),
        subjects: serde_json::Value::Object(data).to_string(),
        created_at: now,
    };
    repo::insert(conn, &row)?;
    for hook in webhooks::enabled(conn, partner_id)? {
        if hook.types().any(|t| t == kind.as_str()) {
            deliveries::insert(
                conn,
                &DeliveryRow {
                    seq: None,
                    id: ids::new_id(),
                    webhook_id: hook.id,
                    partner_id: partner_id.to_owned(),
                    event_id: row.id.clone(),
                    status: deliveries::PENDING.to_owned(),
                    attempts: 0,
                    next_attempt_at: now,
                    lease_until: None,
                    last_attempt_at: None,
                    last_status_code: None,
                    last_error: None,
                    last_response: None,
                    created_at: now,
                },
            )?;
        }
    }
    Ok(row.id)
}

/// An event as its partner reads it.
#[derive(Debug, Clone)]
pub struct Event {
    pub id: String,
    pub kind: EventType,
    pub partner_id: String,
    pub created_at: i64,
    pub subjects: serde_json::Map<String, serde_json::Value>,
}

impl TryFrom<EventRow> for Event {
    type Error = Failure;

    fn try_from(r: EventRow) -> Result<Self, Failure> {
        let kind = EventType::from_text(&r.event_type)
            .ok_or_else(|| Failure::internal(format!("event type {}", r.event_type)))?;
        let subjects = match serde_json::from_str(&r.subjects) {
            Ok(serde_json::Value::Object(m)) => m,
            _ => return Err(Failure::internal(format!("event {} subjects", r.id))),
        };
        Ok(Event {
            id: r.id,
            kind,
            partner_id: r.partner_id,
            created_at: r.created_at,
            subjects,
        })
    }
}

/// The partner's events after the event `after` (from the first when `None`), oldest first.
/// An `after` that is not one of the partner's events is refused like a missing one.
pub fn feed(
    conn: &mut DbConnection,
    partner_id: &str,
    after: Option<&str>,
    types: &[EventType],
    limit: i64,
) -> Outcome<Vec<Event>> {
    let after_seq = match after {
        Some(id) => repo::seq_of(conn, partner_id, id)?.ok_or_else(|| {
            Failure::Refused(domain::Violation::new(
                domain::codes::NOT_FOUND,
                "after names no event of this partner",
            ))
        })?,
        None => 0,
    };
    let names: Vec<&str> = types.iter().map(|t| t.as_str()).collect();
    let filter = (!names.is_empty()).then_some(names.as_slice());
    repo::page(conn, partner_id, after_seq, filter, limit)?
        .into_iter()
        .map(Event::try_from)
        .collect()
}

pub fn find(conn: &mut DbConnection, id: &str) -> Outcome<Event> {
    Event::try_from(repo::find(conn, id)?)
}

/// `review.decided` to the applying partner: what was reviewed (`certification`, `fh`,
/// `subsidy`, `business_info`, `po_opportunity`, `test_voucher`), its id and the decision.
pub fn review_decided(
    conn: &mut DbConnection,
    partner_id: &str,
    subject: &str,
    id: &str,
    approved: bool,
    now: i64,
) -> Outcome<()> {
    let decision = if approved { "APPROVED" } else { "REJECTED" };
    let subjects = [
        ("subject", subject),
        ("application_id", id),
        ("decision", decision),
    ];
    emit(conn, partner_id, EventType::ReviewDecided, &subjects, now)?;
    Ok(())
}
