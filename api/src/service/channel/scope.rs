//! Whose objects a partner user may see and act on. Foreign ids answer exactly like missing
//! ones (CBC.99000037 for resellers, CBC.99000035 for customers, CBC.99100073 for users).

// Acting for a reseller and owning a customer follow the money core's rules.
pub use crate::service::acting::{own_customer, own_reseller, partner as acting_partner};
use crate::service::Failure;
use domain::identity::{PartnerType, Role, Roles};
use domain::{codes, Violation};
use persistence::repo::partners::PartnerRow;
use persistence::repo::users::{self, UserRow};
use persistence::{DbConnection, StoreError};

pub fn partner_type(row: &PartnerRow) -> Result<PartnerType, Failure> {
    Ok(row
        .partner_type
        .parse()
        .map_err(|_| StoreError::Internal("stored partner type is unknown".into()))?)
}

/// The user named `login_name`, if it is an `account_manager` of `partner_id`; otherwise
/// CBC.99100073 (also for users of other partners, which stay invisible).
pub fn account_manager(
    conn: &mut DbConnection,
    partner_id: &str,
    login_name: &str,
) -> Result<UserRow, Failure> {
    users::find_by_name(conn, login_name)?
        .filter(|u| {
            u.partner_id == partner_id && Roles::from_stored(&u.roles).contains(Role::AccountManager)
        })
        .ok_or_else(|| {
            Failure::Refused(Violation::new(
                codes::NOT_AN_ACCOUNT_MANAGER,
                "account_manager_id must be the login name of one of your users with the account_manager role",
            ))
        })
}

/// Pairs each listed row with its account manager, in one query for the whole page.
pub fn with_managers<T>(
    conn: &mut DbConnection,
    rows: Vec<T>,
    manager_of: impl Fn(&T) -> Option<&String>,
) -> Result<Vec<(T, Option<UserRow>)>, Failure> {
    let ids: Vec<String> = rows.iter().filter_map(|r| manager_of(r).cloned()).collect();
    let managers = persistence::repo::channel::users_by_id(conn, &ids)?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let m = manager_of(&r).and_then(|id| managers.get(id).cloned());
            (r, m)
        })
        .collect())
}
