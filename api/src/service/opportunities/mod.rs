//! Use cases of opportunities: business opportunities with visibility (S13), PO review (S6)
//! and the partner co-expansion plan (S2).

pub mod business;
pub mod pce;
pub mod po;

use crate::auth::PartnerUser;
use crate::ApiError;
use domain::opportunities::visibility::{self, Scope, Viewer};

/// What the partner user sees of the business opportunities (403 without a sales role).
pub fn scope_of(u: &PartnerUser) -> Result<Scope, ApiError> {
    visibility::scope(&Viewer {
        user_id: &u.user_id,
        partner_id: &u.partner_id,
        partner_type: u.partner_type,
        roles: &u.roles,
    })
    .map_err(|_| ApiError::Forbidden)
}
