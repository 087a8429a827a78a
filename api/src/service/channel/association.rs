//! S11, customer side: accepting an invitation decides the association. Every failed attempt
//! that can be tied to one of the customer's invitations is stored on it (reason, time), so the
//! partner sees why and what to do; the customer gets the reason's own error code.

use crate::service::delivery::events::emit;
use crate::service::Failure;
use domain::association::{
    addressed_to, check_code, violations, AssociationStatus, AssociationType, CustomerFacts,
    FailureReason, Presenter,
};
use domain::events::EventType;
use persistence::repo::customer_invitations::{self as repo, CustomerInvitationRow};
use persistence::repo::customers::CustomerRow;
use persistence::repo::query::limit_lock_wait;
use persistence::repo::{accounts, customers};
use persistence::{DbConnection, StoreError};

/// An acceptance that waits longer than this for a lock gives up with SYSTEM_BUSY.
const LOCK_WAIT_MS: u32 = 2_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Associated,
    Refused(FailureReason),
}

fn presenter(c: &CustomerRow) -> Presenter<'_> {
    Presenter {
        customer_id: &c.id,
        account_name: &c.domain_name,
        email: c.email.as_deref(),
    }
}

/// Whether `inv` is addressed to the customer `me`.
fn for_me(me: &CustomerRow) -> impl Fn(&CustomerInvitationRow) -> bool + '_ {
    move |i| addressed_to(i.customer_id.as_deref(), &i.invitee, &presenter(me))
}

/// Decides the invitation whose code `customer_id` presents. Failures are returned as
/// `Ok(Refused)` so that their record commits.
pub fn accept(
    conn: &mut DbConnection,
    customer_id: &str,
    code: &str,
    now: i64,
) -> Result<Outcome, Failure> {
    limit_lock_wait(conn, LOCK_WAIT_MS)?;
    let me = customers::find(conn, customer_id)?
        .ok_or_else(|| StoreError::Internal("the calling customer vanished".into()))?;
    if let Some(inv) = repo::find_by_code(conn, code)?.filter(for_me(&me)) {
        return decide(conn, &inv, &me, now);
    }
    // A link a re-send replaced: tell the partner the customer tried an outdated one.
    if let Some(inv) = repo::find_by_previous_code(conn, code)?.filter(for_me(&me)) {
        let reason = FailureReason::LinkNotFound;
        record_failure(conn, &inv, AssociationStatus::Failed, reason, false, now)?;
    }
    crate::audit::refused();
    Ok(Outcome::Refused(FailureReason::LinkNotFound))
}

/// Whether the invitation's code can still be used; a refusal is recorded on the invitation.
pub(crate) fn code_usable(
    conn: &mut DbConnection,
    inv: &CustomerInvitationRow,
    now: i64,
) -> Result<Option<FailureReason>, Failure> {
    let stored = AssociationStatus::parse(&inv.status)
        .map_err(|_| StoreError::Internal("stored association status is unknown".into()))?;
    match check_code(stored, inv.code_used_at.is_some(), inv.expire_at, now) {
        Ok(()) => Ok(None),
        Err(r) => {
            if let Some(status) = r.record {
                record_failure(conn, inv, status, r.reason, false, now)?;
            }
            Ok(Some(r.reason))
        }
    }
}

fn refuse(
    conn: &mut DbConnection,
    inv: &CustomerInvitationRow,
    status: AssociationStatus,
    reason: FailureReason,
    consume: bool,
    now: i64,
) -> Result<Outcome, Failure> {
    record_failure(conn, inv, status, reason, consume, now)?;
    crate::audit::refused();
    Ok(Outcome::Refused(reason))
}

fn decide(
    conn: &mut DbConnection,
    inv: &CustomerInvitationRow,
    customer: &CustomerRow,
    now: i64,
) -> Result<Outcome, Failure> {
    use AssociationStatus::Failed;
    if let Some(reason) = code_usable(conn, inv, now)? {
        crate::audit::refused();
        return Ok(Outcome::Refused(reason));
    }
    let kind = AssociationType::parse("association_type", &inv.association_type)
        .map_err(|_| StoreError::Internal("stored association type is unknown".into()))?;
    let facts = CustomerFacts {
        has_credit_account: customer.has_credit_account,
        is_partner: customer.is_partner,
        special_contract: customer.special_contract,
        partner_id: customer.partner_id.as_deref(),
    };
    if let Some(reason) = violations(&facts, kind).into_iter().next() {
        return refuse(conn, inv, Failed, reason, true, now);
    }
    if !customers::associate(conn, &customer.id, &inv.partner_id, kind.as_str(), now)? {
        // Someone associated the customer meanwhile: this very invitation (a double submit)
        // or another partner's.
        let now_with = customers::find(conn, &customer.id)?.and_then(|c| c.partner_id);
        if now_with.as_deref() == Some(inv.partner_id.as_str()) {
            crate::audit::refused();
            return Ok(Outcome::Refused(FailureReason::CodeUsed));
        }
        return refuse(
            conn,
            inv,
            Failed,
            FailureReason::BoundToOtherPartner,
            true,
            now,
        );
    }
    if !repo::record_associated(conn, &inv.id, &customer.id, now)? {
        return Err(StoreError::Retryable.into());
    }
    emit(
        conn,
        &inv.partner_id,
        EventType::CustomerInvitationAssociated,
        &[("invitation_id", &inv.id), ("customer_id", &customer.id)],
        now,
    )?;
    accounts::ensure(conn, accounts::CUSTOMER, &customer.id, accounts::CASH, now)?;
    Ok(Outcome::Associated)
}

/// Records a failed attempt on the invitation and tells its partner
/// (`customer_invitation.failed` with the S11 reason).
fn record_failure(
    conn: &mut DbConnection,
    inv: &CustomerInvitationRow,
    status: AssociationStatus,
    reason: FailureReason,
    consume: bool,
    now: i64,
) -> Result<(), Failure> {
    repo::record_failure(conn, &inv.id, status, reason, consume, now)?;
    let mut subjects = vec![
        ("invitation_id", inv.id.as_str()),
        ("reason", reason.as_str()),
    ];
    if let Some(c) = &inv.customer_id {
        subjects.push(("customer_id", c.as_str()));
    }
    emit(
        conn,
        &inv.partner_id,
        EventType::CustomerInvitationFailed,
        &subjects,
        now,
    )?;
    Ok(())
}

/// After the acceptance itself failed for want of resources: SYSTEM_BUSY on the invitation,
/// whose code stays usable for a retry.
pub fn record_busy(
    conn: &mut DbConnection,
    customer_id: &str,
    code: &str,
    now: i64,
) -> Result<(), Failure> {
    let Some(me) = customers::find(conn, customer_id)? else {
        return Ok(());
    };
    let inv =
        repo::find_by_code(conn, code)?.filter(|i| for_me(&me)(i) && i.code_used_at.is_none());
    if let Some(inv) = inv {
        let reason = FailureReason::SystemBusy;
        record_failure(conn, &inv, AssociationStatus::Failed, reason, false, now)?;
    }
    Ok(())
}
