//! Request bodies and parameters of webhooks.

use crate::service::delivery::webhooks::Spec;
use crate::wire::codes::EventTypeCode;
use crate::wire::{List, WebhookUrl};
use serde::Deserialize;
use utoipa::ToSchema;

crate::text_type!(/// A webhook's id.
    WebhookId, 1..=domain::limits::ID, "3a4b5c6d7e8f90a1b2c3d4e5f6a7b8c9");
crate::text_type!(/// A delivery's id.
    DeliveryId, 1..=domain::limits::ID, "9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a49");
crate::text_type!(/// What the webhook is for.
    WebhookDescription, 1..=256, "ERP order sync", free);

/// A webhook's settings; `PUT` replaces them all.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WebhookBody {
    pub url: WebhookUrl,
    /// The event types sent to it (1 to 19, repeats ignored).
    #[schema(value_type = Vec<EventTypeCode>, min_items = 1, max_items = 19)]
    pub event_types: List<EventTypeCode, 1, 19>,
    pub description: Option<WebhookDescription>,
    /// Default `true`.
    #[schema(example = true)]
    pub enabled: Option<bool>,
}

impl WebhookBody {
    pub fn into_spec(self) -> Spec {
        Spec {
            url: self.url.into_inner(),
            event_types: self.event_types.iter().map(|t| t.get()).collect(),
            description: self.description.map(WebhookDescription::into_inner),
            enabled: self.enabled.unwrap_or(true),
        }
    }
}
