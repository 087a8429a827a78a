//! Writing to the outbox, and the operator's view of it.

use crate::mail::{self, Notice as MailNotice};
use crate::notify::Notice;
use crate::service::Failure;
use domain::identity::{Role, Roles};
use domain::outbox::{DeliveryStatus, Language};
use persistence::repo::outbox::{self, ListFilter, OutboxRow};
use persistence::repo::people;
use persistence::{ids, DbConnection};
use serde::Serialize;

fn row(channel: &str, recipient: &str, purpose: &str, content: String, now: i64) -> OutboxRow {
    OutboxRow {
        seq: None,
        id: ids::new_id(),
        channel: channel.to_owned(),
        recipient: recipient.to_owned(),
        purpose: purpose.to_owned(),
        content,
        created_at: now,
        subject: None,
        html: None,
        status: DeliveryStatus::Pending.as_str().to_owned(),
        attempts: 0,
        next_attempt_at: now,
        lease_until: None,
        last_attempt_at: None,
        last_error: None,
        sent_at: None,
    }
}

/// Queues a text message (an SMS) for the delivery worker.
pub fn enqueue(
    conn: &mut DbConnection,
    channel: &str,
    recipient: &str,
    purpose: &str,
    content: String,
    now: i64,
) -> Result<OutboxRow, Failure> {
    let row = row(channel, recipient, purpose, content, now);
    outbox::insert(conn, &row)?;
    Ok(row)
}

/// Renders `notice` in `lang` and queues it as an e-mail to `to`.
pub fn enqueue_mail(
    conn: &mut DbConnection,
    to: &str,
    purpose: &str,
    notice: MailNotice,
    lang: Language,
    ctx: &impl Serialize,
    now: i64,
) -> Result<OutboxRow, Failure> {
    let r = mail::render(notice, lang, ctx).map_err(Failure::internal)?;
    let mut row = row(outbox::EMAIL, to, purpose, r.text, now);
    row.subject = Some(r.subject);
    row.html = Some(r.html);
    outbox::insert(conn, &row)?;
    Ok(row)
}

/// Mails `notice` to every active user of `partner_id` with `role` and an e-mail address, each
/// in the user's language; returns how many were queued.
pub fn mail_role(
    conn: &mut DbConnection,
    partner_id: &str,
    role: Role,
    purpose: &str,
    notice: MailNotice,
    ctx: &impl Serialize,
    now: i64,
) -> Result<usize, Failure> {
    let mut n = 0;
    for u in people::of_partner(conn, partner_id)? {
        let to = u.email.as_deref().filter(|e| !e.is_empty());
        let Some(to) = to.filter(|_| u.active && Roles::from_stored(&u.roles).contains(role))
        else {
            continue;
        };
        let lang = Language::from_stored(&u.language);
        enqueue_mail(conn, to, purpose, notice, lang, ctx, now)?;
        n += 1;
    }
    Ok(n)
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
