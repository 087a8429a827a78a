//! Incentives granted to partners and their payout applications (S14).

use crate::schema_programs::{incentives as t, payout_applications as p};
use crate::{DbConnection, StoreError};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = t)]
pub struct IncentiveRow {
    pub id: String,
    pub partner_id: String,
    pub incentive_type: String,
    pub amount_cents: i64,
    pub currency: String,
    /// What it pays, e.g. the subsidy application.
    pub source_id: Option<String>,
    pub remark: Option<String>,
    pub created_at: i64,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = p)]
pub struct PayoutRow {
    pub id: String,
    pub incentive_id: String,
    pub partner_id: String,
    pub business_info_id: String,
    pub status: String,
    pub applied_at: i64,
}

pub fn insert(conn: &mut DbConnection, row: &IncentiveRow) -> Result<(), StoreError> {
    diesel::insert_into(t::table).values(row).execute(conn)?;
    Ok(())
}

pub fn find(conn: &mut DbConnection, id: &str) -> Result<Option<IncentiveRow>, StoreError> {
    Ok(t::table
        .find(id)
        .select(IncentiveRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn list(
    conn: &mut DbConnection,
    partner_id: &str,
    offset: i64,
    limit: i64,
) -> Result<(i64, Vec<IncentiveRow>), StoreError> {
    let total = t::table
        .filter(t::partner_id.eq(partner_id))
        .count()
        .get_result(conn)?;
    let rows = t::table
        .filter(t::partner_id.eq(partner_id))
        .order((t::created_at.desc(), t::id.asc()))
        .offset(offset)
        .limit(limit)
        .select(IncentiveRow::as_select())
        .load(conn)?;
    Ok((total, rows))
}

/// A payout application; a second one for the same incentive is [`StoreError::Duplicate`].
pub fn insert_payout(conn: &mut DbConnection, row: &PayoutRow) -> Result<(), StoreError> {
    diesel::insert_into(p::table).values(row).execute(conn)?;
    Ok(())
}

pub fn payouts_for(
    conn: &mut DbConnection,
    incentive_ids: &[String],
) -> Result<Vec<PayoutRow>, StoreError> {
    Ok(p::table
        .filter(p::incentive_id.eq_any(incentive_ids))
        .select(PayoutRow::as_select())
        .load(conn)?)
}
