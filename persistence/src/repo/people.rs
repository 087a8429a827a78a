//! A partner's people as its admin manages them (#20), and partners' suspension and updates.

use crate::schema::{accounts, customers, partner_users as pu, partners};
use crate::{DbConnection, StoreError};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = pu)]
pub struct PersonRow {
    pub id: String,
    pub partner_id: String,
    pub user_name: String,
    pub display_name: Option<String>,
    pub roles: String,
    pub supervisor_user_id: Option<String>,
    pub created_at: i64,
    pub active: bool,
    pub email: Option<String>,
    pub mobile_phone: Option<String>,
    /// `zh-CN` or `en`: the language of the notices the user gets.
    pub language: String,
}

pub fn find(conn: &mut DbConnection, id: &str) -> Result<Option<PersonRow>, StoreError> {
    Ok(pu::table
        .find(id)
        .select(PersonRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn of_partner(conn: &mut DbConnection, partner_id: &str) -> Result<Vec<PersonRow>, StoreError> {
    Ok(pu::table
        .filter(pu::partner_id.eq(partner_id))
        .order((pu::created_at.asc(), pu::id.asc()))
        .select(PersonRow::as_select())
        .load(conn)?)
}

/// What an update changes; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = pu)]
pub struct PersonChanges {
    pub display_name: Option<Option<String>>,
    pub roles: Option<String>,
    pub supervisor_user_id: Option<Option<String>>,
    pub email: Option<Option<String>>,
    pub mobile_phone: Option<Option<String>>,
    pub language: Option<String>,
}

pub fn update(conn: &mut DbConnection, id: &str, c: &PersonChanges) -> Result<(), StoreError> {
    if c.display_name.is_none()
        && c.roles.is_none()
        && c.supervisor_user_id.is_none()
        && c.email.is_none()
        && c.mobile_phone.is_none()
        && c.language.is_none()
    {
        return Ok(());
    }
    diesel::update(pu::table.find(id)).set(c).execute(conn)?;
    Ok(())
}

/// Locks the partner's row for the rest of the transaction (PostgreSQL), so two admins
/// removing each other cannot both pass the last-admin check.
pub fn lock_partner(conn: &mut DbConnection, partner_id: &str) -> Result<(), StoreError> {
    super::partners::lock(conn, &[partner_id])
}

/// When the partner was suspended, if it is.
pub fn suspended_at(conn: &mut DbConnection, partner_id: &str) -> Result<Option<i64>, StoreError> {
    Ok(partners::table
        .find(partner_id)
        .select(partners::suspended_at)
        .first::<Option<i64>>(conn)
        .optional()?
        .flatten())
}

pub fn set_suspended(
    conn: &mut DbConnection,
    partner_id: &str,
    at: Option<i64>,
    reason: Option<&str>,
) -> Result<(), StoreError> {
    diesel::update(partners::table.find(partner_id))
        .set((
            partners::suspended_at.eq(at),
            partners::suspend_reason.eq(reason),
        ))
        .execute(conn)?;
    Ok(())
}

/// What an operator's partner update changes; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = partners)]
pub struct PartnerChanges {
    pub name: Option<String>,
    pub email: Option<Option<String>>,
    pub mobile_phone: Option<Option<String>>,
    pub marketing_plan_version: Option<String>,
    pub reseller_program_joined: Option<bool>,
    pub country_code: Option<String>,
}

pub fn update_partner(
    conn: &mut DbConnection,
    id: &str,
    c: &PartnerChanges,
) -> Result<(), StoreError> {
    if c.name.is_none()
        && c.email.is_none()
        && c.mobile_phone.is_none()
        && c.marketing_plan_version.is_none()
        && c.reseller_program_joined.is_none()
        && c.country_code.is_none()
    {
        return Ok(());
    }
    diesel::update(partners::table.find(id))
        .set(c)
        .execute(conn)?;
    Ok(())
}

/// What ties a partner to its country: links to other partners, customers, money.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Ties {
    pub linked: bool,
    pub customers: bool,
    pub money: bool,
}

pub fn ties(conn: &mut DbConnection, id: &str) -> Result<Ties, StoreError> {
    let parent: Option<String> = partners::table
        .find(id)
        .select(partners::parent_id)
        .first::<Option<String>>(conn)
        .optional()?
        .flatten();
    let children: i64 = partners::table
        .filter(partners::parent_id.eq(id))
        .count()
        .get_result(conn)?;
    let custs: i64 = customers::table
        .filter(customers::partner_id.eq(id))
        .count()
        .get_result(conn)?;
    let money: i64 = accounts::table
        .filter(accounts::owner_kind.eq("partner"))
        .filter(accounts::owner_id.eq(id))
        .filter(
            accounts::balance_cents
                .ne(0)
                .or(accounts::credit_limit_cents.ne(0)),
        )
        .count()
        .get_result(conn)?;
    Ok(Ties {
        linked: parent.is_some() || children > 0,
        customers: custs > 0,
        money: money > 0,
    })
}
