//! Whose objects a partner user may see and act on. Foreign ids answer exactly like missing
//! ones (CBC.99000037 for resellers, CBC.99000035 for customers), so they reveal nothing.

use domain::channel::PartnerFacts;
use domain::identity::{PartnerType, Role, Roles};
use domain::{codes, Violation};
use persistence::repo::customers::{self, CustomerRow};
use persistence::repo::partners::{self, PartnerRow};
use persistence::repo::users::{self, UserRow};
use persistence::{DbConnection, StoreError};

pub fn facts(row: &PartnerRow) -> Result<PartnerFacts<'_>, StoreError> {
    Ok(PartnerFacts {
        id: &row.id,
        partner_type: partner_type(row)?,
        country_code: &row.country_code,
        reseller_program_joined: row.reseller_program_joined,
        parent_id: row.parent_id.as_deref(),
    })
}

pub fn partner_type(row: &PartnerRow) -> Result<PartnerType, StoreError> {
    row.partner_type
        .parse()
        .map_err(|_| StoreError::Internal("stored partner type is unknown".into()))
}

fn not_your_reseller() -> StoreError {
    StoreError::Rule(Violation::new(
        codes::NOT_YOUR_RESELLER,
        "indirect_partner_id does not name one of your resellers",
    ))
}

/// The reseller, if it is linked to `distributor_id`; otherwise CBC.99000037.
pub fn own_reseller(
    conn: &mut DbConnection,
    distributor_id: &str,
    reseller_id: &str,
) -> Result<PartnerRow, StoreError> {
    partners::find(conn, reseller_id)?
        .filter(|r| r.parent_id.as_deref() == Some(distributor_id))
        .ok_or_else(not_your_reseller)
}

/// The partner the caller acts for: its own, or (a distributor passing `indirect_partner_id`)
/// one of its resellers.
pub fn acting_partner(
    conn: &mut DbConnection,
    caller_partner_id: &str,
    indirect_partner_id: Option<&str>,
) -> Result<PartnerRow, StoreError> {
    let me = partners::find(conn, caller_partner_id)?
        .ok_or_else(|| StoreError::Internal("the caller's partner vanished".into()))?;
    match indirect_partner_id {
        None => Ok(me),
        Some(_) if partner_type(&me)? != PartnerType::Distributor => Err(not_your_reseller()),
        Some(id) => own_reseller(conn, &me.id, id),
    }
}

/// The customer, if it is `partner_id`'s sub-customer; otherwise CBC.99000035.
pub fn own_customer(
    conn: &mut DbConnection,
    partner_id: &str,
    customer_id: &str,
) -> Result<CustomerRow, StoreError> {
    customers::find(conn, customer_id)?
        .filter(|c| c.partner_id.as_deref() == Some(partner_id))
        .ok_or_else(|| {
            StoreError::Rule(Violation::new(
                codes::NOT_SUB_CUSTOMER,
                "customer_id does not name one of your customers",
            ))
        })
}

/// The user named `login_name`, if it is an `account_manager` of `partner_id`; otherwise
/// CBC.99100073 (also for users of other partners, which stay invisible).
pub fn account_manager(
    conn: &mut DbConnection,
    partner_id: &str,
    login_name: &str,
) -> Result<UserRow, StoreError> {
    users::find_by_name(conn, login_name)?
        .filter(|u| {
            u.partner_id == partner_id && Roles::from_stored(&u.roles).contains(Role::AccountManager)
        })
        .ok_or_else(|| {
            StoreError::Rule(Violation::new(
                codes::NOT_AN_ACCOUNT_MANAGER,
                "account_manager_id must be the login name of one of your users with the account_manager role",
            ))
        })
}
