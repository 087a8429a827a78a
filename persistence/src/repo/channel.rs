//! Channel queries over partners and users: a distributor's resellers and account managers.

use super::partners::PartnerRow;
use super::query::Be;
use super::users::UserRow;
use crate::schema::{partner_users, partners};
use crate::{DbConnection, StoreError};
use diesel::prelude::*;
use std::collections::HashMap;

pub fn find_partner_by_account_name(
    conn: &mut DbConnection,
    name: &str,
) -> Result<Option<PartnerRow>, StoreError> {
    Ok(partners::table
        .filter(partners::account_name.eq(name))
        .select(PartnerRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn partners_by_id(
    conn: &mut DbConnection,
    ids: &[String],
) -> Result<HashMap<String, PartnerRow>, StoreError> {
    let rows: Vec<PartnerRow> = partners::table
        .filter(partners::id.eq_any(ids))
        .select(PartnerRow::as_select())
        .load(conn)?;
    Ok(rows.into_iter().map(|r| (r.id.clone(), r)).collect())
}

pub fn users_by_id(
    conn: &mut DbConnection,
    ids: &[String],
) -> Result<HashMap<String, UserRow>, StoreError> {
    let rows: Vec<UserRow> = partner_users::table
        .filter(partner_users::id.eq_any(ids))
        .select(UserRow::as_select())
        .load(conn)?;
    Ok(rows.into_iter().map(|r| (r.id.clone(), r)).collect())
}

/// Sets (or with `None` clears) a linked reseller's account manager; false if the reseller
/// is not linked to `distributor_id`.
pub fn set_reseller_account_manager(
    conn: &mut DbConnection,
    distributor_id: &str,
    reseller_id: &str,
    user_id: Option<&str>,
) -> Result<bool, StoreError> {
    let n = diesel::update(
        partners::table
            .filter(partners::id.eq(reseller_id))
            .filter(partners::parent_id.eq(distributor_id)),
    )
    .set(partners::account_manager_user_id.eq(user_id))
    .execute(conn)?;
    Ok(n == 1)
}

/// Filters of ListIndirectPartners; `None` is "no filter".
#[derive(Debug, Clone)]
pub struct IndirectPartnerFilter<'a> {
    pub distributor_id: &'a str,
    pub account_name: Option<&'a str>,
    pub associated_from: Option<i64>,
    pub associated_to: Option<i64>,
    pub reseller_id: Option<&'a str>,
    pub offset: i64,
    pub limit: i64,
}

fn filtered<'a>(f: &IndirectPartnerFilter<'a>) -> partners::BoxedQuery<'a, Be> {
    let mut q = partners::table
        .into_boxed::<Be>()
        .filter(partners::parent_id.eq(f.distributor_id));
    if let Some(n) = f.account_name {
        q = q.filter(partners::account_name.eq(n));
    }
    if let Some(t) = f.associated_from {
        q = q.filter(partners::associated_at.ge(t));
    }
    if let Some(t) = f.associated_to {
        q = q.filter(partners::associated_at.le(t));
    }
    if let Some(id) = f.reseller_id {
        q = q.filter(partners::id.eq(id));
    }
    q
}

/// The total and one page of a distributor's resellers, most recently associated first.
pub fn list_indirect_partners(
    conn: &mut DbConnection,
    f: &IndirectPartnerFilter<'_>,
) -> Result<(i64, Vec<PartnerRow>), StoreError> {
    let total: i64 = filtered(f).count().get_result(conn)?;
    let rows = filtered(f)
        .order((partners::associated_at.desc(), partners::id.asc()))
        .offset(f.offset)
        .limit(f.limit)
        .select(PartnerRow::as_select())
        .load(conn)?;
    Ok((total, rows))
}
