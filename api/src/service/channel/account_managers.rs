//! S1: one account manager per linked reseller, and one per sub-customer; re-assigning replaces,
//! `None` clears.

use super::scope::{account_manager, own_customer, own_reseller};
use crate::service::Failure;
use persistence::repo::{channel, sub_customers};
use persistence::{DbConnection, StoreError};

/// Assigns `login_name` (a user of the distributor with the `account_manager` role) to one of
/// the distributor's linked resellers.
pub fn for_reseller(
    conn: &mut DbConnection,
    distributor_id: &str,
    reseller_id: &str,
    login_name: Option<&str>,
) -> Result<(), Failure> {
    own_reseller(conn, distributor_id, reseller_id)?;
    let user = match login_name {
        Some(l) => Some(account_manager(conn, distributor_id, l)?),
        None => None,
    };
    let user_id = user.as_ref().map(|u| u.id.as_str());
    if !channel::set_reseller_account_manager(conn, distributor_id, reseller_id, user_id)? {
        return Err(StoreError::Retryable.into());
    }
    Ok(())
}

/// Assigns `login_name` (a user of the partner with the `account_manager` role) to one of the
/// partner's customers.
pub fn for_customer(
    conn: &mut DbConnection,
    partner_id: &str,
    customer_id: &str,
    login_name: Option<&str>,
) -> Result<(), Failure> {
    own_customer(conn, partner_id, customer_id)?;
    let user = match login_name {
        Some(l) => Some(account_manager(conn, partner_id, l)?),
        None => None,
    };
    let user_id = user.as_ref().map(|u| u.id.as_str());
    if !sub_customers::set_account_manager(conn, partner_id, customer_id, user_id)? {
        return Err(StoreError::Retryable.into());
    }
    Ok(())
}
