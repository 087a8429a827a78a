//! Independent customers created by the operator.

use crate::service::Failure;
use domain::identity::{CountryCode, DomainName};
use persistence::repo::{accounts, customers, customers::CustomerRow};
use persistence::{ids, DbConnection};

pub struct NewCustomer {
    pub domain_name: DomainName,
    pub country_code: CountryCode,
    pub has_credit_account: bool,
    pub is_partner: bool,
    pub special_contract: bool,
    pub email: Option<String>,
    pub password_hash: Option<String>,
}

pub fn create(conn: &mut DbConnection, c: &NewCustomer, now: i64) -> Result<CustomerRow, Failure> {
    super::users::login_name_free(conn, c.domain_name.as_str())?;
    let row = CustomerRow {
        id: ids::new_id(),
        domain_id: ids::new_id(),
        domain_name: c.domain_name.as_str().to_owned(),
        country_code: c.country_code.as_str().to_owned(),
        has_credit_account: c.has_credit_account,
        is_partner: c.is_partner,
        special_contract: c.special_contract,
        email: c.email.clone(),
        mobile_phone: None,
        customer_name: None,
        password_hash: c.password_hash.clone(),
        partner_id: None,
        association_type: None,
        associated_at: None,
        label: None,
        account_manager_user_id: None,
        xaccount_id: None,
        xaccount_type: None,
        created_at: now,
    };
    customers::insert(conn, &row)?;
    crate::audit::add_target(&row.id);
    accounts::ensure(conn, accounts::CUSTOMER, &row.id, accounts::CASH, now)?;
    if c.has_credit_account {
        accounts::ensure(conn, accounts::CUSTOMER, &row.id, accounts::CREDIT, now)?;
    }
    Ok(row)
}
