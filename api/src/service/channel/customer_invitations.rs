//! S11, partner side: invite a customer (or someone who may become one), list invitations by
//! status, re-send.

use super::outbox::enqueue_mail;
use super::scope::{acting_partner, partner_type};
use crate::mail::Notice as MailNotice;
use crate::service::delivery::events::emit;
use crate::service::not_found;
use crate::service::Failure;
use crate::wire;
use domain::association::{self, AssociationStatus, AssociationType, FailureReason};
use domain::events::EventType;
use domain::identity::PartnerType;
use domain::outbox::Language;
use domain::{codes, Violation};
use persistence::repo::customer_invitations::{self as repo, CustomerInvitationRow, ListFilter};
use persistence::repo::customers::{self, CustomerRow};
use persistence::repo::outbox::{self, OutboxRow};
use persistence::repo::partners::{self, PartnerRow};
use persistence::repo::people;
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

impl Invitee {
    fn text(&self) -> &str {
        match self {
            Invitee::AccountName(s) | Invitee::Email(s) => s,
        }
    }
}

/// The customers the invitee names: one by account name, or every one with the e-mail address.
fn named(conn: &mut DbConnection, who: &Invitee) -> Result<Vec<CustomerRow>, Failure> {
    Ok(match who {
        Invitee::AccountName(n) => customers::find_by_domain_name(conn, n)?
            .into_iter()
            .collect(),
        Invitee::Email(e) => sub_customers::by_email(conn, e, MAX_NAMED)?,
    })
}

/// How many customers with one e-mail address an invitation looks at.
const MAX_NAMED: i64 = 100;

/// Invites whoever the account name or e-mail address names. Whether a customer has it is
/// never told (#18 item 15): every well-formed invitation is issued alike, and the invitation
/// names a customer only when exactly one has it. A person who is not yet a customer registers
/// through it (`POST /v2/customer-registrations`); the partner sees the outcome in its list.
/// Only the partner's own customers are refused (CBC.99100074): it sees them in
/// ListSubCustomers anyway.
pub fn invite(
    conn: &mut DbConnection,
    n: &NewCustomerInvitation,
    now: i64,
) -> Result<Issued, Failure> {
    let partner = acting_partner(conn, &n.caller_partner_id, n.indirect_partner_id.as_deref())?;
    let mut found = named(conn, &n.invitee)?;
    if found
        .iter()
        .any(|c| c.partner_id.as_deref() == Some(partner.id.as_str()))
    {
        return Err(Failure::Refused(Violation::new(
            codes::CUSTOMER_ALREADY_YOURS,
            "the customer is already associated with you",
        )));
    }
    let customer = if found.len() == 1 { found.pop() } else { None };
    let invitee = n.invitee.text();
    repo::expire_stale(conn, &partner.id, invitee, now)?;
    let row = CustomerInvitationRow {
        id: ids::new_id(),
        partner_id: partner.id.clone(),
        customer_id: customer.as_ref().map(|c| c.id.clone()),
        invitee: invitee.to_owned(),
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
    let email = mail(conn, &partner, customer.as_ref(), &row, now)?;
    sent(conn, &row, now)?;
    Ok(Issued { row, email })
}

/// `customer_invitation.sent` to the inviting partner; the invitee's name or address stays out.
fn sent(conn: &mut DbConnection, row: &CustomerInvitationRow, now: i64) -> Result<(), Failure> {
    let mut subjects = vec![("invitation_id", row.id.as_str())];
    if let Some(c) = &row.customer_id {
        subjects.push(("customer_id", c.as_str()));
    }
    emit(
        conn,
        &row.partner_id,
        EventType::CustomerInvitationSent,
        &subjects,
        now,
    )?;
    Ok(())
}

fn pending_exists() -> Failure {
    Failure::Refused(Violation::new(
        codes::CUSTOMER_INVITATION_PENDING,
        "a pending invitation from you to this account name or e-mail already exists",
    ))
}

/// Queues the invitation e-mail: to the invited customer's address, or to the address the
/// partner invited. The text is the same whether or not a customer has it.
fn mail(
    conn: &mut DbConnection,
    partner: &PartnerRow,
    customer: Option<&CustomerRow>,
    inv: &CustomerInvitationRow,
    now: i64,
) -> Result<Option<OutboxRow>, Failure> {
    let to = customer
        .and_then(|c| c.email.as_deref())
        .filter(|e| !e.is_empty())
        .or_else(|| association::invitee_is_email(&inv.invitee).then_some(inv.invitee.as_str()));
    let Some(to) = to else {
        return Ok(None);
    };
    let code_path = format!("/v2/customers/invitations/{}/accept", inv.code);
    let ctx = serde_json::json!({
        "partner_name": partner.name,
        "invitee": inv.invitee,
        "referral": inv.association_type == "1",
        "code": inv.code,
        "expire": wire::utc(inv.expire_at),
        "accept_link": crate::mail::link(&code_path),
        "register_link": crate::mail::link("/v2/customer-registrations"),
    });
    let lang = language_of(conn, &inv.invited_by)?;
    enqueue_mail(
        conn,
        to,
        outbox::CUSTOMER_INVITATION,
        MailNotice::CustomerInvitation,
        lang,
        &ctx,
        now,
    )
    .map(Some)
}

/// The inviting user's language: the invitation reads as the partner writes to its customers.
fn language_of(conn: &mut DbConnection, user_id: &str) -> Result<Language, Failure> {
    Ok(people::find(conn, user_id)?
        .map(|p| Language::from_stored(&p.language))
        .unwrap_or_default())
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
    let customer = match &row.customer_id {
        Some(id) => customers::find(conn, id)?,
        None => None,
    };
    let email = mail(conn, &partner, customer.as_ref(), &row, now)?;
    sent(conn, &row, now)?;
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
    let mut customer_ids: Vec<String> = rows.iter().filter_map(|r| r.customer_id.clone()).collect();
    customer_ids.sort();
    customer_ids.dedup();
    let customers = sub_customers::by_ids(conn, &customer_ids)?;
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
