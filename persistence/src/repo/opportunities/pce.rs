//! S2 PCE: join conditions, members and shared opportunities.

use crate::schema_opportunities::pce_shared_opportunities as so;
use crate::schema_opportunities::{pce_benefits as b, pce_incentive_rule as ir};
use crate::schema_opportunities::{pce_join_conditions as jc, pce_members as m};
use crate::{DbConnection, StoreError};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = jc)]
pub struct ConditionRow {
    pub position: i32,
    pub condition_type: String,
    pub path_type: Option<String>,
    pub stage: Option<String>,
    pub updated_at: i64,
}

/// The configured conditions in order; empty while the defaults apply.
pub fn conditions(conn: &mut DbConnection) -> Result<Vec<ConditionRow>, StoreError> {
    Ok(jc::table
        .order(jc::position.asc())
        .select(ConditionRow::as_select())
        .load(conn)?)
}

pub fn replace_conditions(
    conn: &mut DbConnection,
    rows: &[ConditionRow],
) -> Result<(), StoreError> {
    diesel::delete(jc::table).execute(conn)?;
    for r in rows {
        diesel::insert_into(jc::table).values(r).execute(conn)?;
    }
    Ok(())
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = m)]
pub struct MemberRow {
    pub partner_id: String,
    pub joined_at: i64,
    pub agreement_signed_at: Option<i64>,
    /// The condition the partner met when joining.
    pub qualified_by: String,
}

pub fn member(conn: &mut DbConnection, partner_id: &str) -> Result<Option<MemberRow>, StoreError> {
    Ok(m::table
        .find(partner_id)
        .select(MemberRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn add_member(conn: &mut DbConnection, row: &MemberRow) -> Result<(), StoreError> {
    diesel::insert_into(m::table).values(row).execute(conn)?;
    Ok(())
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = so)]
pub struct SharedRow {
    pub id: String,
    pub partner_id: String,
    pub customer_name: String,
    pub industry: String,
    pub product_category: String,
    pub description: Option<String>,
    pub expected_monthly_cents: i64,
    pub status: String,
    pub status_reason: Option<String>,
    pub shared_at: i64,
    pub updated_at: i64,
    /// The `PCE_SHARED_OPPORTUNITY` incentive its move to `WON` granted, if any.
    pub incentive_id: Option<String>,
}

pub fn share(conn: &mut DbConnection, row: &SharedRow) -> Result<(), StoreError> {
    diesel::insert_into(so::table).values(row).execute(conn)?;
    Ok(())
}

pub fn find_shared(
    conn: &mut DbConnection,
    partner_id: &str,
    id: &str,
) -> Result<Option<SharedRow>, StoreError> {
    Ok(so::table
        .find(id)
        .filter(so::partner_id.eq(partner_id))
        .select(SharedRow::as_select())
        .first(conn)
        .optional()?)
}

/// A member's shared opportunities, newest first, optionally of one status.
pub fn list_shared(
    conn: &mut DbConnection,
    partner_id: &str,
    status: Option<&str>,
    offset: i64,
    limit: i64,
) -> Result<(i64, Vec<SharedRow>), StoreError> {
    let filtered = || {
        let mut q = so::table
            .filter(so::partner_id.eq(partner_id.to_owned()))
            .into_boxed();
        if let Some(s) = status {
            q = q.filter(so::status.eq(s.to_owned()));
        }
        q
    };
    let total = filtered().count().get_result(conn)?;
    let rows = filtered()
        .order((so::shared_at.desc(), so::id.desc()))
        .offset(offset)
        .limit(limit)
        .select(SharedRow::as_select())
        .load(conn)?;
    Ok((total, rows))
}

/// Moves the status if it is still `from`; false if it changed meanwhile.
pub fn set_shared_status(
    conn: &mut DbConnection,
    id: &str,
    from: &str,
    to: &str,
    reason: Option<&str>,
    now: i64,
) -> Result<bool, StoreError> {
    let n = diesel::update(so::table.find(id).filter(so::status.eq(from)))
        .set((
            so::status.eq(to),
            so::status_reason.eq(reason),
            so::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// Records the incentive a won opportunity granted; false if one was already recorded.
pub fn set_shared_incentive(
    conn: &mut DbConnection,
    id: &str,
    incentive_id: &str,
) -> Result<bool, StoreError> {
    let n = diesel::update(so::table.find(id).filter(so::incentive_id.is_null()))
        .set(so::incentive_id.eq(incentive_id))
        .execute(conn)?;
    Ok(n == 1)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = b)]
pub struct BenefitRow {
    pub position: i32,
    pub code: String,
    pub name: String,
    pub updated_at: i64,
}

/// The configured benefits in order.
pub fn benefits(conn: &mut DbConnection) -> Result<Vec<BenefitRow>, StoreError> {
    Ok(b::table
        .order(b::position.asc())
        .select(BenefitRow::as_select())
        .load(conn)?)
}

pub fn replace_benefits(conn: &mut DbConnection, rows: &[BenefitRow]) -> Result<(), StoreError> {
    diesel::delete(b::table).execute(conn)?;
    for r in rows {
        diesel::insert_into(b::table).values(r).execute(conn)?;
    }
    Ok(())
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = ir)]
pub struct IncentiveRuleRow {
    pub id: i32,
    pub percent_hundredths: i32,
    pub cap_cents: i64,
    pub currency: String,
    pub updated_at: i64,
}

/// The operator's incentive rule; none until set.
pub fn incentive_rule(conn: &mut DbConnection) -> Result<Option<IncentiveRuleRow>, StoreError> {
    Ok(ir::table
        .find(1)
        .select(IncentiveRuleRow::as_select())
        .first(conn)
        .optional()?)
}

/// Sets the rule (the one row, `id` 1).
pub fn put_incentive_rule(
    conn: &mut DbConnection,
    row: &IncentiveRuleRow,
) -> Result<(), StoreError> {
    diesel::delete(ir::table).execute(conn)?;
    diesel::insert_into(ir::table).values(row).execute(conn)?;
    Ok(())
}
