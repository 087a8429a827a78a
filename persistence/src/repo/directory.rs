//! The operator's directory: every partner and every customer, searched and paged by key
//! (the id: stable under inserts, one index range per page).

use super::customers::CustomerRow;
use super::partners::PartnerRow;
use super::query::{ascii_lower, lower, replace, Be};
use crate::schema::{customers, partners};
use crate::{DbConnection, StoreError};
use diesel::prelude::*;
use domain::directory::{
    Association, CustomerEntry, CustomerSearch, Found, KeyPage, PartnerEntry, PartnerSearch,
};

pub fn partners(
    conn: &mut DbConnection,
    s: &PartnerSearch,
    page: &KeyPage,
) -> Result<Found<PartnerEntry>, StoreError> {
    let filtered = || {
        let mut q = partners::table.into_boxed::<Be>();
        if let Some(n) = &s.name {
            let col = lower(partners::name.nullable());
            q = q.filter(replace(col, ascii_lower(n), "").ne(col));
        }
        if let Some(n) = &s.account_name {
            let col = lower(partners::account_name.nullable());
            q = q.filter(replace(col, ascii_lower(n), "").ne(col));
        }
        if let Some(t) = &s.partner_type {
            q = q.filter(partners::partner_type.eq(t.as_str()));
        }
        if let Some(c) = &s.country_code {
            q = q.filter(partners::country_code.eq(c.clone()));
        }
        if let Some(p) = &s.parent_id {
            q = q.filter(partners::parent_id.eq(p.clone()));
        }
        match s.suspended {
            Some(true) => q = q.filter(partners::suspended_at.is_not_null()),
            Some(false) => q = q.filter(partners::suspended_at.is_null()),
            None => {}
        }
        q
    };
    let total = filtered().count().get_result(conn)?;
    let mut q = filtered();
    if let Some(a) = &page.after {
        q = q.filter(partners::id.gt(a.clone()));
    }
    let rows = q
        .order(partners::id.asc())
        .limit(page.limit + 1)
        .select((PartnerRow::as_select(), partners::suspended_at))
        .load::<(PartnerRow, Option<i64>)>(conn)?
        .into_iter()
        .map(|(row, suspended_at)| {
            PartnerEntry::try_from(row).map(|e| PartnerEntry { suspended_at, ..e })
        })
        .collect::<Result<_, _>>()?;
    Ok(Found::cut(total, rows, page.limit, |e| &e.id))
}

pub fn customers(
    conn: &mut DbConnection,
    s: &CustomerSearch,
    page: &KeyPage,
) -> Result<Found<CustomerEntry>, StoreError> {
    let filtered = || {
        let mut q = customers::table.into_boxed::<Be>();
        if let Some(n) = &s.name {
            let col = lower(customers::customer_name);
            q = q.filter(replace(col, ascii_lower(n), "").ne(col));
        }
        if let Some(n) = &s.account_name {
            let col = lower(customers::domain_name.nullable());
            q = q.filter(replace(col, ascii_lower(n), "").ne(col));
        }
        if let Some(c) = &s.country_code {
            q = q.filter(customers::country_code.eq(c.clone()));
        }
        if let Some(p) = &s.partner_id {
            q = q.filter(customers::partner_id.eq(p.clone()));
        }
        if let Some(c) = &s.customer_id {
            q = q.filter(customers::id.eq(c.clone()));
        }
        match s.association {
            Some(Association::Associated) => q = q.filter(customers::partner_id.is_not_null()),
            Some(Association::Unassociated) => q = q.filter(customers::partner_id.is_null()),
            None => {}
        }
        q
    };
    let total = filtered().count().get_result(conn)?;
    let mut q = filtered();
    if let Some(a) = &page.after {
        q = q.filter(customers::id.gt(a.clone()));
    }
    let rows = q
        .order(customers::id.asc())
        .limit(page.limit + 1)
        .select(CustomerRow::as_select())
        .load(conn)?
        .into_iter()
        .map(CustomerEntry::from)
        .collect();
    Ok(Found::cut(total, rows, page.limit, |e| &e.id))
}

impl TryFrom<PartnerRow> for PartnerEntry {
    type Error = StoreError;

    fn try_from(r: PartnerRow) -> Result<Self, StoreError> {
        Ok(PartnerEntry {
            partner_type: r
                .partner_type
                .parse()
                .map_err(|_| StoreError::Internal("stored partner type is unknown".into()))?,
            id: r.id,
            domain_id: r.domain_id,
            name: r.name,
            account_name: r.account_name,
            country_code: r.country_code,
            reseller_program_joined: r.reseller_program_joined,
            marketing_plan_version: r.marketing_plan_version,
            parent_id: r.parent_id,
            suspended_at: None,
            created_at: r.created_at,
        })
    }
}

impl From<CustomerRow> for CustomerEntry {
    fn from(r: CustomerRow) -> Self {
        CustomerEntry {
            id: r.id,
            domain_id: r.domain_id,
            account_name: r.domain_name,
            customer_name: r.customer_name,
            country_code: r.country_code,
            partner_id: r.partner_id,
            association_type: r.association_type,
            associated_at: r.associated_at,
            created_at: r.created_at,
        }
    }
}
