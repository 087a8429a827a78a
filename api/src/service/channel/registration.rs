//! #18 item 15: someone who is not yet a customer registers through a customer invitation
//! (`POST /v2/customer-registrations`). The invitation's code authorizes it, once, before the
//! invitation expires; the customer is created and associated with the inviting partner on the
//! spot, and the partner sees the outcome (or why it failed) in its list of invitations.

use super::association::code_usable;
use super::sub_customers::{self, NewSubCustomer};
use crate::service::Failure;
use domain::association::{self, AssociationStatus, AssociationType, FailureReason};
use domain::identity::DomainName;
use domain::Violation;
use persistence::repo::customer_invitations::{self as repo, CustomerInvitationRow};
use persistence::repo::customers::CustomerRow;
use persistence::{DbConnection, StoreError};

/// What the person registering gives besides the invitation code.
pub struct Registration {
    pub domain_name: DomainName,
    pub mobile_phone: Option<String>,
    /// The checked verification code's record, used up with the registration.
    pub verification_id: Option<String>,
    pub password_hash: Option<String>,
    /// If given, it must be the invitation's.
    pub cooperation_type: Option<AssociationType>,
    /// If given, it must be the inviting partner.
    pub indirect_partner_id: Option<String>,
    pub xaccount_id: Option<String>,
    pub xaccount_type: Option<String>,
}

/// The invitation `code` opens, if it can still be used; otherwise why not (recorded on the
/// invitation, so the partner sees it). Returned as `Ok` so that the record commits.
pub fn open(
    conn: &mut DbConnection,
    code: &str,
    now: i64,
) -> Result<Result<CustomerInvitationRow, FailureReason>, Failure> {
    if let Some(inv) = repo::find_by_code(conn, code)? {
        return match code_usable(conn, &inv, now)? {
            None => Ok(Ok(inv)),
            Some(reason) => crate::audit::refusing(reason),
        };
    }
    // A code a re-send replaced: the partner learns the old link was tried.
    if let Some(inv) = repo::find_by_previous_code(conn, code)? {
        let reason = FailureReason::LinkNotFound;
        repo::record_failure(conn, &inv.id, AssociationStatus::Failed, reason, false, now)?;
    }
    crate::audit::refusing(FailureReason::LinkNotFound)
}

pub enum Registered {
    Customer(Box<CustomerRow>),
    Refused(FailureReason),
}

/// Creates the customer and associates it with the inviting partner, using up the code. A
/// refusal of the code itself is `Ok(Refused)` (its record commits); any other refusal rolls
/// everything back and leaves the code usable.
pub fn register(
    conn: &mut DbConnection,
    code: &str,
    r: &Registration,
    now: i64,
) -> Result<Registered, Failure> {
    let inv = match open(conn, code, now)? {
        Ok(inv) => inv,
        Err(reason) => return Ok(Registered::Refused(reason)),
    };
    let kind = AssociationType::parse("association_type", &inv.association_type)
        .map_err(|_| StoreError::Internal("stored association type is unknown".into()))?;
    if r.cooperation_type.is_some_and(|t| t != kind) {
        return Err(Failure::Refused(Violation::param(format!(
            "cooperation_type must be the invitation's association type (\"{}\") or absent",
            kind.as_str()
        ))));
    }
    if r.indirect_partner_id
        .as_deref()
        .is_some_and(|p| p != inv.partner_id)
    {
        return Err(Failure::Refused(Violation::param(
            "indirect_partner_id must name the inviting partner or be absent",
        )));
    }
    let n = NewSubCustomer {
        caller_partner_id: inv.partner_id.clone(),
        indirect_partner_id: None,
        domain_name: r.domain_name.clone(),
        mobile_phone: r.mobile_phone.clone(),
        verification_id: r.verification_id.clone(),
        password_hash: r.password_hash.clone(),
        association_type: kind,
        xaccount_id: r.xaccount_id.clone(),
        xaccount_type: r.xaccount_type.clone(),
        email: association::invitee_is_email(&inv.invitee).then(|| inv.invitee.clone()),
    };
    let customer = sub_customers::create(conn, &n, now)?;
    if !repo::record_associated(conn, &inv.id, &customer.id, now)? {
        // Used by a concurrent registration or acceptance: undo this one.
        return Err(Failure::Refused(FailureReason::CodeUsed.violation()));
    }
    Ok(Registered::Customer(Box::new(customer)))
}
