//! S14 business information submissions and their certification. Each submission is kept;
//! a new one supersedes the partner's current one.

use super::Decision;
use crate::schema_programs::business_info_certifications as t;
use crate::{DbConnection, StoreError};
use diesel::prelude::*;

pub const REVIEWING: &str = "REVIEWING";
pub const SUPERSEDED: &str = "SUPERSEDED";

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = t)]
pub struct BusinessInfoRow {
    pub id: String,
    pub partner_id: String,
    pub status: String,
    pub company_name: String,
    pub account_type: String,
    pub account_name: String,
    pub account_number: String,
    pub bank_name: String,
    pub bank_branch: Option<String>,
    pub taxpayer_id: String,
    pub taxpayer_type: String,
    pub submitted_at: i64,
    pub reviewed_at: Option<i64>,
    pub reason_codes: Option<String>,
    pub reason: Option<String>,
}

/// The partner's current submission (the one not superseded), if any.
pub fn current(
    conn: &mut DbConnection,
    partner_id: &str,
) -> Result<Option<BusinessInfoRow>, StoreError> {
    Ok(t::table
        .filter(t::partner_id.eq(partner_id))
        .filter(t::status.ne(SUPERSEDED))
        .select(BusinessInfoRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn find(conn: &mut DbConnection, id: &str) -> Result<Option<BusinessInfoRow>, StoreError> {
    Ok(t::table
        .find(id)
        .select(BusinessInfoRow::as_select())
        .first(conn)
        .optional()?)
}

/// Makes `row` the partner's current submission. A racing submission makes the insert hit
/// the one-current index ([`StoreError::Duplicate`]); the caller retries.
pub fn replace_current(conn: &mut DbConnection, row: &BusinessInfoRow) -> Result<(), StoreError> {
    diesel::update(
        t::table
            .filter(t::partner_id.eq(&row.partner_id))
            .filter(t::status.ne(SUPERSEDED)),
    )
    .set(t::status.eq(SUPERSEDED))
    .execute(conn)?;
    diesel::insert_into(t::table).values(row).execute(conn)?;
    Ok(())
}

pub fn decide(conn: &mut DbConnection, id: &str, d: &Decision) -> Result<bool, StoreError> {
    let n = diesel::update(t::table.find(id).filter(t::status.eq(REVIEWING)))
        .set((
            t::status.eq(&d.status),
            t::reviewed_at.eq(d.at),
            t::reason_codes.eq(d.stored_codes()),
            t::reason.eq(&d.reason),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

crate::repo::query::review_queue!(t, BusinessInfoRow, submitted_at);
