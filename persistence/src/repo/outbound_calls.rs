//! S16 outbound calls. A row holds no phone number; its id is the id of the follow-up that
//! records the call on the lead.

use crate::schema_opportunities::{lead_follow_ups as fu, outbound_calls as t};
use crate::{DbConnection, StoreError};
use diesel::prelude::*;
use domain::calls::{Call, CallStatus, Reported};
use domain::code::Coded;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = t)]
struct CallRow {
    id: String,
    lead_id: String,
    partner_id: String,
    user_id: String,
    status: String,
    duration_secs: i64,
    created_at: i64,
    ended_at: Option<i64>,
    updated_at: i64,
}

impl TryFrom<CallRow> for Call {
    type Error = StoreError;

    fn try_from(r: CallRow) -> Result<Self, StoreError> {
        let status = CallStatus::from_text(&r.status).ok_or_else(|| {
            StoreError::Internal(format!("call {} has status {}", r.id, r.status))
        })?;
        Ok(Call {
            id: r.id,
            lead_id: r.lead_id,
            partner_id: r.partner_id,
            user_id: r.user_id,
            status,
            duration_secs: r.duration_secs,
            created_at: r.created_at,
            ended_at: r.ended_at,
        })
    }
}

pub fn insert(conn: &mut DbConnection, c: &Call) -> Result<(), StoreError> {
    let row = CallRow {
        id: c.id.clone(),
        lead_id: c.lead_id.clone(),
        partner_id: c.partner_id.clone(),
        user_id: c.user_id.clone(),
        status: c.status.as_str().to_owned(),
        duration_secs: c.duration_secs,
        created_at: c.created_at,
        ended_at: c.ended_at,
        updated_at: c.created_at,
    };
    diesel::insert_into(t::table).values(&row).execute(conn)?;
    Ok(())
}

/// Any call by id: for the gateway's callback, which names no partner.
pub fn find(conn: &mut DbConnection, id: &str) -> Result<Option<Call>, StoreError> {
    t::table
        .find(id)
        .select(CallRow::as_select())
        .first(conn)
        .optional()?
        .map(Call::try_from)
        .transpose()
}

/// A call on the partner's own lead; another partner's, or one on another lead, is `None`.
pub fn find_own(
    conn: &mut DbConnection,
    partner_id: &str,
    lead_id: &str,
    id: &str,
) -> Result<Option<Call>, StoreError> {
    t::table
        .find(id)
        .filter(t::partner_id.eq(partner_id))
        .filter(t::lead_id.eq(lead_id))
        .select(CallRow::as_select())
        .first(conn)
        .optional()?
        .map(Call::try_from)
        .transpose()
}

/// Records the outcome if the call is still dialing, and writes it on the call's follow-up;
/// false if another report got there first.
pub fn finish(
    conn: &mut DbConnection,
    id: &str,
    r: &Reported,
    now: i64,
) -> Result<bool, StoreError> {
    let n = diesel::update(
        t::table
            .find(id)
            .filter(t::status.eq(CallStatus::Dialing.as_str())),
    )
    .set((
        t::status.eq(r.outcome.status().as_str()),
        t::duration_secs.eq(r.duration_secs),
        t::ended_at.eq(Some(now)),
        t::updated_at.eq(now),
    ))
    .execute(conn)?;
    if n == 1 {
        diesel::update(fu::table.find(id))
            .set(fu::content.eq(Some(r.summary())))
            .execute(conn)?;
    }
    Ok(n == 1)
}
