//! Messages to people (SMS codes, e-mails), written in the transaction of their change and
//! delivered by the delivery worker, which leases due messages of the channels it can send.
//! The operator can read them.

use super::query::Be;
use crate::schema::outbox_messages as ob;
use crate::{DbConnection, StoreError};
use diesel::prelude::*;

pub const SMS: &str = "SMS";
pub const EMAIL: &str = "EMAIL";
pub const VERIFICATION_CODE: &str = "VERIFICATION_CODE";
pub const CUSTOMER_INVITATION: &str = "CUSTOMER_INVITATION";
pub const RESELLER_INVITATION: &str = "RESELLER_INVITATION";
pub const PAYMENT_REQUEST: &str = "PAYMENT_REQUEST";
pub const WEBHOOK_DISABLED: &str = "WEBHOOK_DISABLED";

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = ob)]
pub struct OutboxRow {
    /// Assigned by the database; orders messages exactly.
    #[diesel(deserialize_as = i64)]
    pub seq: Option<i64>,
    pub id: String,
    pub channel: String,
    pub recipient: String,
    pub purpose: String,
    /// The text (an e-mail's plain-text part).
    pub content: String,
    pub created_at: i64,
    /// E-mail only.
    pub subject: Option<String>,
    /// E-mail only: the HTML part.
    pub html: Option<String>,
    /// `PENDING`, `SENT`, `FAILED` or `UNSENT` (see `domain::outbox::DeliveryStatus`).
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: i64,
    pub lease_until: Option<i64>,
    pub last_attempt_at: Option<i64>,
    pub last_error: Option<String>,
    pub sent_at: Option<i64>,
}

pub fn insert(conn: &mut DbConnection, row: &OutboxRow) -> Result<(), StoreError> {
    diesel::insert_into(ob::table)
        .values(row)
        .execute(conn)
        .map(drop)
        .map_err(StoreError::from)
}

#[derive(Debug, Clone, Default)]
pub struct ListFilter<'a> {
    pub recipient: Option<&'a str>,
    pub purpose: Option<&'a str>,
    pub offset: i64,
    pub limit: i64,
}

fn filtered<'a>(f: &ListFilter<'a>) -> ob::BoxedQuery<'a, Be> {
    let mut q = ob::table.into_boxed::<Be>();
    if let Some(r) = f.recipient {
        q = q.filter(ob::recipient.eq(r));
    }
    if let Some(p) = f.purpose {
        q = q.filter(ob::purpose.eq(p));
    }
    q
}

/// The total and one page, newest first.
pub fn list(
    conn: &mut DbConnection,
    f: &ListFilter<'_>,
) -> Result<(i64, Vec<OutboxRow>), StoreError> {
    let total: i64 = filtered(f).count().get_result(conn)?;
    let rows = filtered(f)
        .order(ob::seq.desc())
        .offset(f.offset)
        .limit(f.limit)
        .select(OutboxRow::as_select())
        .load(conn)?;
    Ok((total, rows))
}

pub fn find(conn: &mut DbConnection, id: &str) -> Result<Option<OutboxRow>, StoreError> {
    Ok(ob::table
        .filter(ob::id.eq(id))
        .select(OutboxRow::as_select())
        .first(conn)
        .optional()?)
}

/// Leases up to `limit` due `PENDING` messages of `channels` until `lease_until`, counting the
/// attempt. On PostgreSQL rows another worker holds are skipped (`FOR UPDATE SKIP LOCKED`);
/// SQLite has one writer at a time. A worker that dies mid-send leaves a lease that runs out,
/// and the message is taken again.
pub fn claim_due(
    conn: &mut DbConnection,
    channels: &[&str],
    now: i64,
    lease_until: i64,
    limit: i64,
) -> Result<Vec<OutboxRow>, StoreError> {
    if channels.is_empty() {
        return Ok(Vec::new());
    }
    let due = ob::table
        .filter(ob::status.eq(PENDING))
        .filter(ob::channel.eq_any(channels))
        .filter(ob::next_attempt_at.le(now))
        .filter(ob::lease_until.is_null().or(ob::lease_until.le(now)))
        .order(ob::next_attempt_at.asc())
        .limit(limit)
        .select(ob::id);
    let ids: Vec<String> = match conn {
        DbConnection::Pg(pg) => due.for_update().skip_locked().load(pg)?,
        DbConnection::Sqlite(s) => due.load(s)?,
    };
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    diesel::update(ob::table.filter(ob::id.eq_any(&ids)))
        .set((
            ob::lease_until.eq(Some(lease_until)),
            ob::attempts.eq(ob::attempts + 1),
        ))
        .execute(conn)?;
    Ok(ob::table
        .filter(ob::id.eq_any(&ids))
        .order(ob::next_attempt_at.asc())
        .select(OutboxRow::as_select())
        .load(conn)?)
}

pub const PENDING: &str = "PENDING";

/// What one attempt came to.
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = ob, treat_none_as_null = true)]
pub struct Attempted {
    pub status: String,
    pub next_attempt_at: i64,
    pub lease_until: Option<i64>,
    pub last_attempt_at: Option<i64>,
    pub last_error: Option<String>,
    pub sent_at: Option<i64>,
}

pub fn record(conn: &mut DbConnection, id: &str, a: &Attempted) -> Result<(), StoreError> {
    diesel::update(ob::table.filter(ob::id.eq(id)))
        .set(a)
        .execute(conn)?;
    Ok(())
}
