//! The operator updates, suspends and reactivates partners (#20). A suspended partner keeps its
//! money and data; its users and keys are refused (403 `CBC.99100203`) from the next request.

use crate::service::{not_found, Failure, Outcome};
use domain::lifecycle::{self, codes};
use persistence::repo::key_lifecycle;
use persistence::repo::partners::{self, PartnerRow};
use persistence::repo::people::{self, PartnerChanges};
use persistence::DbConnection;

fn partner(conn: &mut DbConnection, id: &str) -> Outcome<PartnerRow> {
    partners::find(conn, id)?.ok_or_else(|| not_found("partner"))
}

/// Applies `c`; a new country only while nothing ties the partner to its present one.
pub fn update(conn: &mut DbConnection, id: &str, c: &PartnerChanges) -> Outcome<PartnerRow> {
    let p = partner(conn, id)?;
    if c.country_code
        .as_ref()
        .is_some_and(|cc| *cc != p.country_code)
    {
        let t = people::ties(conn, id)?;
        lifecycle::country_may_change(t.linked, t.customers, t.money)
            .map_err(Failure::RefusedAll)?;
    }
    people::update_partner(conn, id, c)?;
    partner(conn, id)
}

pub fn suspend(conn: &mut DbConnection, id: &str, reason: &str, now: i64) -> Outcome<()> {
    partner(conn, id)?;
    if people::suspended_at(conn, id)?.is_some() {
        return Err(Failure::rule(
            codes::SUSPENSION_STATE,
            "the partner is already suspended",
        ));
    }
    people::set_suspended(conn, id, Some(now), Some(reason))?;
    key_lifecycle::bump_epoch(conn)?;
    Ok(())
}

pub fn reactivate(conn: &mut DbConnection, id: &str) -> Outcome<()> {
    partner(conn, id)?;
    if people::suspended_at(conn, id)?.is_none() {
        return Err(Failure::rule(
            codes::SUSPENSION_STATE,
            "the partner is not suspended",
        ));
    }
    people::set_suspended(conn, id, None, None)?;
    key_lifecycle::bump_epoch(conn)?;
    Ok(())
}
