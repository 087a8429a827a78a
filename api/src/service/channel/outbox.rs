//! Writing to the outbox, and the operator's view of it.

use crate::notify::Notice;
use crate::service::Failure;
use persistence::repo::outbox::{self, ListFilter, OutboxRow};
use persistence::{ids, DbConnection};

pub fn enqueue(
    conn: &mut DbConnection,
    channel: &str,
    recipient: &str,
    purpose: &str,
    content: String,
    now: i64,
) -> Result<OutboxRow, Failure> {
    let row = OutboxRow {
        seq: None,
        id: ids::new_id(),
        channel: channel.to_owned(),
        recipient: recipient.to_owned(),
        purpose: purpose.to_owned(),
        content,
        created_at: now,
    };
    outbox::insert(conn, &row)?;
    Ok(row)
}

pub fn notice(row: OutboxRow) -> Notice {
    Notice {
        message_id: row.id,
        channel: row.channel,
        recipient: row.recipient,
        purpose: row.purpose,
        content: row.content,
    }
}

pub fn list(conn: &mut DbConnection, f: &ListFilter<'_>) -> Result<(i64, Vec<OutboxRow>), Failure> {
    Ok(outbox::list(conn, f)?)
}
