//! The operator changes a partner after creation (#20): update, suspend, reactivate.

pub mod reactivate;
pub mod suspend;
pub mod update;

crate::text_type!(
    /// Why (kept with the partner and in the audit log).
    SuspendReason, 1..=domain::limits::REASON, "Contract breach under review", free);
