//! Webhooks and deliveries as their partner sees them; the secret only when just made.

use crate::service::delivery::views::{Delivery as DeliveryView, Webhook as WebhookView};
use crate::wire;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct Webhook {
    #[schema(example = "3a4b5c6d7e8f90a1b2c3d4e5f6a7b8c9")]
    webhook_id: String,
    #[schema(example = "https://erp.example.com/hooks/bss")]
    url: String,
    #[schema(value_type = Vec<wire::codes::EventTypeCode>)]
    event_types: Vec<String>,
    description: Option<String>,
    enabled: bool,
    /// When deliveries started failing (cleared by a success), UTC.
    failing_since: Option<String>,
    /// When it was disabled after failing for a day, UTC.
    disabled_at: Option<String>,
    created_at: String,
    updated_at: String,
}

impl From<&WebhookView> for Webhook {
    fn from(w: &WebhookView) -> Self {
        Webhook {
            webhook_id: w.id.clone(),
            url: w.url.clone(),
            event_types: w.event_types.clone(),
            description: w.description.clone(),
            enabled: w.enabled,
            failing_since: w.failing_since.map(wire::utc),
            disabled_at: w.disabled_at.map(wire::utc),
            created_at: wire::utc(w.created_at),
            updated_at: wire::utc(w.updated_at),
        }
    }
}

/// A webhook with its signing secret, shown this once.
#[derive(Serialize, ToSchema)]
pub struct WebhookWithSecret {
    #[serde(flatten)]
    webhook: Webhook,
    /// `whsec_` and base64: the key of the HMAC-SHA256 in `webhook-signature` (Standard
    /// Webhooks). Shown only now.
    #[schema(example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]
    secret: String,
}

impl WebhookWithSecret {
    pub fn of(w: &WebhookView, secret: String) -> Self {
        WebhookWithSecret {
            webhook: Webhook::from(w),
            secret,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct WebhookList {
    webhooks: Vec<Webhook>,
}

impl WebhookList {
    pub fn of(rows: &[WebhookView]) -> Self {
        WebhookList {
            webhooks: rows.iter().map(Webhook::from).collect(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Delivery {
    #[schema(example = "9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a49")]
    delivery_id: String,
    /// Also the `webhook-id` header of every attempt.
    #[schema(example = "evt_0f1e2d3c4b5a69788796a5b4c3d2e1f0")]
    event_id: String,
    /// `PENDING`, `SUCCEEDED` or `FAILED` (given up after the last retry).
    #[schema(example = "SUCCEEDED")]
    status: String,
    attempts: i32,
    /// When the next attempt is due (pending ones), UTC.
    next_attempt_at: Option<String>,
    last_attempt_at: Option<String>,
    /// The HTTP status of the last answer.
    last_status_code: Option<i32>,
    /// Why the last attempt failed without an answer (timeout, refused address…).
    last_error: Option<String>,
    /// The first bytes of the last answer's body.
    last_response: Option<String>,
    created_at: String,
}

impl From<&DeliveryView> for Delivery {
    fn from(d: &DeliveryView) -> Self {
        Delivery {
            delivery_id: d.id.clone(),
            event_id: d.event_id.clone(),
            status: d.status.clone(),
            attempts: d.attempts,
            next_attempt_at: d.next_attempt_at.map(wire::utc),
            last_attempt_at: d.last_attempt_at.map(wire::utc),
            last_status_code: d.last_status_code,
            last_error: d.last_error.clone(),
            last_response: d.last_response.clone(),
            created_at: wire::utc(d.created_at),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct DeliveryPage {
    total_count: i64,
    /// Newest first.
    deliveries: Vec<Delivery>,
}

impl DeliveryPage {
    pub fn of(total: i64, rows: &[DeliveryView]) -> Self {
        DeliveryPage {
            total_count: total,
            deliveries: rows.iter().map(Delivery::from).collect(),
        }
    }
}
