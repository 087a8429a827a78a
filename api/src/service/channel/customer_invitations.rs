//! S11, partner side: invite an existing customer, list invitations by status, re-send.

use super::outbox::enqueue;
use super::scope::{acting_partner, partner_type};
use crate::service::not_found;
use crate::service::Failure;
use crate::wire;
use domain::association::{self, AssociationStatus, AssociationType, FailureReason};
use domain::identity::PartnerType;
use domain::{codes, Violation};
use persistence::repo::customer_invitations::{self as repo, CustomerInvitationRow, ListFilter};
use persistence::repo::customers::{self, CustomerRow};
use persistence::repo::outbox::{self, OutboxRow};
use persistence::repo::partners::{self, PartnerRow};
use persistence::repo::sub_customers;
use persistence::{ids, DbConnection, StoreError};
use std::collections::HashMap;

pub enum Invitee {
    AccountName(String),
    Email(String),
}

pub struct NewCustomerInvitation {
    pub caller_partner_id: String,
    pub indirect_partner_id: Option<String>,
    pub invited_by: String,
    pub invitee: Invitee,
    pub association_type: AssociationType,
    pub remark: Option<String>,
}

/// The invitation and, if the customer has an e-mail address, the message carrying its code.
pub struct Issued {
    pub row: CustomerInvitationRow,
    pub email: Option<OutboxRow>,
}

fn find_customer(conn: &mut DbConnection, who: &Invitee) -> Result<CustomerRow, Failure> {
    let missing = |field: &str| {
        Failure::Refused(Violation::new(
            codes::ACCOUNT_NOT_FOUND,
            format!("no customer account has this {field}"),
        ))
    };
    match who {
        Invitee::AccountName(n) => {
            customers::find_by_domain_name(conn, n)?.ok_or_else(|| missing("account_name"))
        }
        Invitee::Email(e) => {
            let mut found = sub_customers::by_email(conn, e, 2)?;
            if found.len() > 1 {
                return Err(Failure::Refused(Violation::param(
                    "email matches more than one customer; invite by account_name instead",
                )));
            }
            found.pop().ok_or_else(|| missing("email"))
        }
    }
}

pub fn invite(
    conn: &mut DbConnection,
    n: &NewCustomerInvitation,
    now: i64,
) -> Result<Issued, Failure> {
    let partner = acting_partner(conn, &n.caller_partner_id, n.indirect_partner_id.as_deref())?;
    let customer = find_customer(conn, &n.invitee)?;
    if customer.partner_id.as_deref() == Some(partner.id.as_str()) {
        return Err(Failure::Refused(Violation::new(
            codes::CUSTOMER_ALREADY_YOURS,
            "the customer is already associated with you",
        )));
    }
    repo::expire_stale(conn, &partner.id, &customer.id, now)?;
    let row = CustomerInvitationRow {
        id: ids::new_id(),
        partner_id: partner.id.clone(),
        customer_id: customer.id.clone(),
        invitee: match &n.invitee {
            Invitee::AccountName(s) | Invitee::Email(s) => s.clone(),
        },
        association_type: n.association_type.as_str().to_owned(),
        code: ids::new_id(),
        previous_code: None,
        code_used_at: None,
        status: AssociationStatus::Pending.as_str().to_owned(),
        failure_reason: None,
        failed_at: None,
        remark: n.remark.clone(),
        invited_by: n.invited_by.clone(),
        created_at: now,
        sent_at: now,
        expire_at: now + association::TTL_SECS,
        associated_at: None,
        resend_count: 0,
    };
    if let Err(e) = repo::insert(conn, &row) {
        return Err(match e {
            StoreError::Duplicate(_) => pending_exists(),
            other => other.into(),
        });
    }
    let email = mail(conn, &partner, &customer, &row, now)?;
    Ok(Issued { row, email })
}

fn pending_exists() -> Failure {
    Failure::Refused(Violation::new(
        codes::CUSTOMER_INVITATION_PENDING,
        "a pending invitation from you to this customer already exists",
    ))
}

/// Queues the invitation e-mail when the customer has an address.
fn mail(
    conn: &mut DbConnection,
    partner: &PartnerRow,
    customer: &CustomerRow,
    inv: &CustomerInvitationRow,
    now: i64,
) -> Result<Option<OutboxRow>, Failure> {
    let Some(to) = customer.email.as_deref().filter(|e| !e.is_empty()) else {
        return Ok(None);
    };
    let mode = match inv.association_type.as_str() {
        "1" => "referral",
        _ => "resale",
    };
    let text = format!(
        "{} invites your account {} to associate with it ({mode}). Invitation code: {} (valid until {}). Accept it with POST /v2/customers/invitations/{}/accept.",
        partner.name,
        customer.domain_name,
        inv.code,
        wire::utc(inv.expire_at),
        inv.code,
    );
    enqueue(
        conn,
        outbox::EMAIL,
        to,
        outbox::CUSTOMER_INVITATION,
        text,
        now,
    )
    .map(Some)
}

/// The invitation if the caller's partner, or a reseller of the calling distributor, sent it.
fn visible(
    conn: &mut DbConnection,
    caller_partner_id: &str,
    id: &str,
) -> Result<CustomerInvitationRow, Failure> {
    let inv = repo::find(conn, id)?.ok_or_else(|| not_found("invitation"))?;
    if inv.partner_id == caller_partner_id {
        return Ok(inv);
    }
    let me = partners::find(conn, caller_partner_id)?;
    let sender = partners::find(conn, &inv.partner_id)?;
    let mine = match (me, sender) {
        (Some(me), Some(s)) => {
            partner_type(&me)? == PartnerType::Distributor
                && s.parent_id.as_deref() == Some(me.id.as_str())
        }
        _ => false,
    };
    if mine {
        Ok(inv)
    } else {
        Err(not_found("invitation"))
    }
}

/// A fresh code and expiry for an invitation that is not associated; the old code stops working.
pub fn resend(
    conn: &mut DbConnection,
    caller_partner_id: &str,
    invitation_id: &str,
    now: i64,
) -> Result<Issued, Failure> {
    let inv = visible(conn, caller_partner_id, invitation_id)?;
    let associated = || {
        Failure::Refused(Violation::new(
            codes::CUSTOMER_INVITATION_ASSOCIATED,
            "the invitation has already led to an association",
        ))
    };
    if inv.status == AssociationStatus::Associated.as_str() {
        return Err(associated());
    }
    let code = ids::new_id();
    let expire_at = now + association::TTL_SECS;
    match repo::resend(conn, &inv, &code, expire_at, now) {
        Ok(true) => {}
        Ok(false) => return Err(associated()),
        Err(StoreError::Duplicate(_)) => return Err(pending_exists()),
        Err(e) => return Err(Failure::from(e)),
    }
    let row = repo::find(conn, &inv.id)?.ok_or_else(|| not_found("invitation"))?;
    let partner = partners::find(conn, &row.partner_id)?.ok_or_else(|| not_found("partner"))?;
    let customer = customers::find(conn, &row.customer_id)?.ok_or_else(|| not_found("customer"))?;
    let email = mail(conn, &partner, &customer, &row, now)?;
    Ok(Issued { row, email })
}

pub struct Listed {
    pub total: i64,
    pub rows: Vec<CustomerInvitationRow>,
    pub customers: HashMap<String, CustomerRow>,
    pub partners: HashMap<String, PartnerRow>,
}

/// Invitations of the acting partner (`filter.side` is replaced by it), or of a customer.
pub fn list(conn: &mut DbConnection, f: &ListFilter<'_>) -> Result<Listed, Failure> {
    let (total, rows) = repo::list(conn, f)?;
    let ids = |pick: fn(&CustomerInvitationRow) -> &String| {
        let mut v: Vec<String> = rows.iter().map(|r| pick(r).clone()).collect();
        v.sort();
        v.dedup();
        v
    };
    let customers = sub_customers::by_ids(conn, &ids(|r| &r.customer_id))?;
    let partners = persistence::repo::channel::partners_by_id(conn, &ids(|r| &r.partner_id))?;
    Ok(Listed {
        total,
        rows,
        customers,
        partners,
    })
}

/// The status and failure reason an invitation shows at `now`: one past its expiry reads as
/// EXPIRED with LINK_EXPIRED even before anyone tried it.
pub fn shown(
    row: &CustomerInvitationRow,
    now: i64,
) -> Result<(AssociationStatus, Option<FailureReason>), Failure> {
    let stored = AssociationStatus::parse(&row.status)
        .map_err(|_| StoreError::Internal("stored association status is unknown".into()))?;
    let status = stored.effective(row.expire_at, now);
    let reason = match status {
        AssociationStatus::Expired => Some(FailureReason::LinkExpired),
        _ => row
            .failure_reason
            .as_deref()
            .and_then(FailureReason::from_stored),
    };
    Ok((status, reason))
}
