//! What the new-customer tag reads: a partner's customers (as its user may see them) with
//! their registration time, and when each first spent.

use super::records::Scope;
use crate::coded;
use crate::schema::{customers as c, orders as o};
use crate::schema_consumption::usage_fee_records as u;
use crate::{DbConnection, StoreError};
use diesel::dsl::min;
use diesel::prelude::*;
use domain::orders::{OrderStatus, OrderType};
use std::collections::HashMap;

/// `(id, registered)` of a page of the scope's customers, by id; only `ids` when given.
pub fn customers(
    conn: &mut DbConnection,
    scope: &Scope,
    ids: Option<&[String]>,
    offset: i64,
    limit: i64,
) -> Result<Vec<(String, i64)>, StoreError> {
    let Scope::Partner {
        partner_id,
        managers,
        association_type,
    } = scope
    else {
        return Ok(Vec::new());
    };
    let mut q = c::table
        .filter(c::partner_id.eq(partner_id.clone()))
        .into_boxed();
    if let Some(m) = managers {
        q = q.filter(c::account_manager_user_id.eq_any(m.clone()));
    }
    if let Some(a) = association_type {
        q = q.filter(c::association_type.eq(a.clone()));
    }
    if let Some(ids) = ids {
        q = q.filter(c::id.eq_any(ids.to_vec()));
    }
    Ok(q.order(c::id.asc())
        .offset(offset)
        .limit(limit)
        .select((c::id, c::created_at))
        .load(conn)?)
}

/// When each of `ids` first spent: its first paid order or charged usage record.
pub fn first_spend(
    conn: &mut DbConnection,
    ids: &[String],
) -> Result<HashMap<String, i64>, StoreError> {
    let mut out: HashMap<String, i64> = HashMap::new();
    let mut keep = |id: String, at: Option<i64>| {
        if let Some(at) = at {
            let e = out.entry(id).or_insert(at);
            *e = (*e).min(at);
        }
    };
    let paid: Vec<(String, Option<i64>)> = o::table
        .filter(o::customer_id.eq_any(ids))
        .filter(o::status.eq(coded::int(OrderStatus::Completed)))
        .filter(o::order_type.ne(coded::int(OrderType::Unsubscribe)))
        .filter(o::amount_cents.gt(0))
        .group_by(o::customer_id)
        .select((o::customer_id, min(o::payment_time)))
        .load(conn)?;
    for (id, at) in paid {
        keep(id, at);
    }
    let used: Vec<(String, Option<i64>)> = u::table
        .filter(u::customer_id.eq_any(ids))
        .filter(u::amount_cents.gt(0))
        .group_by(u::customer_id)
        .select((u::customer_id, min(u::created_at)))
        .load(conn)?;
    for (id, at) in used {
        keep(id, at);
    }
    Ok(out)
}
