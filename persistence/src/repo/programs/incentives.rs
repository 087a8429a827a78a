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
    /// Set when paid: the bank's reference, what was paid and in which currency.
    pub bank_reference: Option<String>,
    pub paid_cents: Option<i64>,
    pub paid_currency: Option<String>,
    /// Set when rejected: the reasons' codes (comma-separated, [`super::split`]) and free text.
    pub reason_codes: Option<String>,
    pub reason: Option<String>,
    pub decided_at: Option<i64>,
}

/// The operator's decision on a submitted payout application.
pub enum PayoutDecision<'a> {
    Paid {
        bank_reference: &'a str,
        cents: i64,
        currency: &'a str,
    },
    Rejected {
        reason_codes: &'a [String],
        reason: Option<&'a str>,
    },
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

pub fn find_payout(conn: &mut DbConnection, id: &str) -> Result<Option<PayoutRow>, StoreError> {
    Ok(p::table
        .find(id)
        .select(PayoutRow::as_select())
        .first(conn)
        .optional()?)
}

/// Decides the application if it is still `from` (submitted); false if it no longer is, so
/// of two concurrent decisions exactly one takes effect.
pub fn decide_payout(
    conn: &mut DbConnection,
    id: &str,
    from: &str,
    d: &PayoutDecision<'_>,
    now: i64,
) -> Result<bool, StoreError> {
    let target = p::table.filter(p::id.eq(id)).filter(p::status.eq(from));
    let n = match d {
        PayoutDecision::Paid {
            bank_reference,
            cents,
            currency,
        } => diesel::update(target)
            .set((
                p::status.eq(domain::programs::payout::PayoutStatus::Paid.as_str()),
                p::bank_reference.eq(Some(*bank_reference)),
                p::paid_cents.eq(Some(*cents)),
                p::paid_currency.eq(Some(*currency)),
                p::decided_at.eq(Some(now)),
            ))
            .execute(conn)?,
        PayoutDecision::Rejected {
            reason_codes,
            reason,
        } => diesel::update(target)
            .set((
                p::status.eq(domain::programs::payout::PayoutStatus::Rejected.as_str()),
                p::reason_codes.eq(Some(super::join(reason_codes))),
                p::reason.eq(*reason),
                p::decided_at.eq(Some(now)),
            ))
            .execute(conn)?,
    };
    Ok(n == 1)
}
