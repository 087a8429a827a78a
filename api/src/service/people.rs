//! A partner's admin manages its own people (#20): create, list, read, update, deactivate and
//! reactivate users. The partner's last active admin cannot be removed. A deactivated user's
//! tokens and keys are refused from the next request; what it owned stays with the partner.

use crate::service::users::{self, NewUser};
use crate::service::{not_found, Failure, Outcome};
use domain::identity::{Role, Roles};
use domain::lifecycle;
use domain::outbox::Language;
use persistence::repo::credentials::PARTNER_USER;
use persistence::repo::key_lifecycle;
use persistence::repo::people::{self as repo, PersonChanges, PersonRow};
use persistence::DbConnection;

/// Contacts given with a new user or an update.
#[derive(Debug, Clone, Default)]
pub struct Contacts {
    pub email: Option<String>,
    pub mobile_phone: Option<String>,
    /// The notices' language; none: the default (zh-CN).
    pub language: Option<Language>,
}

pub fn create(
    conn: &mut DbConnection,
    partner_id: &str,
    new: &NewUser,
    contacts: &Contacts,
    now: i64,
) -> Outcome<PersonRow> {
    let row = users::create(conn, partner_id, new, now)?;
    repo::update(
        conn,
        &row.id,
        &PersonChanges {
            email: Some(contacts.email.clone()),
            mobile_phone: Some(contacts.mobile_phone.clone()),
            language: contacts.language.map(|l| l.as_str().to_owned()),
            ..PersonChanges::default()
        },
    )?;
    repo::find(conn, &row.id)?.ok_or_else(|| Failure::internal("created user vanished"))
}

pub fn list(conn: &mut DbConnection, partner_id: &str) -> Outcome<Vec<PersonRow>> {
    Ok(repo::of_partner(conn, partner_id)?)
}

/// A user of this partner; another partner's user answers like a missing one.
pub fn show(conn: &mut DbConnection, partner_id: &str, user_id: &str) -> Outcome<PersonRow> {
    repo::find(conn, user_id)?
        .filter(|u| u.partner_id == partner_id)
        .ok_or_else(|| not_found("user"))
}

fn is_admin(p: &PersonRow) -> bool {
    Roles::from_stored(&p.roles).contains(Role::Admin)
}

/// Refuses a change that leaves the partner without an active admin.
fn keep_an_admin(conn: &mut DbConnection, partner_id: &str, user_id: &str) -> Outcome<()> {
    let people = repo::of_partner(conn, partner_id)?;
    let admins: Vec<&str> = people
        .iter()
        .filter(|p| p.active && is_admin(p))
        .map(|p| p.id.as_str())
        .collect();
    Ok(lifecycle::keeps_an_admin(&admins, user_id)?)
}

/// What an update asks for; `None` leaves a field as it is, `Some(None)` clears it.
#[derive(Debug, Clone, Default)]
pub struct Update {
    pub display_name: Option<Option<String>>,
    pub roles: Option<Roles>,
    pub supervisor_user_id: Option<Option<String>>,
    pub email: Option<Option<String>>,
    pub mobile_phone: Option<Option<String>>,
    pub language: Option<Language>,
}

pub fn update(
    conn: &mut DbConnection,
    partner_id: &str,
    user_id: &str,
    u: &Update,
) -> Outcome<PersonRow> {
    repo::lock_partner(conn, partner_id)?;
    let person = show(conn, partner_id, user_id)?;
    if let Some(roles) = &u.roles {
        if person.active && is_admin(&person) && !roles.contains(Role::Admin) {
            keep_an_admin(conn, partner_id, user_id)?;
        }
    }
    if let Some(Some(sup)) = &u.supervisor_user_id {
        let ok = sup != user_id
            && repo::find(conn, sup)?.is_some_and(|s| {
                s.partner_id == partner_id
                    && Roles::from_stored(&s.roles).contains(Role::AccountManagerSupervisor)
            });
        if !ok {
            return Err(Failure::rule(
                domain::codes::NOT_A_SUPERVISOR,
                "supervisor_user_id must name an account_manager_supervisor of the same partner",
            ));
        }
    }
    repo::update(
        conn,
        user_id,
        &PersonChanges {
            display_name: u.display_name.clone(),
            roles: u.roles.as_ref().map(Roles::to_stored),
            supervisor_user_id: u.supervisor_user_id.clone(),
            email: u.email.clone(),
            mobile_phone: u.mobile_phone.clone(),
            language: u.language.map(|l| l.as_str().to_owned()),
        },
    )?;
    // Roles travel in cached principals: the next request must see the new ones.
    key_lifecycle::bump_epoch(conn)?;
    show(conn, partner_id, user_id)
}

/// Deactivates a user: its tokens are revoked and its keys refused from the next request.
pub fn deactivate(
    conn: &mut DbConnection,
    partner_id: &str,
    user_id: &str,
    now: i64,
) -> Outcome<PersonRow> {
    repo::lock_partner(conn, partner_id)?;
    let person = show(conn, partner_id, user_id)?;
    if person.active && is_admin(&person) {
        keep_an_admin(conn, partner_id, user_id)?;
    }
    key_lifecycle::set_user_active(conn, user_id, false)?;
    key_lifecycle::revoke_owner_tokens(conn, PARTNER_USER, user_id, None, now)?;
    key_lifecycle::bump_epoch(conn)?;
    show(conn, partner_id, user_id)
}

pub fn reactivate(conn: &mut DbConnection, partner_id: &str, user_id: &str) -> Outcome<PersonRow> {
    show(conn, partner_id, user_id)?;
    key_lifecycle::set_user_active(conn, user_id, true)?;
    key_lifecycle::bump_epoch(conn)?;
    show(conn, partner_id, user_id)
}
