//! S3: a distributor invites a reseller; the reseller's admin accepts or rejects; the
//! distributor may cancel. Acceptance re-checks every rule through the same code as the
//! operator's link (`service::partners::link_reseller`), whose conditional update lets exactly
//! one of two racing distributors win. Accepting one invitation expires every other pending
//! invitation to the same reseller at once.

use super::outbox::mail_role;
use crate::mail::Notice as MailNotice;
use crate::service::delivery::events::emit;
use crate::service::not_found;
use crate::service::partners::{self as link, facts};
use crate::service::Failure;
use domain::channel::link_violations;
use domain::events::EventType;
use domain::identity::Role;
use domain::invitation::{self, InvitationStatus};
use domain::{codes, Violation};
use persistence::repo::outbox;
use persistence::repo::reseller_invitations::{self as repo, InvitationRow, ListFilter};
use persistence::repo::{channel, partners};
use persistence::{ids, DbConnection, StoreError};
use std::collections::HashMap;

/// How the distributor names the invitee.
pub enum Invitee {
    Id(String),
    AccountName(String),
}

pub struct NewInvitation {
    pub distributor_id: String,
    pub invited_by: String,
    pub invitee: Invitee,
    pub remark: Option<String>,
}

pub fn invite(
    conn: &mut DbConnection,
    n: &NewInvitation,
    now: i64,
) -> Result<InvitationRow, Failure> {
    let distributor =
        partners::find(conn, &n.distributor_id)?.ok_or_else(|| not_found("partner"))?;
    let reseller = match &n.invitee {
        Invitee::Id(id) => partners::find(conn, id)?,
        Invitee::AccountName(name) => channel::find_partner_by_account_name(conn, name)?,
    };
    // A name that matches nobody has not joined the reseller program either: same answer.
    let reseller = reseller.ok_or_else(|| {
        Failure::Refused(Violation::new(
            codes::INVITEE_NOT_RESELLER,
            "the invitee has not joined the reseller program",
        ))
    })?;
    if let Some(v) = link_violations(&facts(&distributor)?, &facts(&reseller)?)
        .into_iter()
        .next()
    {
        return Err(Failure::Refused(v));
    }
    repo::expire_stale(conn, &distributor.id, &reseller.id, now)?;
    let row = InvitationRow {
        id: ids::new_id(),
        distributor_id: distributor.id.clone(),
        reseller_id: reseller.id.clone(),
        status: InvitationStatus::Pending.as_str().to_owned(),
        remark: n.remark.clone(),
        invited_by: n.invited_by.clone(),
        created_at: now,
        expire_at: now + invitation::TTL_SECS,
        answered_at: None,
        answered_by: None,
    };
    match repo::insert(conn, &row) {
        Err(StoreError::Duplicate(_)) => {
            return Err(Failure::Refused(invitation::pending_exists()))
        }
        other => other?,
    }
    emit(
        conn,
        &row.reseller_id,
        EventType::ResellerInvitationCreated,
        &subjects(&row),
        now,
    )?;
    let ctx = serde_json::json!({
        "distributor_name": distributor.name,
        "reseller_name": reseller.name,
        "invitation_id": row.id,
        "expire": crate::wire::utc(row.expire_at),
        "answer_link": crate::mail::link(&format!("/v2/partners/indirect-partners/invitations/{}", row.id)),
    });
    mail_role(
        conn,
        &row.reseller_id,
        Role::Admin,
        outbox::RESELLER_INVITATION,
        MailNotice::ResellerInvitation,
        &ctx,
        now,
    )?;
    Ok(row)
}

fn subjects(row: &InvitationRow) -> [(&'static str, &str); 3] {
    [
        ("invitation_id", row.id.as_str()),
        ("distributor_id", row.distributor_id.as_str()),
        ("reseller_id", row.reseller_id.as_str()),
    ]
}

fn stored_status(row: &InvitationRow) -> Result<InvitationStatus, Failure> {
    Ok(InvitationStatus::parse(&row.status)
        .map_err(|_| StoreError::Internal("stored invitation status is unknown".into()))?)
}

/// Which side of the invitation answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Accept,
    Reject,
    Cancel,
}

/// Answers an invitation of the caller's partner (`partner_id`): the reseller accepts or
/// rejects, the distributor cancels. Another partner's invitation is "not found".
pub fn answer(
    conn: &mut DbConnection,
    partner_id: &str,
    invitation_id: &str,
    answer: Answer,
    by_user: &str,
    now: i64,
) -> Result<(), Failure> {
    let inv = repo::find(conn, invitation_id)?
        .filter(|i| match answer {
            Answer::Accept | Answer::Reject => i.reseller_id == partner_id,
            Answer::Cancel => i.distributor_id == partner_id,
        })
        .ok_or_else(|| not_found("invitation"))?;
    invitation::check_answerable(stored_status(&inv)?, inv.expire_at, now)?;
    let to = match answer {
        Answer::Accept => InvitationStatus::Accepted,
        Answer::Reject => InvitationStatus::Rejected,
        Answer::Cancel => InvitationStatus::Cancelled,
    };
    // Claims the invitation first: of two concurrent answers only one finds it pending.
    if !repo::answer(conn, &inv.id, to, by_user, now)? {
        return Err(Failure::Refused(Violation::new(
            codes::INVITATION_NOT_PENDING,
            "the invitation was answered meanwhile",
        )));
    }
    if answer == Answer::Accept {
        link::link_reseller(conn, &inv.distributor_id, &inv.reseller_id, now)?;
        // In the same transaction: every other distributor's pending invitation expires.
        repo::expire_others_to(conn, &inv.reseller_id, &inv.id)?;
    }
    // The other side hears of it.
    let (to_partner, kind) = match answer {
        Answer::Accept => (&inv.distributor_id, EventType::ResellerInvitationAccepted),
        Answer::Reject => (&inv.distributor_id, EventType::ResellerInvitationRejected),
        Answer::Cancel => (&inv.reseller_id, EventType::ResellerInvitationCancelled),
    };
    emit(conn, to_partner, kind, &subjects(&inv), now)?;
    Ok(())
}

pub struct Listed {
    pub total: i64,
    pub rows: Vec<InvitationRow>,
    pub partners: HashMap<String, partners::PartnerRow>,
}

pub fn list(conn: &mut DbConnection, f: &ListFilter<'_>) -> Result<Listed, Failure> {
    let (total, rows) = repo::list(conn, f)?;
    let mut ids: Vec<String> = rows
        .iter()
        .flat_map(|r| [r.distributor_id.clone(), r.reseller_id.clone()])
        .collect();
    ids.sort();
    ids.dedup();
    let partners = channel::partners_by_id(conn, &ids)?;
    Ok(Listed {
        total,
        rows,
        partners,
    })
}
