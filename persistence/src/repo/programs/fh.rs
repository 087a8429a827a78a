//! FH qualifications (S4, S12) and the people holding FH through them.

use super::Decision;
use crate::schema_programs::{fh_holders as h, fh_qualifications as t};
use crate::{DbConnection, StoreError};
use diesel::prelude::*;

pub const REVIEWING: &str = "REVIEWING";

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = t)]
pub struct QualificationRow {
    pub id: String,
    pub partner_id: String,
    pub path_type: String,
    pub fh_type: String,
    pub status: String,
    /// Comma-separated user ids of the experts.
    pub specialist_ids: String,
    pub agreement_signed_at: i64,
    pub submitted_at: i64,
    pub reviewed_at: Option<i64>,
    pub reason_codes: Option<String>,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = h)]
pub struct HolderRow {
    pub user_id: String,
    pub qualification_id: String,
    pub path_type: String,
}

/// Inserts the qualification and its holders; a person who already holds FH makes the
/// insert fail with [`StoreError::Duplicate`].
pub fn insert(
    conn: &mut DbConnection,
    row: &QualificationRow,
    holders: &[HolderRow],
) -> Result<(), StoreError> {
    diesel::insert_into(t::table).values(row).execute(conn)?;
    for holder in holders {
        diesel::insert_into(h::table).values(holder).execute(conn)?;
    }
    Ok(())
}

pub fn find(conn: &mut DbConnection, id: &str) -> Result<Option<QualificationRow>, StoreError> {
    Ok(t::table
        .find(id)
        .select(QualificationRow::as_select())
        .first(conn)
        .optional()?)
}

/// Which of `user_ids` hold FH, and in which path.
pub fn holders(conn: &mut DbConnection, user_ids: &[String]) -> Result<Vec<HolderRow>, StoreError> {
    Ok(h::table
        .filter(h::user_id.eq_any(user_ids))
        .select(HolderRow::as_select())
        .load(conn)?)
}

pub fn list(
    conn: &mut DbConnection,
    partner_id: &str,
    offset: i64,
    limit: i64,
) -> Result<(i64, Vec<QualificationRow>), StoreError> {
    let total = t::table
        .filter(t::partner_id.eq(partner_id))
        .count()
        .get_result(conn)?;
    let rows = t::table
        .filter(t::partner_id.eq(partner_id))
        .order((t::submitted_at.desc(), t::id.asc()))
        .offset(offset)
        .limit(limit)
        .select(QualificationRow::as_select())
        .load(conn)?;
    Ok((total, rows))
}

/// Records the decision if still under review; a rejection frees its people to hold FH again.
pub fn decide(conn: &mut DbConnection, id: &str, d: &Decision) -> Result<bool, StoreError> {
    let n = diesel::update(t::table.find(id).filter(t::status.eq(REVIEWING)))
        .set((
            t::status.eq(&d.status),
            t::reviewed_at.eq(d.at),
            t::reason_codes.eq(d.stored_codes()),
            t::reason.eq(&d.reason),
        ))
        .execute(conn)?;
    if n == 1 && d.status == "REJECTED" {
        diesel::delete(h::table.filter(h::qualification_id.eq(id))).execute(conn)?;
    }
    Ok(n == 1)
}

crate::repo::query::review_queue!(t, QualificationRow, submitted_at);
