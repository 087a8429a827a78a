//! Read models of webhooks and deliveries, as the handlers show them.

use persistence::repo::delivery::deliveries::{DeliveryRow, PENDING};
use persistence::repo::delivery::webhooks::WebhookRow;

#[derive(Debug, Clone)]
pub struct Webhook {
    pub id: String,
    pub url: String,
    pub event_types: Vec<String>,
    pub description: Option<String>,
    pub enabled: bool,
    pub failing_since: Option<i64>,
    pub disabled_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

impl From<WebhookRow> for Webhook {
    fn from(w: WebhookRow) -> Self {
        Webhook {
            event_types: w.types().map(str::to_owned).collect(),
            id: w.id,
            url: w.url,
            description: w.description,
            enabled: w.enabled,
            failing_since: w.failing_since,
            disabled_at: w.disabled_at,
            created_at: w.created_at,
            updated_at: w.updated_at,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Delivery {
    pub id: String,
    pub event_id: String,
    pub status: String,
    pub attempts: i32,
    /// When the next attempt is due, for pending ones.
    pub next_attempt_at: Option<i64>,
    pub last_attempt_at: Option<i64>,
    pub last_status_code: Option<i32>,
    pub last_error: Option<String>,
    pub last_response: Option<String>,
    pub created_at: i64,
}

impl From<DeliveryRow> for Delivery {
    fn from(d: DeliveryRow) -> Self {
        Delivery {
            next_attempt_at: (d.status == PENDING).then_some(d.next_attempt_at),
            id: d.id,
            event_id: d.event_id,
            status: d.status,
            attempts: d.attempts,
            last_attempt_at: d.last_attempt_at,
            last_status_code: d.last_status_code,
            last_error: d.last_error,
            last_response: d.last_response,
            created_at: d.created_at,
        }
    }
}
