//! S16 leads and their follow-ups. Contacts are stored raw; `Debug` of a row prints them
//! masked so a stray log line cannot leak them.

use crate::schema_opportunities::{lead_follow_ups as fu, leads as t};
use crate::{AnyBackend, DbConnection, StoreError};
use diesel::prelude::*;
use domain::leads::{mask_email, mask_phone};
use std::fmt;

#[derive(Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = t)]
pub struct LeadRow {
    pub id: String,
    pub partner_id: String,
    pub source: String,
    pub status: String,
    pub customer_name: String,
    pub contact_name: Option<String>,
    pub mobile_phone: Option<String>,
    pub email: Option<String>,
    pub industry: Option<String>,
    pub description: Option<String>,
    pub created_by: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

impl fmt::Debug for LeadRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LeadRow")
            .field("id", &self.id)
            .field("partner_id", &self.partner_id)
            .field("status", &self.status)
            .field(
                "mobile_phone",
                &self.mobile_phone.as_deref().map(mask_phone),
            )
            .field("email", &self.email.as_deref().map(mask_email))
            .finish_non_exhaustive()
    }
}

pub fn insert(conn: &mut DbConnection, row: &LeadRow) -> Result<(), StoreError> {
    diesel::insert_into(t::table).values(row).execute(conn)?;
    Ok(())
}

/// The partner's own lead; another partner's answers `None` like a missing one.
pub fn find_own(
    conn: &mut DbConnection,
    partner_id: &str,
    id: &str,
) -> Result<Option<LeadRow>, StoreError> {
    Ok(t::table
        .find(id)
        .filter(t::partner_id.eq(partner_id))
        .select(LeadRow::as_select())
        .first(conn)
        .optional()?)
}

/// Moves the status if it is still `from`; false if it changed meanwhile.
pub fn set_status(
    conn: &mut DbConnection,
    id: &str,
    from: &str,
    to: &str,
    now: i64,
) -> Result<bool, StoreError> {
    let n = diesel::update(t::table.find(id).filter(t::status.eq(from)))
        .set((t::status.eq(to), t::updated_at.eq(now)))
        .execute(conn)?;
    Ok(n == 1)
}

/// One partner's leads, narrowed by the optional filters; bounds are inclusive.
#[derive(Debug, Clone, Default)]
pub struct LeadFilter {
    pub partner_id: String,
    pub status: Option<String>,
    pub source: Option<String>,
    pub created_from: Option<i64>,
    pub created_until: Option<i64>,
}

fn query(f: &LeadFilter) -> t::BoxedQuery<'static, AnyBackend> {
    let mut q = t::table
        .filter(t::partner_id.eq(f.partner_id.clone()))
        .into_boxed();
    if let Some(v) = &f.status {
        q = q.filter(t::status.eq(v.clone()));
    }
    if let Some(v) = &f.source {
        q = q.filter(t::source.eq(v.clone()));
    }
    if let Some(v) = f.created_from {
        q = q.filter(t::created_at.ge(v));
    }
    if let Some(v) = f.created_until {
        q = q.filter(t::created_at.le(v));
    }
    q
}

pub fn count(conn: &mut DbConnection, f: &LeadFilter) -> Result<i64, StoreError> {
    Ok(query(f).count().get_result(conn)?)
}

/// Newest first, after the keyset position `(created_at, id)` when given, then `offset`.
pub fn page(
    conn: &mut DbConnection,
    f: &LeadFilter,
    after: Option<&(i64, String)>,
    offset: i64,
    limit: i64,
) -> Result<Vec<LeadRow>, StoreError> {
    // One upper bound on `created_at`, the tighter one: SQLite bounds its index range by a
    // single upper bound per column, and the looser one would rescan the rows already paged.
    let mut q = match after {
        Some((at, _)) => query(&LeadFilter {
            created_until: Some(f.created_until.map_or(*at, |u| u.min(*at))),
            ..f.clone()
        }),
        None => query(f),
    };
    if let Some((at, id)) = after {
        q = q.filter(
            t::created_at
                .lt(*at)
                .or(t::created_at.eq(*at).and(t::id.lt(id.clone()))),
        );
    }
    q = q.order((t::created_at.desc(), t::id.desc()));
    if offset > 0 {
        q = q.offset(offset);
    }
    Ok(q.limit(limit).select(LeadRow::as_select()).load(conn)?)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = fu)]
pub struct FollowUpRow {
    pub id: String,
    pub lead_id: String,
    pub partner_id: String,
    pub user_id: String,
    /// `NOTE` or `OUTBOUND_CALL`.
    pub kind: String,
    pub content: Option<String>,
    pub created_at: i64,
}

pub fn add_follow_up(conn: &mut DbConnection, row: &FollowUpRow) -> Result<(), StoreError> {
    diesel::insert_into(fu::table).values(row).execute(conn)?;
    Ok(())
}

/// A lead's follow-ups, oldest first.
pub fn follow_ups(
    conn: &mut DbConnection,
    lead_id: &str,
    offset: i64,
    limit: i64,
) -> Result<(i64, Vec<FollowUpRow>), StoreError> {
    let total = fu::table
        .filter(fu::lead_id.eq(lead_id))
        .count()
        .get_result(conn)?;
    let rows = fu::table
        .filter(fu::lead_id.eq(lead_id))
        .order((fu::created_at.asc(), fu::id.asc()))
        .offset(offset)
        .limit(limit)
        .select(FollowUpRow::as_select())
        .load(conn)?;
    Ok((total, rows))
}
