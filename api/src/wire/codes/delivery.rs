//! Events and webhooks (#21).

use crate::wire::Code;

codes! {
    EventTypeCode = Code<domain::events::EventType>;
}
