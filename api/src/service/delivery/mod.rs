//! Events, webhooks and their deliveries (#21).

pub mod deliveries;
pub mod events;
pub mod outbox;
pub mod views;
pub mod webhooks;
pub mod worker;
