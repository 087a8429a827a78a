//! S13 business opportunities: create, update and close inside the caller's scope. A foreign
//! or invisible id answers exactly like a missing one.

use crate::service::delivery::events::emit;
use crate::service::not_found;
use crate::service::Failure;
use domain::events::EventType;
use domain::identity::Roles;
use domain::opportunities::visibility::{may_own, may_write, owner_invalid, OwnerFacts, Scope};
use domain::opportunities::{ensure_open, Stage};
use domain::{codes, Violation};
use persistence::repo::customers;
use persistence::repo::opportunities::business::{
    self as repo, OpportunityChanges, OpportunityRow,
};
use persistence::repo::{partners, users};
use persistence::{DbConnection, StoreError};

pub const WHAT: &str = "business opportunity";

/// The partner of `customer_id` if the caller may create opportunities for its customers (its
/// own); a reseller's customer, which a distributor's admin may only query, answers 403
/// CBC.0151 ([`read_only`]); any other customer CBC.99000035 like one that does not exist.
pub fn customer_partner(
    conn: &mut DbConnection,
    scope: &Scope,
    customer_id: &str,
) -> Result<String, Failure> {
    let not_yours = || {
        Failure::Refused(Violation::new(
            codes::NOT_SUB_CUSTOMER,
            "customer_id does not name one of your customers",
        ))
    };
    let customer = customers::find(conn, customer_id)?.ok_or_else(not_yours)?;
    let partner_id = customer.partner_id.ok_or_else(not_yours)?;
    let partner = partners::find(conn, &partner_id)?.ok_or_else(not_yours)?;
    let me = scope.partner_id();
    let resellers = matches!(
        scope,
        Scope::Partner {
            with_resellers: true,
            ..
        }
    );
    let reseller_of_mine = resellers && partner.parent_id.as_deref() == Some(me);
    if partner.id != me && !reseller_of_mine {
        return Err(not_yours());
    }
    may_write(scope, &partner.id)?;
    Ok(partner.id)
}

/// The user named `login` if the caller may make them the owner of an opportunity of
/// `partner_id`; CBC.99100111 otherwise (also for unknown and foreign names).
pub fn owner(
    conn: &mut DbConnection,
    scope: &Scope,
    partner_id: &str,
    login: &str,
) -> Result<String, Failure> {
    let user =
        users::find_by_name(conn, login)?.ok_or_else(|| Failure::Refused(owner_invalid()))?;
    let parent = partners::find(conn, &user.partner_id)?.and_then(|p| p.parent_id);
    let roles = Roles::from_stored(&user.roles);
    let facts = OwnerFacts {
        user_id: &user.id,
        partner_id: &user.partner_id,
        roles: &roles,
        supervisor_user_id: user.supervisor_user_id.as_deref(),
        partner_parent_id: parent.as_deref(),
    };
    if may_own(scope, partner_id, &facts) {
        Ok(user.id)
    } else {
        Err(owner_invalid().into())
    }
}

/// The default owner: the caller when they sell for the opportunity's partner, else nobody
/// (admins see unowned ones and assign them).
pub fn default_owner(scope: &Scope, partner_id: &str, caller_user_id: &str) -> Option<String> {
    match scope {
        Scope::Team { partner_id: p, .. } | Scope::Own { partner_id: p, .. } if p == partner_id => {
            Some(caller_user_id.to_owned())
        }
        _ => None,
    }
}

pub fn visible(
    conn: &mut DbConnection,
    scope: &Scope,
    id: &str,
) -> Result<OpportunityRow, Failure> {
    repo::find_visible(conn, scope, id)?.ok_or_else(|| not_found(WHAT))
}

fn stage_of(row: &OpportunityRow) -> Result<Stage, Failure> {
    Ok(Stage::parse("stage", &row.stage)
        .map_err(|_| StoreError::Internal("stored stage is unknown".into()))?)
}

fn closed_meanwhile() -> Failure {
    Failure::Refused(Violation::new(
        codes::OPPORTUNITY_CLOSED,
        "the opportunity was closed meanwhile and can no longer be changed",
    ))
}

/// Applies `changes` (owner given as a login name) to a visible, open opportunity of the
/// caller's own partner (a reseller's answers 403 CBC.0151: read-only to its distributor).
pub fn update(
    conn: &mut DbConnection,
    scope: &Scope,
    id: &str,
    mut changes: OpportunityChanges,
    owner_login: Option<&str>,
    now: i64,
) -> Result<OpportunityRow, Failure> {
    repo::lock(conn, id)?;
    let row = visible(conn, scope, id)?;
    may_write(scope, &row.partner_id)?;
    ensure_open(stage_of(&row)?)?;
    if let Some(login) = owner_login {
        changes.owner_user_id = Some(owner(conn, scope, &row.partner_id, login)?);
    }
    changes.updated_at = Some(now);
    let assigned = changes
        .owner_user_id
        .clone()
        .filter(|o| row.owner_user_id.as_deref() != Some(o.as_str()));
    if !repo::update_open(conn, id, &changes)? {
        return Err(closed_meanwhile());
    }
    if let Some(owner) = assigned {
        let subjects = [
            ("opportunity_id", id),
            ("account_manager_id", owner.as_str()),
        ];
        emit(
            conn,
            &row.partner_id,
            EventType::OpportunityAssigned,
            &subjects,
            now,
        )?;
    }
    repo::find_visible(conn, scope, id)?.ok_or_else(|| not_found(WHAT))
}

/// Closes a visible, open opportunity of the caller's own partner as WON or LOST (a
/// reseller's answers 403 CBC.0151: read-only to its distributor).
pub fn close(
    conn: &mut DbConnection,
    scope: &Scope,
    id: &str,
    result: Stage,
    reason: Option<&str>,
    now: i64,
) -> Result<OpportunityRow, Failure> {
    repo::lock(conn, id)?;
    let row = visible(conn, scope, id)?;
    may_write(scope, &row.partner_id)?;
    ensure_open(stage_of(&row)?)?;
    if !repo::close(conn, id, result.as_str(), reason, now)? {
        return Err(closed_meanwhile());
    }
    repo::find_visible(conn, scope, id)?.ok_or_else(|| not_found(WHAT))
}
