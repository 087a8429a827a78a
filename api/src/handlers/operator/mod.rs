//! The operator set-up API (OPERATOR-API.md). Every handler requires the operator identity.

pub mod capability_labels;
pub mod clock;
pub mod coupon_quotas;
pub mod coupons;
pub mod customers;
pub mod development_paths;
pub mod directory;
pub mod incentives;
pub mod money;
pub mod orders;
pub mod outbox;
pub mod partner_programs;
pub mod partners;
pub mod payouts;
pub mod pce;
pub mod pce_config;
pub mod personnel;
pub mod po_reviews;
pub mod po_settings;
pub mod reviews;
pub mod sub_customers;
pub mod test_coupon_queue;
pub mod test_coupons;
pub mod users;

use crate::ApiError;

/// Path ids are opaque; an absurdly long one cannot exist.
pub(crate) fn path_id(id: &str) -> Result<&str, ApiError> {
    if id.is_empty() || id.len() > 64 {
        return Err(ApiError::from(domain::Violation::new(
            domain::codes::NOT_FOUND,
            "the requested object does not exist",
        )));
    }
    Ok(id)
}
