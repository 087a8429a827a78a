//! S16 outbound calls: placed on an open lead with a phone, by a partner user with a phone,
//! through the voice gateway; the gateway's signed callback records the outcome on the call
//! and on the follow-up that records it. The lead's number is read here only to be handed to
//! the gateway; it never leaves in an answer, a log line or an event.

use crate::service::leads::{self, OUTBOUND_CALL};
use crate::service::{not_found, Failure};
use domain::calls::{self, Apply, Call, CallStatus, Reported};
use domain::codes;
use domain::leads::Contact;
use persistence::repo::{outbound_calls as repo, people};
use persistence::DbConnection;

/// A call just recorded, with the two numbers the gateway bridges.
pub struct Placed {
    pub call: Call,
    pub caller: Contact,
    pub callee: Contact,
}

/// Records a `DIALING` call on the partner's open lead (a NEW lead becomes FOLLOWING): the
/// lead needs a phone (CBC.99100131), the caller one too (CBC.99100261), and a voice gateway
/// must be configured (CBC.99100260).
pub fn place(
    conn: &mut DbConnection,
    partner_id: &str,
    user_id: &str,
    lead_id: &str,
    voice_ready: bool,
    now: i64,
) -> Result<Placed, Failure> {
    let lead = leads::own(conn, partner_id, lead_id)?;
    let callee = lead
        .mobile_phone
        .clone()
        .map(Contact::Phone)
        .ok_or_else(|| {
            Failure::rule(codes::LEAD_NO_PHONE, "the lead has no phone number to call")
        })?;
    domain::leads::follow_up(leads::status_of(&lead)?)?;
    let caller = people::find(conn, user_id)?
        .and_then(|u| u.mobile_phone)
        .map(Contact::Phone)
        .ok_or_else(|| {
            Failure::rule(
                codes::CALLER_NO_PHONE,
                "your user has no mobile_phone for the gateway to ring first",
            )
        })?;
    if !voice_ready {
        return Err(Failure::rule(
            codes::VOICE_GATEWAY_OFF,
            "outbound calls are not available: no voice gateway is configured",
        ));
    }
    let f = leads::record(conn, &lead, user_id, OUTBOUND_CALL, None, now)?;
    let call = Call {
        id: f.id,
        lead_id: lead.id.clone(),
        partner_id: partner_id.to_owned(),
        user_id: user_id.to_owned(),
        status: CallStatus::Dialing,
        duration_secs: 0,
        created_at: now,
        ended_at: None,
    };
    repo::insert(conn, &call)?;
    crate::audit::add_target(&call.id);
    tracing::info!(
        lead.id = %lead.id,
        call.id = %call.id,
        partner.id = %partner_id,
        mobile_phone = %callee,
        "outbound call placed"
    );
    Ok(Placed {
        call,
        caller,
        callee,
    })
}

/// The gateway refused the call or could not be reached: the call ends `FAILED`.
pub fn not_bridged(conn: &mut DbConnection, id: &str, now: i64) -> Result<Call, Failure> {
    repo::finish(conn, id, &Reported::new(calls::CallOutcome::Failed, 0), now)?;
    repo::find(conn, id)?.ok_or_else(|| not_found("call"))
}

/// A call on the partner's own lead, with the lead's number (to be shown masked).
pub fn show(
    conn: &mut DbConnection,
    partner_id: &str,
    lead_id: &str,
    id: &str,
) -> Result<(Call, Option<Contact>), Failure> {
    let lead = leads::own(conn, partner_id, lead_id)?;
    let call = repo::find_own(conn, partner_id, lead_id, id)?.ok_or_else(|| not_found("call"))?;
    Ok((call, lead.mobile_phone.map(Contact::Phone)))
}

/// Records the outcome the gateway reports: once; the same report again changes nothing;
/// a different one is refused (CBC.99100262).
pub fn report(conn: &mut DbConnection, id: &str, r: &Reported, now: i64) -> Result<Call, Failure> {
    let call = repo::find(conn, id)?.ok_or_else(|| not_found("call"))?;
    crate::audit::add_target(&call.id);
    if calls::apply(call.status, call.duration_secs, r)? == Apply::Record
        && !repo::finish(conn, id, r, now)?
    {
        let again = repo::find(conn, id)?.ok_or_else(|| not_found("call"))?;
        calls::apply(again.status, again.duration_secs, r)?;
    }
    tracing::info!(call.id = %id, status = r.outcome.as_str(), "outbound call outcome");
    repo::find(conn, id)?.ok_or_else(|| not_found("call"))
}
