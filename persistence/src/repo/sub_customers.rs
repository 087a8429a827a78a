//! Queries over partners' sub-customers: ListSubCustomers filters and identity look-ups.

use super::customers::CustomerRow;
use super::query::{ascii_lower, lower, replace, Be};
use crate::schema::customers;
use crate::{DbConnection, StoreError};
use diesel::prelude::*;

/// Filters of ListSubCustomers; `None` is "no filter". Text filters match anywhere inside.
#[derive(Debug, Clone)]
pub struct SubCustomerFilter<'a> {
    pub partner_id: &'a str,
    /// Case-insensitive.
    pub account_name: Option<&'a str>,
    /// The real name; case-insensitive.
    pub customer: Option<&'a str>,
    /// Case-sensitive, as Huawei documents.
    pub label: Option<&'a str>,
    pub association_type: Option<&'a str>,
    pub associated_from: Option<i64>,
    pub associated_to: Option<i64>,
    pub customer_id: Option<&'a str>,
    pub offset: i64,
    pub limit: i64,
}

fn filtered<'a>(f: &SubCustomerFilter<'a>) -> customers::BoxedQuery<'a, Be> {
    let mut q = customers::table
        .into_boxed::<Be>()
        .filter(customers::partner_id.eq(f.partner_id));
    if let Some(n) = f.account_name {
        let col = lower(customers::domain_name.nullable());
        q = q.filter(replace(col, ascii_lower(n), "").ne(col));
    }
    if let Some(n) = f.customer {
        let col = lower(customers::customer_name);
        q = q.filter(replace(col, ascii_lower(n), "").ne(col));
    }
    if let Some(l) = f.label {
        q = q.filter(replace(customers::label, l.to_owned(), "").ne(customers::label));
    }
    if let Some(t) = f.association_type {
        q = q.filter(customers::association_type.eq(t));
    }
    if let Some(t) = f.associated_from {
        q = q.filter(customers::associated_at.ge(t));
    }
    if let Some(t) = f.associated_to {
        q = q.filter(customers::associated_at.le(t));
    }
    if let Some(id) = f.customer_id {
        q = q.filter(customers::id.eq(id));
    }
    q
}

/// The total and one page of a partner's customers, most recently associated first.
pub fn list(
    conn: &mut DbConnection,
    f: &SubCustomerFilter<'_>,
) -> Result<(i64, Vec<CustomerRow>), StoreError> {
    let total: i64 = filtered(f).count().get_result(conn)?;
    let rows = filtered(f)
        .order((customers::associated_at.desc(), customers::id.asc()))
        .offset(f.offset)
        .limit(f.limit)
        .select(CustomerRow::as_select())
        .load(conn)?;
    Ok((total, rows))
}

/// Customers registered with this mobile number.
pub fn count_by_mobile(conn: &mut DbConnection, phone: &str) -> Result<i64, StoreError> {
    Ok(customers::table
        .filter(customers::mobile_phone.eq(phone))
        .count()
        .get_result(conn)?)
}

/// Customers with this e-mail address (at most `limit`).
pub fn by_email(
    conn: &mut DbConnection,
    email: &str,
    limit: i64,
) -> Result<Vec<CustomerRow>, StoreError> {
    Ok(customers::table
        .filter(customers::email.eq(email))
        .order(customers::created_at.asc())
        .limit(limit)
        .select(CustomerRow::as_select())
        .load(conn)?)
}

/// Sets (or clears) a sub-customer's account manager; false if it is not `partner_id`'s.
pub fn set_account_manager(
    conn: &mut DbConnection,
    partner_id: &str,
    customer_id: &str,
    user_id: Option<&str>,
) -> Result<bool, StoreError> {
    let n = diesel::update(
        customers::table
            .filter(customers::id.eq(customer_id))
            .filter(customers::partner_id.eq(partner_id)),
    )
    .set(customers::account_manager_user_id.eq(user_id))
    .execute(conn)?;
    Ok(n == 1)
}

pub fn by_ids(
    conn: &mut DbConnection,
    ids: &[String],
) -> Result<std::collections::HashMap<String, CustomerRow>, StoreError> {
    let rows: Vec<CustomerRow> = customers::table
        .filter(customers::id.eq_any(ids))
        .select(CustomerRow::as_select())
        .load(conn)?;
    Ok(rows.into_iter().map(|r| (r.id.clone(), r)).collect())
}
