//! Cloud resources of customers.

use super::records::Scope;
use crate::coded;
use crate::schema::customers;
use crate::schema_consumption::cloud_resources as t;
use crate::{AnyBackend, DbConnection, StoreError};
use diesel::prelude::*;
use diesel::sql_types::Bool;
use domain::consumption::resources::ResourceStatus;
use domain::consumption::resources::{Resource, Term};
use domain::consumption::subscriptions::SubscriptionStatus;
use domain::Money;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = t)]
pub struct ResourceRow {
    pub id: String,
    pub customer_id: String,
    pub partner_id: Option<String>,
    pub service_type_code: String,
    pub resource_type_code: String,
    pub region_code: String,
    pub resource_name: Option<String>,
    pub product_id: Option<String>,
    pub charging_mode: i32,
    pub period_type: Option<i32>,
    pub period_num: Option<i32>,
    pub order_id: Option<String>,
    pub effective_time: i64,
    pub expire_time: Option<i64>,
    pub auto_renew: bool,
    pub status: i32,
    pub created_at: i64,
    pub term_amount_cents: Option<i64>,
    pub auto_renew_times: Option<i32>,
    pub updated_at: Option<i64>,
    pub auto_renew_period: Option<String>,
}

impl TryFrom<ResourceRow> for Resource {
    type Error = StoreError;

    fn try_from(r: ResourceRow) -> Result<Self, StoreError> {
        let term = match (r.period_type, r.period_num, r.term_amount_cents) {
            (Some(p), Some(n), Some(a)) => Some(Term {
                period_type: coded::from_int(p)?,
                period_num: n,
                amount: Money::from_cents(a),
            }),
            _ => None,
        };
        Ok(Resource {
            term,
            auto_renew_times: r.auto_renew_times,
            auto_renew_period: r
                .auto_renew_period
                .as_deref()
                .map(coded::from_text)
                .transpose()?,
            updated_at: r.updated_at,
            charging_mode: coded::from_int(r.charging_mode)?,
            status: coded::from_int(r.status)?,
            id: r.id,
            customer_id: r.customer_id,
            partner_id: r.partner_id,
            service_type_code: r.service_type_code,
            resource_type_code: r.resource_type_code,
            region_code: r.region_code,
            resource_name: r.resource_name,
            product_id: r.product_id,
            order_id: r.order_id,
            effective_time: r.effective_time,
            expire_time: r.expire_time,
            auto_renew: r.auto_renew,
        })
    }
}

/// `(id, customer)` of the resources among `ids` that exist.
pub fn owners(conn: &mut DbConnection, ids: &[&str]) -> Result<Vec<(String, String)>, StoreError> {
    let mut out = Vec::new();
    for chunk in ids.chunks(500) {
        out.extend(
            t::table
                .filter(t::id.eq_any(chunk))
                .select((t::id, t::customer_id))
                .load::<(String, String)>(conn)?,
        );
    }
    Ok(out)
}

/// Inserts a new resource or replaces a registered one's facts.
pub fn save(conn: &mut DbConnection, row: &ResourceRow, exists: bool) -> Result<(), StoreError> {
    if exists {
        diesel::update(t::table.find(&row.id))
            .set(row)
            .execute(conn)?;
    } else {
        diesel::insert_into(t::table)
            .values(row)
            .execute(conn)
            .map_err(|e| StoreError::from(e).retry_on_duplicate())?;
    }
    Ok(())
}

#[derive(Debug, Clone, Default)]
pub struct ResourceFilter {
    pub charging_mode: Option<i32>,
    pub customer_id: Option<String>,
    pub region_code: Option<String>,
    pub service_type_code: Option<String>,
    pub resource_ids: Option<Vec<String>>,
    pub effective_from: Option<i64>,
    pub effective_until: Option<i64>,
    pub status: Option<i32>,
    pub order_id: Option<String>,
    pub expire_from: Option<i64>,
    pub expire_until: Option<i64>,
    /// Yearly/monthly statuses as they read at the given time.
    pub statuses: Option<(Vec<SubscriptionStatus>, i64)>,
}

type Pred = Box<dyn BoxableExpression<t::table, AnyBackend, SqlType = Bool>>;

/// The rows that read as `s` at `now` (see `domain::consumption::subscriptions::status_at`).
fn reads_as(s: SubscriptionStatus, now: i64) -> Pred {
    use ResourceStatus as R;
    let open = [coded::int(R::Normal), coded::int(R::Changing)];
    let expired = t::expire_time
        .is_not_null()
        .and(t::expire_time.assume_not_null().lt(now));
    match s {
        SubscriptionStatus::InUse => Box::new(
            t::status.eq_any(open).and(
                t::expire_time
                    .is_null()
                    .or(t::expire_time.assume_not_null().ge(now)),
            ),
        ),
        SubscriptionStatus::Expired => Box::new(
            t::status
                .eq_any(open)
                .and(expired)
                .or(t::status.eq(coded::int(R::GracePeriod))),
        ),
        SubscriptionStatus::Frozen => Box::new(t::status.eq(coded::int(R::Frozen))),
        SubscriptionStatus::Closed => {
            Box::new(t::status.eq_any([coded::int(R::Closed), coded::int(R::Closing)]))
        }
    }
}

fn query(scope: &Scope, f: &ResourceFilter) -> t::BoxedQuery<'static, AnyBackend> {
    let mut q = t::table.into_boxed();
    match scope {
        Scope::Customer(c) => q = q.filter(t::customer_id.eq(c.clone())),
        Scope::Partner {
            partner_id,
            managers,
            association_type,
        } => {
            q = q.filter(t::partner_id.eq(partner_id.clone()));
            let of_partner = customers::partner_id.eq(partner_id.clone());
            if let Some(m) = managers {
                q = q.filter(
                    t::customer_id.eq_any(
                        customers::table
                            .filter(of_partner)
                            .filter(customers::account_manager_user_id.eq_any(m.clone()))
                            .select(customers::id),
                    ),
                );
            }
            if let Some(a) = association_type {
                q = q.filter(
                    t::customer_id.eq_any(
                        customers::table
                            .filter(customers::partner_id.eq(partner_id.clone()))
                            .filter(customers::association_type.eq(a.clone()))
                            .select(customers::id),
                    ),
                );
            }
        }
    }
    if let Some(v) = f.charging_mode {
        q = q.filter(t::charging_mode.eq(v));
    }
    if let Some(v) = &f.customer_id {
        q = q.filter(t::customer_id.eq(v.clone()));
    }
    if let Some(v) = &f.region_code {
        q = q.filter(t::region_code.eq(v.clone()));
    }
    if let Some(v) = &f.service_type_code {
        q = q.filter(t::service_type_code.eq(v.clone()));
    }
    if let Some(v) = &f.resource_ids {
        q = q.filter(t::id.eq_any(v.clone()));
    }
    if let Some(v) = f.effective_from {
        q = q.filter(t::effective_time.ge(v));
    }
    if let Some(v) = f.effective_until {
        q = q.filter(t::effective_time.le(v));
    }
    if let Some(v) = f.status {
        q = q.filter(t::status.eq(v));
    }
    if let Some(v) = &f.order_id {
        q = q.filter(t::order_id.eq(v.clone()));
    }
    if let Some(v) = f.expire_from {
        q = q.filter(t::expire_time.ge(v));
    }
    if let Some(v) = f.expire_until {
        q = q.filter(t::expire_time.le(v));
    }
    if let Some((list, now)) = &f.statuses {
        let mut any: Option<Pred> = None;
        for s in list {
            let p = reads_as(*s, *now);
            any = Some(match any {
                Some(a) => Box::new(a.or(p)),
                None => p,
            });
        }
        if let Some(p) = any {
            q = q.filter(p);
        }
    }
    q
}

pub fn count(
    conn: &mut DbConnection,
    scope: &Scope,
    f: &ResourceFilter,
) -> Result<i64, StoreError> {
    Ok(query(scope, f).count().get_result(conn)?)
}

pub fn page(
    conn: &mut DbConnection,
    scope: &Scope,
    f: &ResourceFilter,
    offset: i64,
    limit: i64,
) -> Result<Vec<Resource>, StoreError> {
    query(scope, f)
        .order((t::created_at.asc(), t::id.asc()))
        .offset(offset)
        .limit(limit)
        .select(ResourceRow::as_select())
        .load(conn)?
        .into_iter()
        .map(Resource::try_from)
        .collect()
}
