//! Events as partners read them, in the feed and in webhook bodies alike.

use crate::service::delivery::events::Event;
use crate::wire;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct EventJson {
    #[schema(example = "evt_0f1e2d3c4b5a69788796a5b4c3d2e1f0")]
    pub id: String,
    /// The event type.
    #[schema(value_type = wire::codes::EventTypeCode)]
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// When it happened, UTC `yyyy-MM-ddTHH:mm:ssZ`.
    pub timestamp: String,
    /// The partner the event is for.
    pub partner_id: String,
    /// The ids involved (`invitation_id`, `order_id`, …) and codes (`status`, `reason`).
    #[schema(value_type = Object, example = json!({"invitation_id": "0f1e2d3c4b5a69788796a5b4c3d2e1f0"}))]
    pub data: serde_json::Map<String, serde_json::Value>,
}

impl From<&Event> for EventJson {
    fn from(e: &Event) -> Self {
        EventJson {
            id: e.id.clone(),
            kind: e.kind.as_str(),
            timestamp: wire::utc(e.created_at),
            partner_id: e.partner_id.clone(),
            data: e.subjects.clone(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct EventPage {
    /// Oldest first.
    pub events: Vec<EventJson>,
    /// Pass as `after` for the next page; the `after` given when the page is empty.
    pub next_after: Option<String>,
}
