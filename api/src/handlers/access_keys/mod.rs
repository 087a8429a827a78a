//! Access keys of partner users and customers (#20): list, create, enable/disable, delete and
//! rotate, for the operator (any user or customer), a partner's admin (its own users) and a
//! customer (itself). One action per file; each serves the four callers.

pub mod create;
pub mod delete;
pub mod input;
pub mod json;
pub mod list;
pub mod rotate;
pub mod status;

use crate::auth::Caller;
use crate::service::credentials_life::Named;
use crate::wire::{CustomerId, PartnerId, UserId};
use crate::ApiError;

crate::text_type!(
    /// An access key id (never its secret).
    AccessKeyId, 1..=64, "HPUAXXXXXXXXXXXXXXXX");

/// The operator names a partner's user.
pub(crate) fn operator_user(caller: &Caller, ids: (PartnerId, UserId)) -> Result<Named, ApiError> {
    caller.require_operator()?;
    Ok(Named::PartnerUser {
        partner_id: ids.0.into_inner(),
        user_id: ids.1.into_inner(),
    })
}

/// The operator names a customer.
pub(crate) fn operator_customer(caller: &Caller, id: CustomerId) -> Result<Named, ApiError> {
    caller.require_operator()?;
    Ok(Named::Customer {
        customer_id: id.into_inner(),
    })
}

/// A partner's admin names one of its own users (another partner's user is missing).
pub(crate) fn admin_user(caller: &Caller, user: UserId) -> Result<Named, ApiError> {
    let me = caller.partner_with(&[])?;
    Ok(Named::PartnerUser {
        partner_id: me.partner_id.clone(),
        user_id: user.into_inner(),
    })
}

/// A customer names itself.
pub(crate) fn customer_self(caller: &Caller) -> Result<Named, ApiError> {
    Ok(Named::Customer {
        customer_id: caller.customer()?.customer_id.clone(),
    })
}
