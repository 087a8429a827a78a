//! S16 leads: dispatched by the operator or created by the partner, followed up, moved through
//! their statuses and called through the outbound-call operation. Raw contacts are stored and
//! never logged; responses mask them for partners on marketing plan 2.0.

use crate::service::delivery::events::emit;
use crate::service::not_found;
use crate::service::programs::stored;
use crate::service::Failure;
use domain::events::EventType;
use domain::leads::{self, Contact, LeadSource, LeadStatus};
use domain::{codes, Violation};
use persistence::repo::leads::{self as repo, FollowUpRow, LeadRow};
use persistence::repo::partners;
use persistence::{ids, DbConnection};

pub const NOTE: &str = "NOTE";
pub const OUTBOUND_CALL: &str = "OUTBOUND_CALL";

/// A lead as submitted, contacts already parsed.
pub struct NewLead {
    pub customer_name: String,
    pub contact_name: Option<String>,
    pub mobile_phone: Option<Contact>,
    pub email: Option<Contact>,
    pub industry: Option<String>,
    pub description: Option<String>,
}

/// The marketing plan of the partner, which decides masking.
pub fn plan_of(conn: &mut DbConnection, partner_id: &str) -> Result<String, Failure> {
    partners::find(conn, partner_id)?
        .map(|p| p.marketing_plan_version)
        .ok_or_else(|| not_found("partner"))
}

pub fn create(
    conn: &mut DbConnection,
    partner_id: &str,
    source: LeadSource,
    created_by: Option<&str>,
    l: &NewLead,
    now: i64,
) -> Result<LeadRow, Failure> {
    partners::find(conn, partner_id)?.ok_or_else(|| not_found("partner"))?;
    let row = LeadRow {
        id: ids::new_id(),
        partner_id: partner_id.to_owned(),
        source: source.as_str().to_owned(),
        status: LeadStatus::New.as_str().to_owned(),
        customer_name: l.customer_name.clone(),
        contact_name: l.contact_name.clone(),
        mobile_phone: l.mobile_phone.as_ref().map(|c| c.raw().to_owned()),
        email: l.email.as_ref().map(|c| c.raw().to_owned()),
        industry: l.industry.clone(),
        description: l.description.clone(),
        created_by: created_by.map(str::to_owned),
        created_at: now,
        updated_at: now,
    };
    repo::insert(conn, &row)?;
    tracing::info!(
        lead.id = %row.id,
        partner.id = %partner_id,
        source = source.as_str(),
        mobile_phone = ?l.mobile_phone,
        email = ?l.email,
        "lead created"
    );
    if source == LeadSource::Dispatched {
        let subjects = [("lead_id", row.id.as_str())];
        emit(conn, partner_id, EventType::LeadDispatched, &subjects, now)?;
    }
    Ok(row)
}

pub fn own(conn: &mut DbConnection, partner_id: &str, id: &str) -> Result<LeadRow, Failure> {
    repo::find_own(conn, partner_id, id)?.ok_or_else(|| not_found("lead"))
}

pub(crate) fn status_of(r: &LeadRow) -> Result<LeadStatus, Failure> {
    stored(LeadStatus::parse("status", &r.status))
}

fn changed_meanwhile() -> Failure {
    Failure::Refused(Violation::new(
        codes::LEAD_STATUS,
        "the lead's status changed meanwhile",
    ))
}

fn transition(
    conn: &mut DbConnection,
    r: &LeadRow,
    from: LeadStatus,
    to: LeadStatus,
    now: i64,
) -> Result<(), Failure> {
    if from != to && !repo::set_status(conn, &r.id, from.as_str(), to.as_str(), now)? {
        return Err(changed_meanwhile());
    }
    Ok(())
}

pub fn set_status(
    conn: &mut DbConnection,
    partner_id: &str,
    id: &str,
    next: LeadStatus,
    now: i64,
) -> Result<LeadRow, Failure> {
    let row = own(conn, partner_id, id)?;
    let current = status_of(&row)?;
    leads::move_to(current, next)?;
    transition(conn, &row, current, next, now)?;
    own(conn, partner_id, id)
}

pub(crate) fn record(
    conn: &mut DbConnection,
    row: &LeadRow,
    user_id: &str,
    kind: &str,
    content: Option<String>,
    now: i64,
) -> Result<FollowUpRow, Failure> {
    let current = status_of(row)?;
    let next = leads::follow_up(current)?;
    transition(conn, row, current, next, now)?;
    let f = FollowUpRow {
        id: ids::new_id(),
        lead_id: row.id.clone(),
        partner_id: row.partner_id.clone(),
        user_id: user_id.to_owned(),
        kind: kind.to_owned(),
        content,
        created_at: now,
    };
    repo::add_follow_up(conn, &f)?;
    Ok(f)
}

/// Records a follow-up note; a NEW lead becomes FOLLOWING.
pub fn follow_up(
    conn: &mut DbConnection,
    partner_id: &str,
    user_id: &str,
    id: &str,
    content: &str,
    now: i64,
) -> Result<FollowUpRow, Failure> {
    let row = own(conn, partner_id, id)?;
    record(conn, &row, user_id, NOTE, Some(content.to_owned()), now)
}
