//! The channel network and partners' customers: Huawei's real operations (ListIndirectPartners,
//! ListSubCustomers, CreateSubCustomer, CheckUserIdentity, SendVerificationMessageCode) and our
//! endpoints for S1 (account managers), S3 (reseller invitations) and S11 (customer invitations).

pub mod account_managers;
pub mod customer_association;
pub mod customer_invitations;
pub mod customer_registration;
pub mod identity;
pub mod identity_fields;
pub mod indirect_partners;
pub mod link_end;
pub mod reseller_invitation_answers;
pub mod reseller_invitations;
pub mod sub_customer_list;
pub mod sub_customers;
pub mod verification;

use crate::auth::{Caller, PartnerUser};
use crate::{wire, ApiError};
use domain::identity::{PartnerType, Role};
use domain::Violation;

/// Roles that work with customers and resellers day to day (admins hold every role).
pub(crate) const SALES: &[Role] = &[Role::AccountManager, Role::AccountManagerSupervisor];
/// Only admins.
pub(crate) const ADMIN: &[Role] = &[];

/// A user of a distributor holding one of `roles`; anyone else is 403 CBC.0151.
pub(crate) fn distributor<'a>(
    caller: &'a Caller,
    roles: &[Role],
) -> Result<&'a PartnerUser, ApiError> {
    let u = caller.partner_with(roles)?;
    if u.partner_type != PartnerType::Distributor {
        return Err(ApiError::Forbidden);
    }
    Ok(u)
}

/// An optional remark: at most 256 characters without control characters.
pub(crate) fn optional_remark() -> utoipa::openapi::schema::Object {
    use utoipa::openapi::schema::{ObjectBuilder, SchemaType, Type};
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .max_length(Some(256))
        .pattern(Some(r"^[^\x00-\x1F\x7F-\x9F]*$"))
        .examples([serde_json::json!("Met at the partner summit")])
        .build()
}

/// Huawei treats `""` like an absent filter for these fields.
pub(crate) fn non_empty(s: Option<String>) -> Option<String> {
    s.filter(|v| !v.is_empty())
}

/// An optional `…_begin`/`…_end` pair of UTC times; the begin must not be after the end.
pub(crate) fn time_range(
    (begin_name, begin): (&str, Option<&str>),
    (end_name, end): (&str, Option<&str>),
) -> Result<(Option<i64>, Option<i64>), Violation> {
    let from = begin.map(|s| wire::parse_utc(begin_name, s)).transpose()?;
    let to = end.map(|s| wire::parse_utc(end_name, s)).transpose()?;
    // Both well-formed; their order is a rule no schema states.
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return Err(Violation::new(
                domain::codes::TIME_WINDOW_INVALID,
                format!("{begin_name} must not be after {end_name}"),
            ));
        }
    }
    Ok((from, to))
}

/// An id from the path: at most 64 visible characters, else the given "not found" answer.
pub(crate) fn path_id(id: &str, not_found: impl FnOnce() -> Violation) -> Result<String, ApiError> {
    if id.is_empty() || id.len() > 64 || id.chars().any(char::is_control) {
        return Err(not_found().into());
    }
    Ok(id.to_owned())
}
