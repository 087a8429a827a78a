//! S3 reseller invitations. A stored PENDING past `expire_at` counts as EXPIRED.

use super::query::Be;
use crate::schema::reseller_invitations as ri;
use crate::{DbConnection, StoreError};
use diesel::prelude::*;
use domain::invitation::InvitationStatus;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = ri)]
pub struct InvitationRow {
    pub id: String,
    pub distributor_id: String,
    pub reseller_id: String,
    pub status: String,
    pub remark: Option<String>,
    pub invited_by: String,
    pub created_at: i64,
    pub expire_at: i64,
    pub answered_at: Option<i64>,
    pub answered_by: Option<String>,
}

/// Inserts a PENDING invitation; [`StoreError::Duplicate`] if the pair already has one.
pub fn insert(conn: &mut DbConnection, row: &InvitationRow) -> Result<(), StoreError> {
    diesel::insert_into(ri::table)
        .values(row)
        .execute(conn)
        .map(drop)
        .map_err(StoreError::from)
}

pub fn find(conn: &mut DbConnection, id: &str) -> Result<Option<InvitationRow>, StoreError> {
    Ok(ri::table
        .find(id)
        .select(InvitationRow::as_select())
        .first(conn)
        .optional()?)
}

/// Stores EXPIRED on the pair's pending invitations past their expiry, which frees the
/// one-pending-per-pair index for a new invitation.
pub fn expire_stale(
    conn: &mut DbConnection,
    distributor_id: &str,
    reseller_id: &str,
    now: i64,
) -> Result<(), StoreError> {
    diesel::update(
        ri::table
            .filter(ri::distributor_id.eq(distributor_id))
            .filter(ri::reseller_id.eq(reseller_id))
            .filter(ri::status.eq(InvitationStatus::Pending.as_str()))
            .filter(ri::expire_at.le(now)),
    )
    .set(ri::status.eq(InvitationStatus::Expired.as_str()))
    .execute(conn)?;
    Ok(())
}

/// Moves a pending, unexpired invitation to `to`; false if it was answered meanwhile.
pub fn answer(
    conn: &mut DbConnection,
    id: &str,
    to: InvitationStatus,
    by_user: &str,
    now: i64,
) -> Result<bool, StoreError> {
    let n = diesel::update(
        ri::table
            .filter(ri::id.eq(id))
            .filter(ri::status.eq(InvitationStatus::Pending.as_str()))
            .filter(ri::expire_at.gt(now)),
    )
    .set((
        ri::status.eq(to.as_str()),
        ri::answered_at.eq(now),
        ri::answered_by.eq(by_user),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// Stores EXPIRED on every other pending invitation to `reseller_id` (S3: once a reseller has
/// accepted one distributor, the others' invitations can no longer be answered). Returns how
/// many it closed.
pub fn expire_others_to(
    conn: &mut DbConnection,
    reseller_id: &str,
    except_id: &str,
) -> Result<usize, StoreError> {
    Ok(diesel::update(
        ri::table
            .filter(ri::reseller_id.eq(reseller_id))
            .filter(ri::id.ne(except_id))
            .filter(ri::status.eq(InvitationStatus::Pending.as_str())),
    )
    .set(ri::status.eq(InvitationStatus::Expired.as_str()))
    .execute(conn)?)
}

/// Whose invitations a list shows.
#[derive(Debug, Clone, Copy)]
pub enum Side<'a> {
    SentBy(&'a str),
    ReceivedBy(&'a str),
}

#[derive(Debug, Clone)]
pub struct ListFilter<'a> {
    pub side: Side<'a>,
    pub status: Option<InvitationStatus>,
    pub now: i64,
    pub offset: i64,
    pub limit: i64,
}

fn filtered<'a>(f: &ListFilter<'a>) -> ri::BoxedQuery<'a, Be> {
    let mut q = ri::table.into_boxed::<Be>();
    q = match f.side {
        Side::SentBy(id) => q.filter(ri::distributor_id.eq(id)),
        Side::ReceivedBy(id) => q.filter(ri::reseller_id.eq(id)),
    };
    let pending = InvitationStatus::Pending.as_str();
    match f.status {
        None => q,
        Some(InvitationStatus::Pending) => {
            q.filter(ri::status.eq(pending).and(ri::expire_at.gt(f.now)))
        }
        Some(InvitationStatus::Expired) => q.filter(
            ri::status
                .eq(InvitationStatus::Expired.as_str())
                .or(ri::status.eq(pending).and(ri::expire_at.le(f.now))),
        ),
        Some(s) => q.filter(ri::status.eq(s.as_str())),
    }
}

/// The total and one page, newest first.
pub fn list(
    conn: &mut DbConnection,
    f: &ListFilter<'_>,
) -> Result<(i64, Vec<InvitationRow>), StoreError> {
    let total: i64 = filtered(f).count().get_result(conn)?;
    let rows = filtered(f)
        .order((ri::created_at.desc(), ri::id.asc()))
        .offset(f.offset)
        .limit(f.limit)
        .select(InvitationRow::as_select())
        .load(conn)?;
    Ok((total, rows))
}
