//! The feed's query.

use crate::wire::codes::EventTypeCode;
use crate::wire::Int;
use serde::Deserialize;
use utoipa::IntoParams;

crate::text_type!(/// An event's id.
    EventId, 1..=domain::limits::ID, "evt_0f1e2d3c4b5a69788796a5b4c3d2e1f0");

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventsQuery {
    /// The last event already read: the page starts after it. Absent: from the first event.
    pub after: Option<EventId>,
    /// Only these types (repeat the key for several); absent: every type.
    #[param(max_items = 19)]
    pub types: Option<Vec<EventTypeCode>>,
    /// Events per page, 1–100 (default 20).
    #[param(value_type = Option<i64>, minimum = 1, maximum = 100, example = 20)]
    pub limit: Option<Int<1, { domain::events::MAX_PAGE }>>,
}
