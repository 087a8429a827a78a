//! A partner's webhooks (#21): `/v2/partners/webhooks…`, managed by the partner's admins.
//! Another partner's webhook or delivery answers like a missing one.

pub mod create;
pub mod delete;
pub mod deliveries;
pub mod input;
pub mod json;
pub mod list;
pub mod redeliver;
pub mod rotate_secret;
pub mod show;
pub mod update;
