//! A partner's webhooks: the signing secret is made here, sealed with the master key for the
//! worker, and shown to the partner once (on creation and on rotation).

use super::views::Webhook;
use crate::auth::Vault;
use crate::service::{not_found, Failure, Outcome};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use domain::events::EventType;
use domain::webhooks::MAX_PER_PARTNER;
use persistence::repo::delivery::webhooks::{self as repo, Changes, WebhookRow};
use persistence::{ids, DbConnection};

/// A webhook as written by its partner.
#[derive(Debug, Clone)]
pub struct Spec {
    pub url: String,
    pub event_types: Vec<EventType>,
    pub description: Option<String>,
    pub enabled: bool,
}

fn stored_types(types: &[EventType]) -> String {
    let mut names: Vec<&str> = types.iter().map(|t| t.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    names.join(",")
}

/// `whsec_` and 32 random bytes in base64, as Standard Webhooks writes secrets.
fn new_secret() -> String {
    let bytes: [u8; 32] = rand::random();
    format!("whsec_{}", B64.encode(bytes))
}

fn seal(vault: &Vault, secret: &str) -> Outcome<String> {
    vault.seal(secret).map_err(Failure::internal)
}

/// Creates a webhook; returns it with its secret in clear (the only time it is shown).
pub fn create(
    conn: &mut DbConnection,
    vault: &Vault,
    partner_id: &str,
    spec: &Spec,
    now: i64,
) -> Outcome<(Webhook, String)> {
    if repo::count(conn, partner_id)? >= MAX_PER_PARTNER {
        return Err(Failure::rule(
            domain::codes::WEBHOOK_LIMIT,
            format!("a partner may hold at most {MAX_PER_PARTNER} webhooks"),
        ));
    }
    let secret = new_secret();
    let row = WebhookRow {
        seq: None,
        id: ids::new_id(),
        partner_id: partner_id.to_owned(),
        url: spec.url.clone(),
        event_types: stored_types(&spec.event_types),
        description: spec.description.clone(),
        enabled: spec.enabled,
        sealed_secret: seal(vault, &secret)?,
        failing_since: None,
        disabled_at: None,
        created_at: now,
        updated_at: now,
    };
    repo::insert(conn, &row)?;
    Ok((Webhook::from(row), secret))
}

pub fn list(conn: &mut DbConnection, partner_id: &str) -> Outcome<Vec<Webhook>> {
    Ok(repo::list(conn, partner_id)?
        .into_iter()
        .map(Webhook::from)
        .collect())
}

/// The partner's webhook; another's answers like a missing one.
pub(super) fn owned(conn: &mut DbConnection, partner_id: &str, id: &str) -> Outcome<WebhookRow> {
    repo::find(conn, partner_id, id).map_err(|_| not_found("webhook"))
}

pub fn show(conn: &mut DbConnection, partner_id: &str, id: &str) -> Outcome<Webhook> {
    owned(conn, partner_id, id).map(Webhook::from)
}

/// Replaces the webhook's settings; enabling it again clears its failure record.
pub fn update(
    conn: &mut DbConnection,
    partner_id: &str,
    id: &str,
    spec: &Spec,
    now: i64,
) -> Outcome<Webhook> {
    let old = owned(conn, partner_id, id)?;
    let reenabled = spec.enabled && !old.enabled;
    let changes = Changes {
        url: spec.url.clone(),
        event_types: stored_types(&spec.event_types),
        description: spec.description.clone(),
        enabled: spec.enabled,
        failing_since: if reenabled { None } else { old.failing_since },
        disabled_at: if spec.enabled { None } else { old.disabled_at },
        updated_at: now,
    };
    repo::update(conn, id, &changes)?;
    show(conn, partner_id, id)
}

pub fn delete(conn: &mut DbConnection, partner_id: &str, id: &str) -> Outcome<()> {
    owned(conn, partner_id, id)?;
    Ok(repo::delete(conn, id)?)
}

/// A new secret replaces the old at once; returns it in clear.
pub fn rotate_secret(
    conn: &mut DbConnection,
    vault: &Vault,
    partner_id: &str,
    id: &str,
    now: i64,
) -> Outcome<(Webhook, String)> {
    owned(conn, partner_id, id)?;
    let secret = new_secret();
    repo::set_secret(conn, id, &seal(vault, &secret)?, now)?;
    Ok((show(conn, partner_id, id)?, secret))
}
