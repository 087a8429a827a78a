//! Customers: independent ones and partners' sub-customers.

use crate::schema::{customers, lower};
use crate::{DbConnection, StoreError};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = customers)]
pub struct CustomerRow {
    pub id: String,
    pub domain_id: String,
    pub domain_name: String,
    pub country_code: String,
    pub has_credit_account: bool,
    pub is_partner: bool,
    pub special_contract: bool,
    pub email: Option<String>,
    pub mobile_phone: Option<String>,
    pub customer_name: Option<String>,
    pub password_hash: Option<String>,
    pub partner_id: Option<String>,
    pub association_type: Option<String>,
    pub associated_at: Option<i64>,
    pub label: Option<String>,
    pub account_manager_user_id: Option<String>,
    pub xaccount_id: Option<String>,
    pub xaccount_type: Option<String>,
    pub created_at: i64,
}

pub fn insert(conn: &mut DbConnection, row: &CustomerRow) -> Result<(), StoreError> {
    diesel::insert_into(customers::table)
        .values(row)
        .execute(conn)
        .map(drop)
        .map_err(StoreError::from)
}

/// Locks the customer's row for the rest of the transaction (PostgreSQL; on SQLite the writer
/// turn is the lock): taken before its link to a partner is checked by whoever may end the
/// link (disassociate) or move money across it, so the two never interleave.
pub fn lock(conn: &mut DbConnection, id: &str) -> Result<(), StoreError> {
    if let DbConnection::Pg(pg) = conn {
        customers::table
            .find(id)
            .select(customers::id)
            .for_no_key_update()
            .load::<String>(pg)?;
    }
    Ok(())
}

pub fn find(conn: &mut DbConnection, id: &str) -> Result<Option<CustomerRow>, StoreError> {
    Ok(customers::table
        .find(id)
        .select(CustomerRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn find_by_domain_name(
    conn: &mut DbConnection,
    name: &str,
) -> Result<Option<CustomerRow>, StoreError> {
    Ok(customers::table
        .filter(lower(customers::domain_name).eq(name.to_lowercase()))
        .select(CustomerRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn domain_name_taken(conn: &mut DbConnection, name: &str) -> Result<bool, StoreError> {
    let n: i64 = customers::table
        .filter(lower(customers::domain_name).eq(name.to_lowercase()))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Associates an independent customer with a partner; false if it already has one.
pub fn associate(
    conn: &mut DbConnection,
    customer_id: &str,
    partner_id: &str,
    association_type: &str,
    at: i64,
) -> Result<bool, StoreError> {
    let n = diesel::update(
        customers::table
            .filter(customers::id.eq(customer_id))
            .filter(customers::partner_id.is_null()),
    )
    .set((
        customers::partner_id.eq(partner_id),
        customers::association_type.eq(association_type),
        customers::associated_at.eq(at),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// Display names (real name, else account name) of the given customers.
pub fn names(
    conn: &mut DbConnection,
    ids: &[String],
) -> Result<std::collections::HashMap<String, String>, StoreError> {
    let rows: Vec<(String, String, Option<String>)> = customers::table
        .filter(customers::id.eq_any(ids))
        .select((
            customers::id,
            customers::domain_name,
            customers::customer_name,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, domain, name)| (id, name.unwrap_or(domain)))
        .collect())
}

/// Ids of the partner's associated customers.
pub fn ids_of_partner(
    conn: &mut DbConnection,
    partner_id: &str,
) -> Result<Vec<String>, StoreError> {
    Ok(customers::table
        .filter(customers::partner_id.eq(partner_id))
        .select(customers::id)
        .load(conn)?)
}
