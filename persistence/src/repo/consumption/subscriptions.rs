//! Yearly/monthly resources: the orders that bought, renewed or are to renew each, and the
//! changes renewal, unsubscription and auto-renewal make to a resource.

use super::resources::ResourceRow;
use crate::coded;
use crate::schema_consumption::{cloud_resources as r, order_resources as t};
use crate::{DbConnection, StoreError};
use diesel::prelude::*;
use domain::consumption::resources::{AutoRenewPeriod, Resource, ResourceStatus};
use domain::consumption::subscriptions::OrderResource;
use domain::Money;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = t)]
pub struct OrderResourceRow {
    pub order_id: String,
    pub resource_id: String,
    pub amount_cents: i64,
    pub period_type: i32,
    pub period_num: i32,
    pub term_start: Option<i64>,
    pub term_end: Option<i64>,
    pub refunded: bool,
}

impl From<&OrderResource> for OrderResourceRow {
    fn from(l: &OrderResource) -> Self {
        OrderResourceRow {
            order_id: l.order_id.clone(),
            resource_id: l.resource_id.clone(),
            amount_cents: l.amount.cents(),
            period_type: coded::int(l.period_type),
            period_num: l.period_num,
            term_start: l.term.map(|(s, _)| s),
            term_end: l.term.map(|(_, e)| e),
            refunded: l.refunded,
        }
    }
}

impl TryFrom<OrderResourceRow> for OrderResource {
    type Error = StoreError;

    fn try_from(l: OrderResourceRow) -> Result<Self, StoreError> {
        Ok(OrderResource {
            period_type: coded::from_int(l.period_type)?,
            term: l.term_start.zip(l.term_end),
            order_id: l.order_id,
            resource_id: l.resource_id,
            amount: Money::from_cents(l.amount_cents),
            period_num: l.period_num,
            refunded: l.refunded,
        })
    }
}

fn all(rows: Vec<OrderResourceRow>) -> Result<Vec<OrderResource>, StoreError> {
    rows.into_iter().map(OrderResource::try_from).collect()
}

pub fn insert_links(conn: &mut DbConnection, links: &[OrderResource]) -> Result<(), StoreError> {
    for l in links {
        diesel::insert_into(t::table)
            .values(OrderResourceRow::from(l))
            .execute(conn)?;
    }
    Ok(())
}

pub fn links_of_order(
    conn: &mut DbConnection,
    order_id: &str,
) -> Result<Vec<OrderResource>, StoreError> {
    all(t::table
        .filter(t::order_id.eq(order_id))
        .order(t::resource_id.asc())
        .select(OrderResourceRow::as_select())
        .load(conn)?)
}

pub fn links_of_resource(
    conn: &mut DbConnection,
    resource_id: &str,
) -> Result<Vec<OrderResource>, StoreError> {
    all(t::table
        .filter(t::resource_id.eq(resource_id))
        .order(t::order_id.asc())
        .select(OrderResourceRow::as_select())
        .load(conn)?)
}

/// Records the term a paid order bought for the resource.
pub fn set_term(
    conn: &mut DbConnection,
    order_id: &str,
    resource_id: &str,
    (start, end): (i64, i64),
) -> Result<(), StoreError> {
    diesel::update(t::table.find((order_id, resource_id)))
        .set((t::term_start.eq(start), t::term_end.eq(end)))
        .execute(conn)?;
    Ok(())
}

/// Marks the order's part in the resource refunded; false if it already was.
pub fn mark_refunded(
    conn: &mut DbConnection,
    order_id: &str,
    resource_id: &str,
) -> Result<bool, StoreError> {
    let n = diesel::update(
        t::table
            .find((order_id, resource_id))
            .filter(t::refunded.eq(false)),
    )
    .set(t::refunded.eq(true))
    .execute(conn)?;
    Ok(n == 1)
}

pub fn insert_resource(conn: &mut DbConnection, row: &ResourceRow) -> Result<(), StoreError> {
    diesel::insert_into(r::table)
        .values(row)
        .execute(conn)
        .map_err(|e| StoreError::from(e).retry_on_duplicate())?;
    Ok(())
}

/// The resources among `ids`, in no particular order.
pub fn find_many(conn: &mut DbConnection, ids: &[&str]) -> Result<Vec<Resource>, StoreError> {
    r::table
        .filter(r::id.eq_any(ids))
        .select(ResourceRow::as_select())
        .load(conn)?
        .into_iter()
        .map(Resource::try_from)
        .collect()
}

pub fn set_expire(
    conn: &mut DbConnection,
    id: &str,
    expire: i64,
    now: i64,
) -> Result<(), StoreError> {
    diesel::update(r::table.find(id))
        .set((r::expire_time.eq(expire), r::updated_at.eq(now)))
        .execute(conn)?;
    Ok(())
}

/// Auto-renewal on with its count and term (`Some`), or off (`None`).
pub fn set_auto_renew(
    conn: &mut DbConnection,
    id: &str,
    on: Option<(Option<i32>, Option<AutoRenewPeriod>)>,
    now: i64,
) -> Result<(), StoreError> {
    let (times, period) = on.unwrap_or((None, None));
    diesel::update(r::table.find(id))
        .set((
            r::auto_renew.eq(on.is_some()),
            r::auto_renew_times.eq(times),
            r::auto_renew_period.eq(period.map(coded::text)),
            r::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// The resource, locked for the rest of the transaction (on SQLite the writer turn is the
/// lock), so two replicas' sweeps never renew it twice.
pub fn lock_resource(conn: &mut DbConnection, id: &str) -> Result<Option<Resource>, StoreError> {
    let row = match conn {
        DbConnection::Pg(pg) => r::table
            .find(id)
            .select(ResourceRow::as_select())
            .for_update()
            .first(pg)
            .optional()?,
        DbConnection::Sqlite(_) => r::table
            .find(id)
            .select(ResourceRow::as_select())
            .first(conn)
            .optional()?,
    };
    row.map(Resource::try_from).transpose()
}

/// Ids of resources set to renew themselves whose term ended by `now`, oldest first.
pub fn auto_renew_due(
    conn: &mut DbConnection,
    now: i64,
    limit: i64,
) -> Result<Vec<String>, StoreError> {
    let open = [
        coded::int(ResourceStatus::Closed),
        coded::int(ResourceStatus::Closing),
    ];
    Ok(r::table
        .filter(r::auto_renew.eq(true))
        .filter(r::expire_time.le(now))
        .filter(r::status.ne_all(open))
        .order((r::expire_time.asc(), r::id.asc()))
        .limit(limit)
        .select(r::id)
        .load(conn)?)
}

/// Closes an open resource; false if it was closed meanwhile.
pub fn close(conn: &mut DbConnection, id: &str, now: i64) -> Result<bool, StoreError> {
    let closed = [
        coded::int(ResourceStatus::Closed),
        coded::int(ResourceStatus::Closing),
    ];
    let n = diesel::update(r::table.find(id).filter(r::status.ne_all(closed)))
        .set((
            r::status.eq(coded::int(ResourceStatus::Closed)),
            r::auto_renew.eq(false),
            r::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(n == 1)
}
