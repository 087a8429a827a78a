//! Events, webhooks and webhook deliveries (#21).

pub mod deliveries;
pub mod events;
pub mod webhooks;
