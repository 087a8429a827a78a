//! Partner users.

use super::not_found;
use crate::service::Failure;
use domain::identity::{Role, Roles};
use domain::{codes, Violation};
use persistence::repo::{customers, partners, users, users::UserRow};
use persistence::{ids, DbConnection};

pub struct NewUser {
    pub user_name: String,
    pub display_name: Option<String>,
    pub roles: Roles,
    pub supervisor_user_id: Option<String>,
    pub password_hash: Option<String>,
}

pub fn create(
    conn: &mut DbConnection,
    partner_id: &str,
    u: &NewUser,
    now: i64,
) -> Result<UserRow, Failure> {
    partners::find(conn, partner_id)?.ok_or_else(|| not_found("partner"))?;
    login_name_free(conn, &u.user_name)?;
    if let Some(sup) = &u.supervisor_user_id {
        let ok = users::find(conn, sup)?.is_some_and(|s| {
            s.partner_id == partner_id
                && Roles::from_stored(&s.roles).contains(Role::AccountManagerSupervisor)
        });
        if !ok {
            return Err(Failure::Refused(Violation::new(
                domain::codes::NOT_A_SUPERVISOR,
                "supervisor_user_id must name an account_manager_supervisor of the same partner",
            )));
        }
    }
    let row = UserRow {
        id: ids::new_id(),
        partner_id: partner_id.to_owned(),
        user_name: u.user_name.clone(),
        display_name: u.display_name.clone(),
        roles: u.roles.to_stored(),
        supervisor_user_id: u.supervisor_user_id.clone(),
        password_hash: u.password_hash.clone(),
        created_at: now,
    };
    users::insert(conn, &row)?;
    crate::audit::add_target(&row.id);
    Ok(row)
}

/// Login names are shared by partner users and customers and compare case-insensitively, so a
/// token login is unambiguous.
pub fn login_name_free(conn: &mut DbConnection, name: &str) -> Result<(), Failure> {
    let taken =
        users::find_by_name(conn, name)?.is_some() || customers::domain_name_taken(conn, name)?;
    if taken {
        return Err(Failure::Refused(Violation::new(
            codes::NAME_TAKEN,
            format!(
                "the name '{}' is already taken",
                domain::text::clip(name, 64)
            ),
        )));
    }
    Ok(())
}
