//! The delivery worker's transactions: lease due deliveries with what sending them needs, and
//! record what an attempt came to (retry with backoff, give up, disable a failing webhook).
//! Sending happens between the two, outside any transaction.

use super::events::{self, Event};
use crate::mail::Notice as MailNotice;
use crate::service::channel::outbox::mail_role;
use crate::service::Outcome;
use domain::identity::Role;
use domain::webhooks::{next_attempt, should_disable};
use persistence::repo::delivery::deliveries::{
    self, Outcome as Recorded, FAILED, PENDING, SUCCEEDED,
};
use persistence::repo::delivery::webhooks;
use persistence::repo::outbox;
use persistence::DbConnection;

/// One leased delivery, ready to send.
#[derive(Debug, Clone)]
pub struct Job {
    pub delivery_id: String,
    pub webhook_id: String,
    pub url: String,
    pub sealed_secret: String,
    /// Attempts so far, this one included.
    pub attempts: i32,
    pub event: Event,
}

/// What one attempt came to.
#[derive(Debug, Clone)]
pub enum Attempt {
    /// The endpoint answered with this status and body excerpt.
    Answered { status: u16, excerpt: String },
    /// No answer: refused address, connection error, timeout.
    Failed { error: String },
}

impl Attempt {
    pub fn succeeded(&self) -> bool {
        matches!(self, Attempt::Answered { status, .. } if (200..300).contains(status))
    }
}

/// Leases up to `limit` due deliveries for `lease_secs`. Deliveries of a webhook disabled
/// meanwhile are given up here.
pub fn claim(conn: &mut DbConnection, now: i64, lease_secs: i64, limit: i64) -> Outcome<Vec<Job>> {
    let mut jobs = Vec::new();
    for d in deliveries::claim_due(conn, now, now + lease_secs, limit)? {
        let hook = match webhooks::find_any(conn, &d.webhook_id)? {
            Some(h) if h.enabled => h,
            _ => {
                let gave_up = Recorded {
                    status: FAILED.to_owned(),
                    next_attempt_at: now,
                    lease_until: None,
                    last_attempt_at: d.last_attempt_at,
                    last_status_code: d.last_status_code,
                    last_error: Some("webhook disabled".to_owned()),
                    last_response: d.last_response,
                };
                deliveries::record(conn, &d.id, &gave_up)?;
                continue;
            }
        };
        jobs.push(Job {
            event: events::find(conn, &d.event_id)?,
            delivery_id: d.id,
            webhook_id: hook.id,
            url: hook.url,
            sealed_secret: hook.sealed_secret,
            attempts: d.attempts,
        });
    }
    Ok(jobs)
}

/// Records an attempt: success ends the delivery; a failure schedules the next attempt (with
/// `jitter` in `[0, 1)`) or gives up, and a webhook failing for a day is disabled. Returns
/// whether the webhook was disabled now.
pub fn finish(
    conn: &mut DbConnection,
    job: &Job,
    attempt: &Attempt,
    now: i64,
    jitter: f64,
) -> Outcome<bool> {
    let ok = attempt.succeeded();
    let next = if ok {
        None
    } else {
        next_attempt(job.attempts, now, jitter)
    };
    let status = match (ok, next) {
        (true, _) => SUCCEEDED,
        (false, Some(_)) => PENDING,
        (false, None) => FAILED,
    };
    let (code, excerpt, error) = match attempt {
        Attempt::Answered { status, excerpt } => {
            (Some(i32::from(*status)), Some(excerpt.clone()), None)
        }
        Attempt::Failed { error } => (None, None, Some(error.clone())),
    };
    deliveries::record(
        conn,
        &job.delivery_id,
        &Recorded {
            status: status.to_owned(),
            next_attempt_at: next.unwrap_or(now),
            lease_until: None,
            last_attempt_at: Some(now),
            last_status_code: code,
            last_error: error,
            last_response: excerpt,
        },
    )?;
    webhooks::note_outcome(conn, &job.webhook_id, ok, now)?;
    if ok {
        return Ok(false);
    }
    let hook = webhooks::find_any(conn, &job.webhook_id)?;
    match hook {
        Some(h) if h.enabled && should_disable(h.failing_since, now) => {
            webhooks::disable(conn, &h.id, now)?;
            tell_admins(conn, &h.id, &h.partner_id, &h.url, now)?;
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// The partner's admins hear that its webhook was disabled (in the transaction that disables
/// it). The address is shown without credentials, query or fragment, which may hold a token.
fn tell_admins(
    conn: &mut DbConnection,
    webhook_id: &str,
    partner_id: &str,
    url: &str,
    now: i64,
) -> Outcome<()> {
    let shown = match url::Url::parse(url) {
        Ok(mut u) => {
            let _ = u.set_username("");
            let _ = u.set_password(None);
            u.set_query(None);
            u.set_fragment(None);
            u.to_string()
        }
        Err(_) => String::new(),
    };
    let ctx = serde_json::json!({
        "webhook_id": webhook_id,
        "url": shown,
        "webhook_link": crate::mail::link(&format!("/v2/partners/webhooks/{webhook_id}")),
    });
    mail_role(
        conn,
        partner_id,
        Role::Admin,
        outbox::WEBHOOK_DISABLED,
        MailNotice::WebhookDisabled,
        &ctx,
        now,
    )?;
    Ok(())
}
