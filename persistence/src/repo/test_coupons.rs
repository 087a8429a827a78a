//! S15: partners' solutions on the software path (with their certification) and test-voucher
//! applications. A partial unique index keeps at most one application pending per partner.

use crate::schema_vouchers::{partner_solutions as s, test_coupon_applications as a};
use crate::{DbConnection, StoreError};
use diesel::prelude::*;

pub const PENDING: &str = "PENDING";
pub const APPROVED: &str = "APPROVED";
pub const REJECTED: &str = "REJECTED";

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = s)]
pub struct SolutionRow {
    pub id: String,
    pub partner_id: String,
    pub name: String,
    pub certification: String,
    pub created_at: i64,
    /// SERVICE, APP or SOLUTION.
    pub kind: String,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = a)]
pub struct ApplicationRow {
    pub id: String,
    pub partner_id: String,
    pub solution_id: String,
    /// The partner's customer account that receives the vouchers.
    pub customer_id: String,
    pub amount_cents: i64,
    pub approved_cents: Option<i64>,
    pub purpose: String,
    pub resource_list_url: Option<String>,
    pub reason: Option<String>,
    pub status: String,
    pub review_reason_codes: Option<String>,
    pub review_reason: Option<String>,
    pub coupon_id: Option<String>,
    pub created_at: i64,
    pub decided_at: Option<i64>,
    /// Every service, app or solution the application names, comma-separated (`None` on
    /// applications made before several could be named: then `solution_id` alone).
    pub solution_ids: Option<String>,
}

pub fn insert_solution(conn: &mut DbConnection, row: &SolutionRow) -> Result<(), StoreError> {
    diesel::insert_into(s::table).values(row).execute(conn)?;
    Ok(())
}

/// One page of the partner's services, apps and solutions, oldest first, and how many there are.
pub fn solutions_page(
    conn: &mut DbConnection,
    partner_id: &str,
    offset: i64,
    limit: i64,
) -> Result<(i64, Vec<SolutionRow>), StoreError> {
    let total = s::table
        .filter(s::partner_id.eq(partner_id))
        .count()
        .get_result(conn)?;
    let rows = s::table
        .filter(s::partner_id.eq(partner_id))
        .order((s::created_at.asc(), s::id.asc()))
        .offset(offset)
        .limit(limit)
        .select(SolutionRow::as_select())
        .load(conn)?;
    Ok((total, rows))
}

pub fn solutions_of(
    conn: &mut DbConnection,
    partner_id: &str,
) -> Result<Vec<SolutionRow>, StoreError> {
    Ok(s::table
        .filter(s::partner_id.eq(partner_id))
        .order((s::created_at.asc(), s::id.asc()))
        .select(SolutionRow::as_select())
        .load(conn)?)
}

/// Sets the certification of the partner's solution; false if it has no such solution.
pub fn set_certification(
    conn: &mut DbConnection,
    partner_id: &str,
    id: &str,
    certification: &str,
) -> Result<bool, StoreError> {
    let n = diesel::update(
        s::table
            .filter(s::id.eq(id))
            .filter(s::partner_id.eq(partner_id)),
    )
    .set(s::certification.eq(certification))
    .execute(conn)?;
    Ok(n == 1)
}

/// Fails with [`StoreError::Duplicate`] when one is already pending.
pub fn insert_application(conn: &mut DbConnection, row: &ApplicationRow) -> Result<(), StoreError> {
    diesel::insert_into(a::table).values(row).execute(conn)?;
    Ok(())
}

pub fn find_application(
    conn: &mut DbConnection,
    id: &str,
) -> Result<Option<ApplicationRow>, StoreError> {
    Ok(a::table
        .find(id)
        .select(ApplicationRow::as_select())
        .first(conn)
        .optional()?)
}

/// The partner's applications, newest first, and how many there are.
pub fn applications_of(
    conn: &mut DbConnection,
    partner_id: &str,
    offset: i64,
    limit: i64,
) -> Result<(i64, Vec<ApplicationRow>), StoreError> {
    let total = a::table
        .filter(a::partner_id.eq(partner_id))
        .count()
        .get_result(conn)?;
    let rows = a::table
        .filter(a::partner_id.eq(partner_id))
        .order((a::created_at.desc(), a::id.desc()))
        .offset(offset)
        .limit(limit)
        .select(ApplicationRow::as_select())
        .load(conn)?;
    Ok((total, rows))
}

/// `(approved, pending)` amounts of the partner, in cents.
pub fn usage(conn: &mut DbConnection, partner_id: &str) -> Result<(i64, i64), StoreError> {
    let rows: Vec<(String, i64, Option<i64>)> = a::table
        .filter(a::partner_id.eq(partner_id))
        .filter(a::status.eq_any([APPROVED, PENDING]))
        .select((a::status, a::amount_cents, a::approved_cents))
        .load(conn)?;
    Ok(rows
        .iter()
        .fold((0, 0), |(used, pending), (st, asked, ok)| {
            if st == APPROVED {
                (used + ok.unwrap_or(0), pending)
            } else {
                (used, pending + asked)
            }
        }))
}

/// The review's outcome.
#[derive(Debug, Clone)]
pub struct Decision<'a> {
    pub status: &'a str,
    pub approved_cents: Option<i64>,
    pub reason_codes: Option<String>,
    pub reason: Option<&'a str>,
    pub coupon_id: Option<&'a str>,
    pub at: i64,
}

/// Decides a pending application; false if it was decided meanwhile.
pub fn decide(conn: &mut DbConnection, id: &str, d: &Decision<'_>) -> Result<bool, StoreError> {
    let n = diesel::update(a::table.filter(a::id.eq(id)).filter(a::status.eq(PENDING)))
        .set((
            a::status.eq(d.status),
            a::approved_cents.eq(d.approved_cents),
            a::review_reason_codes.eq(d.reason_codes.clone()),
            a::review_reason.eq(d.reason),
            a::coupon_id.eq(d.coupon_id),
            a::decided_at.eq(d.at),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

crate::repo::query::review_queue!(a, ApplicationRow, created_at);
