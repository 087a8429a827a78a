//! The outbox side of the delivery worker: lease due messages of the channels this worker can
//! send, and record what an attempt came to (sent, retry with backoff, or given up). Sending
//! happens between the two, outside any transaction.

use crate::service::Outcome;
use domain::outbox::{next_attempt, DeliveryStatus};
use persistence::repo::outbox::{self, Attempted, OutboxRow};
use persistence::DbConnection;

/// Leases up to `limit` due messages of `channels` for `lease_secs`.
pub fn claim(
    conn: &mut DbConnection,
    channels: &[&str],
    now: i64,
    lease_secs: i64,
    limit: i64,
) -> Outcome<Vec<OutboxRow>> {
    Ok(outbox::claim_due(
        conn,
        channels,
        now,
        now + lease_secs,
        limit,
    )?)
}

/// Records an attempt of `msg` (leased with its attempt counted): `error` none is sent; a
/// failure schedules the next attempt (with `jitter` in `[0, 1)`) or gives up. Returns the
/// status recorded.
pub fn finish(
    conn: &mut DbConnection,
    msg: &OutboxRow,
    error: Option<&str>,
    now: i64,
    jitter: f64,
) -> Outcome<DeliveryStatus> {
    let (status, next) = match error {
        None => (DeliveryStatus::Sent, now),
        Some(_) => match next_attempt(msg.attempts, now, jitter) {
            Some(at) => (DeliveryStatus::Pending, at),
            None => (DeliveryStatus::Failed, now),
        },
    };
    outbox::record(
        conn,
        &msg.id,
        &Attempted {
            status: status.as_str().to_owned(),
            next_attempt_at: next,
            lease_until: None,
            last_attempt_at: Some(now),
            last_error: error.map(str::to_owned),
            sent_at: error.is_none().then_some(now),
        },
    )?;
    Ok(status)
}
