//! S13 lists: the visibility scope as a WHERE clause, the filters, and keyset paging on
//! `(updated_at, id)` that the `(partner_id, updated_at, id)` and `(owner_user_id, updated_at,
//! id)` indexes serve without an OFFSET scan.

use super::business_row::OpportunityRow;
use crate::schema::{partner_users, partners};
use crate::schema_opportunities::business_opportunities as t;
use crate::{AnyBackend, DbConnection, StoreError};
use diesel::prelude::*;
use domain::opportunities::visibility::Scope;

type Boxed = t::BoxedQuery<'static, AnyBackend>;

/// Every opportunity the scope admits, and nothing else.
pub fn scoped(scope: &Scope) -> Boxed {
    match scope {
        Scope::Partner {
            partner_id,
            with_resellers: false,
        } => t::table
            .filter(t::partner_id.eq(partner_id.clone()))
            .into_boxed(),
        Scope::Partner {
            partner_id,
            with_resellers: true,
        } => {
            let resellers = partners::table
                .filter(partners::parent_id.eq(partner_id.clone()))
                .select(partners::id);
            t::table
                .filter(
                    t::partner_id
                        .eq(partner_id.clone())
                        .or(t::partner_id.eq_any(resellers)),
                )
                .into_boxed()
        }
        Scope::Team {
            partner_id,
            supervisor_id,
        } => {
            let team = partner_users::table
                .filter(partner_users::supervisor_user_id.eq(supervisor_id.clone()))
                .select(partner_users::id.nullable());
            t::table
                .filter(t::partner_id.eq(partner_id.clone()))
                .filter(
                    t::owner_user_id
                        .eq(supervisor_id.clone())
                        .or(t::owner_user_id.eq_any(team)),
                )
                .into_boxed()
        }
        Scope::Own {
            partner_id,
            user_id,
        } => t::table
            .filter(t::partner_id.eq(partner_id.clone()))
            .filter(t::owner_user_id.eq(user_id.clone()))
            .into_boxed(),
    }
}

/// The filters of the query; every bound is inclusive.
#[derive(Debug, Clone, Default)]
pub struct OpportunityFilter {
    pub customer_id: Option<String>,
    /// The partner whose customers' opportunities to show (a distributor's reseller).
    pub partner_id: Option<String>,
    pub owner_user_id: Option<String>,
    pub industry: Option<String>,
    pub opportunity_type: Option<String>,
    pub stage: Option<String>,
    pub confidence_min: Option<i32>,
    pub confidence_max: Option<i32>,
    pub monthly_min_cents: Option<i64>,
    pub monthly_max_cents: Option<i64>,
    pub updated_from: Option<i64>,
    pub updated_until: Option<i64>,
}

fn query(scope: &Scope, f: &OpportunityFilter) -> Boxed {
    let mut q = scoped(scope);
    if let Some(v) = &f.customer_id {
        q = q.filter(t::customer_id.eq(v.clone()));
    }
    if let Some(v) = &f.partner_id {
        q = q.filter(t::partner_id.eq(v.clone()));
    }
    if let Some(v) = &f.owner_user_id {
        q = q.filter(t::owner_user_id.eq(v.clone()));
    }
    if let Some(v) = &f.industry {
        q = q.filter(t::industry.eq(v.clone()));
    }
    if let Some(v) = &f.opportunity_type {
        q = q.filter(t::opportunity_type.eq(v.clone()));
    }
    if let Some(v) = &f.stage {
        q = q.filter(t::stage.eq(v.clone()));
    }
    if let Some(v) = f.confidence_min {
        q = q.filter(t::confidence.ge(v));
    }
    if let Some(v) = f.confidence_max {
        q = q.filter(t::confidence.le(v));
    }
    if let Some(v) = f.monthly_min_cents {
        q = q.filter(t::expected_monthly_cents.ge(v));
    }
    if let Some(v) = f.monthly_max_cents {
        q = q.filter(t::expected_monthly_cents.le(v));
    }
    if let Some(v) = f.updated_from {
        q = q.filter(t::updated_at.ge(v));
    }
    if let Some(v) = f.updated_until {
        q = q.filter(t::updated_at.le(v));
    }
    q
}

pub fn count(
    conn: &mut DbConnection,
    scope: &Scope,
    f: &OpportunityFilter,
) -> Result<i64, StoreError> {
    Ok(query(scope, f).count().get_result(conn)?)
}

/// A keyset position: the `(updated_at, id)` of the last row already seen.
pub type Key = (i64, String);

/// Sorted by last update, then id (newest first unless `ascending`), after the keyset
/// position when given, then skipping `offset` rows.
pub fn page(
    conn: &mut DbConnection,
    scope: &Scope,
    f: &OpportunityFilter,
    after: Option<&Key>,
    ascending: bool,
    offset: i64,
    limit: i64,
) -> Result<Vec<OpportunityRow>, StoreError> {
    // The position becomes the range's bound on updated_at, so the index seeks to it; the OR
    // breaks ties. It replaces the filter's own bound on that side (when tighter): SQLite
    // bounds an index range by one bound per side and column, and the looser one would rescan
    // every row already paged.
    let tightened = match after {
        Some((at, _)) if ascending => OpportunityFilter {
            updated_from: Some(f.updated_from.map_or(*at, |v| v.max(*at))),
            ..f.clone()
        },
        Some((at, _)) => OpportunityFilter {
            updated_until: Some(f.updated_until.map_or(*at, |v| v.min(*at))),
            ..f.clone()
        },
        None => f.clone(),
    };
    let mut q = query(scope, &tightened);
    if let Some((at, id)) = after {
        q = if ascending {
            q.filter(
                t::updated_at
                    .gt(*at)
                    .or(t::updated_at.eq(*at).and(t::id.gt(id.clone()))),
            )
        } else {
            q.filter(
                t::updated_at
                    .lt(*at)
                    .or(t::updated_at.eq(*at).and(t::id.lt(id.clone()))),
            )
        };
    }
    q = if ascending {
        q.order((t::updated_at.asc(), t::id.asc()))
    } else {
        q.order((t::updated_at.desc(), t::id.desc()))
    };
    if offset > 0 {
        q = q.offset(offset);
    }
    Ok(q.limit(limit)
        .select(OpportunityRow::as_select())
        .load(conn)?)
}
