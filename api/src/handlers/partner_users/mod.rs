//! A partner's admin manages its own users (#20): `/v2/partners/users…`. Another partner's
//! user answers like a missing one; the partner's last active admin cannot be removed.

pub mod create;
pub mod deactivate;
pub mod input;
pub mod json;
pub mod list;
pub mod reactivate;
pub mod show;
pub mod update;
