//! CreateSubCustomer, ListSubCustomers and CheckUserIdentity.

use super::scope::{acting_partner, with_managers};
use crate::service::users::login_name_free;
use crate::service::Failure;
use domain::association::AssociationType;
use domain::identity::DomainName;
use domain::sub_customer::{IdentitySearch, MAX_CUSTOMERS_PER_MOBILE};
use domain::{codes, Violation};
use persistence::repo::customers::{self, CustomerRow};
use persistence::repo::sub_customers::{self as repo, SubCustomerFilter};
use persistence::repo::users::UserRow;
use persistence::repo::{accounts, verification};
use persistence::{ids, DbConnection};

pub struct NewSubCustomer {
    pub caller_partner_id: String,
    pub indirect_partner_id: Option<String>,
    pub domain_name: DomainName,
    pub mobile_phone: Option<String>,
    /// The verified code's record, used up with the creation.
    pub verification_id: Option<String>,
    pub password_hash: Option<String>,
    pub association_type: AssociationType,
    pub xaccount_id: Option<String>,
    pub xaccount_type: Option<String>,
    /// The address a customer registering through an e-mail invitation was invited at.
    pub email: Option<String>,
}

/// Creates the customer associated with the acting partner. Its customer id is its domain id,
/// as on Huawei (ListSubCustomers' `customer_id` is CreateSubCustomer's `domain_id`).
pub fn create(
    conn: &mut DbConnection,
    n: &NewSubCustomer,
    now: i64,
) -> Result<CustomerRow, Failure> {
    let partner = acting_partner(conn, &n.caller_partner_id, n.indirect_partner_id.as_deref())?;
    login_name_free(conn, n.domain_name.as_str())?;
    if let Some(phone) = &n.mobile_phone {
        if repo::count_by_mobile(conn, phone)? >= MAX_CUSTOMERS_PER_MOBILE {
            return Err(Failure::Refused(Violation::new(
                codes::MOBILE_REGISTRATION_EXCEEDED,
                "mobile_phone has registered the maximum number of customers",
            )));
        }
    }
    if let Some(code_id) = &n.verification_id {
        if !verification::mark_used(conn, code_id, now)? {
            return Err(Failure::Refused(Violation::new(
                codes::VERIFICATION_CODE_EXPIRED,
                "verification_code has already been used; request a new one",
            )));
        }
    }
    let id = ids::new_id();
    let row = CustomerRow {
        domain_id: id.clone(),
        id,
        domain_name: n.domain_name.as_str().to_owned(),
        country_code: partner.country_code.clone(),
        has_credit_account: false,
        is_partner: false,
        special_contract: false,
        email: n.email.clone(),
        mobile_phone: n.mobile_phone.clone(),
        customer_name: None,
        password_hash: n.password_hash.clone(),
        partner_id: Some(partner.id.clone()),
        association_type: Some(n.association_type.as_str().to_owned()),
        associated_at: Some(now),
        label: None,
        account_manager_user_id: None,
        xaccount_id: n.xaccount_id.clone(),
        xaccount_type: n.xaccount_type.clone(),
        created_at: now,
    };
    customers::insert(conn, &row)?;
    accounts::ensure(conn, accounts::CUSTOMER, &row.id, accounts::CASH, now)?;
    Ok(row)
}

pub struct Listed {
    pub count: i64,
    pub rows: Vec<(CustomerRow, Option<UserRow>)>,
}

/// The acting partner's customers (`filter.partner_id` is replaced by it).
pub fn list(
    conn: &mut DbConnection,
    caller_partner_id: &str,
    indirect_partner_id: Option<&str>,
    filter: &SubCustomerFilter<'_>,
) -> Result<Listed, Failure> {
    let partner = acting_partner(conn, caller_partner_id, indirect_partner_id)?;
    let f = SubCustomerFilter {
        partner_id: &partner.id,
        ..filter.clone()
    };
    let (count, rows) = repo::list(conn, &f)?;
    let rows = with_managers(conn, rows, |r| r.account_manager_user_id.as_ref())?;
    Ok(Listed { count, rows })
}

pub struct IdentityCheck {
    pub available: bool,
    /// Only for mobile searches.
    pub mobile_remaining: Option<i64>,
}

/// Whether a login name, e-mail or mobile number can still register a customer.
pub fn check_identity(
    conn: &mut DbConnection,
    search: &IdentitySearch,
) -> Result<IdentityCheck, Failure> {
    Ok(match search {
        IdentitySearch::Name(n) => IdentityCheck {
            available: match login_name_free(conn, n) {
                Ok(()) => true,
                Err(Failure::Refused(_)) => false,
                Err(e) => return Err(e),
            },
            mobile_remaining: None,
        },
        IdentitySearch::Email(e) => IdentityCheck {
            available: repo::by_email(conn, e, 1)?.is_empty(),
            mobile_remaining: None,
        },
        IdentitySearch::Mobile(m) => {
            let left = (MAX_CUSTOMERS_PER_MOBILE - repo::count_by_mobile(conn, m)?).max(0);
            IdentityCheck {
                available: left > 0,
                mobile_remaining: Some(left),
            }
        }
    })
}
