//! Relationships end (#20): a distributor unbinds a reseller, a partner disassociates a
//! customer. Both are refused with every blocker (`error_details`) while the other side still
//! holds what the partner can take back.

pub mod disassociate;
pub mod unbind;

use serde::Deserialize;
use utoipa::ToSchema;

crate::text_type!(
    /// Why the relationship ends (kept with its record and in the audit log).
    EndReason, 1..=domain::limits::REASON, "The reseller agreement ended", free);

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LinkEnd {
    pub reason: EndReason,
}
