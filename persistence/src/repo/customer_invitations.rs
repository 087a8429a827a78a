//! S11 customer invitations: one row per invitation, its current code and the outcome of the
//! last acceptance attempt. A stored PENDING past `expire_at` counts as EXPIRED.

use super::query::Be;
use crate::schema::customer_invitations as ci;
use crate::{DbConnection, StoreError};
use diesel::prelude::*;
use domain::association::{AssociationStatus, FailureReason};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = ci)]
pub struct CustomerInvitationRow {
    pub id: String,
    pub partner_id: String,
    /// Known once the invitation led to an association, or when at sending the invitee named
    /// exactly one customer; `None` otherwise.
    pub customer_id: Option<String>,
    /// What the partner entered: an account name or an e-mail address.
    pub invitee: String,
    pub association_type: String,
    pub code: String,
    pub previous_code: Option<String>,
    pub code_used_at: Option<i64>,
    pub status: String,
    pub failure_reason: Option<String>,
    pub failed_at: Option<i64>,
    pub remark: Option<String>,
    pub invited_by: String,
    pub created_at: i64,
    pub sent_at: i64,
    pub expire_at: i64,
    pub associated_at: Option<i64>,
    pub resend_count: i32,
}

/// [`StoreError::Duplicate`] if the partner has a pending invitation to the same invitee.
pub fn insert(conn: &mut DbConnection, row: &CustomerInvitationRow) -> Result<(), StoreError> {
    diesel::insert_into(ci::table)
        .values(row)
        .execute(conn)
        .map(drop)
        .map_err(StoreError::from)
}

pub fn find(
    conn: &mut DbConnection,
    id: &str,
) -> Result<Option<CustomerInvitationRow>, StoreError> {
    first(conn, ci::table.filter(ci::id.eq(id)).into_boxed())
}

pub fn find_by_code(
    conn: &mut DbConnection,
    code: &str,
) -> Result<Option<CustomerInvitationRow>, StoreError> {
    first(conn, ci::table.filter(ci::code.eq(code)).into_boxed())
}

/// The invitation whose code a re-send replaced with a new one.
pub fn find_by_previous_code(
    conn: &mut DbConnection,
    code: &str,
) -> Result<Option<CustomerInvitationRow>, StoreError> {
    first(
        conn,
        ci::table.filter(ci::previous_code.eq(code)).into_boxed(),
    )
}

fn first(
    conn: &mut DbConnection,
    q: ci::BoxedQuery<'_, Be>,
) -> Result<Option<CustomerInvitationRow>, StoreError> {
    Ok(q.select(CustomerInvitationRow::as_select())
        .first(conn)
        .optional()?)
}

/// Stores EXPIRED (LINK_EXPIRED) on the partner's pending invitations to `invitee` past their
/// expiry.
pub fn expire_stale(
    conn: &mut DbConnection,
    partner_id: &str,
    invitee: &str,
    now: i64,
) -> Result<(), StoreError> {
    diesel::update(
        ci::table
            .filter(ci::partner_id.eq(partner_id))
            .filter(ci::invitee.eq(invitee))
            .filter(ci::status.eq(AssociationStatus::Pending.as_str()))
            .filter(ci::expire_at.le(now)),
    )
    .set((
        ci::status.eq(AssociationStatus::Expired.as_str()),
        ci::failure_reason.eq(FailureReason::LinkExpired.as_str()),
        ci::failed_at.eq(ci::expire_at.nullable()),
    ))
    .execute(conn)?;
    Ok(())
}

/// Records a failed attempt; `consume` marks the code as used. Never touches an associated one.
pub fn record_failure(
    conn: &mut DbConnection,
    id: &str,
    status: AssociationStatus,
    reason: FailureReason,
    consume: bool,
    now: i64,
) -> Result<(), StoreError> {
    let target = ci::table
        .filter(ci::id.eq(id))
        .filter(ci::status.ne(AssociationStatus::Associated.as_str()));
    let set = (
        ci::status.eq(status.as_str()),
        ci::failure_reason.eq(reason.as_str()),
        ci::failed_at.eq(now),
    );
    if consume {
        diesel::update(target)
            .set((set, ci::code_used_at.eq(now)))
            .execute(conn)?;
    } else {
        diesel::update(target).set(set).execute(conn)?;
    }
    Ok(())
}

/// Marks the invitation associated with `customer_id` and its code used; false if the code was
/// used meanwhile.
pub fn record_associated(
    conn: &mut DbConnection,
    id: &str,
    customer_id: &str,
    now: i64,
) -> Result<bool, StoreError> {
    let n = diesel::update(
        ci::table
            .filter(ci::id.eq(id))
            .filter(ci::code_used_at.is_null())
            .filter(ci::status.ne(AssociationStatus::Associated.as_str())),
    )
    .set((
        ci::customer_id.eq(customer_id),
        ci::status.eq(AssociationStatus::Associated.as_str()),
        ci::failure_reason.eq(None::<String>),
        ci::failed_at.eq(None::<i64>),
        ci::code_used_at.eq(now),
        ci::associated_at.eq(now),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// Re-sends: a fresh code and expiry, PENDING again; the old code is remembered. False if the
/// invitation is associated. [`StoreError::Duplicate`] if the pair has another pending one.
pub fn resend(
    conn: &mut DbConnection,
    row: &CustomerInvitationRow,
    new_code: &str,
    expire_at: i64,
    now: i64,
) -> Result<bool, StoreError> {
    let n = diesel::update(
        ci::table
            .filter(ci::id.eq(&row.id))
            .filter(ci::code.eq(&row.code))
            .filter(ci::status.ne(AssociationStatus::Associated.as_str())),
    )
    .set((
        ci::code.eq(new_code),
        ci::previous_code.eq(&row.code),
        ci::code_used_at.eq(None::<i64>),
        ci::status.eq(AssociationStatus::Pending.as_str()),
        ci::failure_reason.eq(None::<String>),
        ci::failed_at.eq(None::<i64>),
        ci::sent_at.eq(now),
        ci::expire_at.eq(expire_at),
        ci::resend_count.eq(ci::resend_count + 1),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// Whose invitations a list shows: a partner's (sent) or a customer's (received: those that
/// name it, and those to its account name or e-mail that name no customer yet).
#[derive(Debug, Clone)]
pub enum Side<'a> {
    Partner(&'a str),
    Customer { id: &'a str, names: Vec<String> },
}

#[derive(Debug, Clone)]
pub struct ListFilter<'a> {
    pub side: Side<'a>,
    pub status: Option<AssociationStatus>,
    pub now: i64,
    pub offset: i64,
    pub limit: i64,
}

fn filtered<'a>(f: &ListFilter<'a>) -> ci::BoxedQuery<'a, Be> {
    let mut q = ci::table.into_boxed::<Be>();
    q = match &f.side {
        Side::Partner(id) => q.filter(ci::partner_id.eq(*id)),
        Side::Customer { id, names } => q.filter(
            ci::customer_id.eq(*id).or(ci::customer_id
                .is_null()
                .and(ci::invitee.eq_any(names.clone()))),
        ),
    };
    let pending = AssociationStatus::Pending.as_str();
    match f.status {
        None => q,
        Some(AssociationStatus::Pending) => {
            q.filter(ci::status.eq(pending).and(ci::expire_at.gt(f.now)))
        }
        Some(AssociationStatus::Expired) => q.filter(
            ci::status
                .eq(AssociationStatus::Expired.as_str())
                .or(ci::status.eq(pending).and(ci::expire_at.le(f.now))),
        ),
        Some(s) => q.filter(ci::status.eq(s.as_str())),
    }
}

/// The total and one page, newest first.
pub fn list(
    conn: &mut DbConnection,
    f: &ListFilter<'_>,
) -> Result<(i64, Vec<CustomerInvitationRow>), StoreError> {
    let total: i64 = filtered(f).count().get_result(conn)?;
    let rows = filtered(f)
        .order((ci::created_at.desc(), ci::id.asc()))
        .offset(f.offset)
        .limit(f.limit)
        .select(CustomerInvitationRow::as_select())
        .load(conn)?;
    Ok((total, rows))
}
