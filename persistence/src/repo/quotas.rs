//! Coupon quotas: granted by the operator, passed by distributors to resellers. Balances only
//! move by relative updates on rows locked with [`lock`], so no quota is ever over-spent.

use crate::schema_vouchers::coupon_quotas as q;
use crate::{DbConnection, StoreError};
use diesel::prelude::*;
use domain::vouchers::issue::QuotaLimits;
use domain::vouchers::quota::Quota;
use domain::vouchers::split_list;
use domain::Money;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = q)]
pub struct QuotaRow {
    pub id: String,
    pub partner_id: String,
    pub parent_quota_id: Option<String>,
    /// The distributor that passed this quota on; `None` for the operator's grants.
    pub granted_by_partner_id: Option<String>,
    pub quota_type: i32,
    /// Everything granted into this quota (`quota_value`).
    pub quota_cents: i64,
    pub balance_cents: i64,
    pub status: i32,
    pub effective_time: i64,
    pub expire_time: i64,
    pub face_min_cents: Option<i64>,
    pub face_max_cents: Option<i64>,
    pub cloud_service_types: Option<String>,
    pub product_ids: Option<String>,
    pub create_time: i64,
    pub last_update_time: i64,
}

impl From<QuotaRow> for Quota {
    fn from(q: QuotaRow) -> Self {
        Quota {
            limits: QuotaLimits {
                face_min: q.face_min_cents.map(Money::from_cents),
                face_max: q.face_max_cents.map(Money::from_cents),
                cloud_service_types: split_list(q.cloud_service_types.as_deref()),
                product_ids: split_list(q.product_ids.as_deref()),
            },
            id: q.id,
            partner_id: q.partner_id,
            parent_quota_id: q.parent_quota_id,
            quota_type: q.quota_type,
            quota: Money::from_cents(q.quota_cents),
            balance: Money::from_cents(q.balance_cents),
            status: q.status,
            effective_time: q.effective_time,
            expire_time: q.expire_time,
            create_time: q.create_time,
            last_update_time: q.last_update_time,
        }
    }
}

pub fn insert(conn: &mut DbConnection, row: &QuotaRow) -> Result<(), StoreError> {
    diesel::insert_into(q::table).values(row).execute(conn)?;
    Ok(())
}

pub fn find(conn: &mut DbConnection, id: &str) -> Result<Option<QuotaRow>, StoreError> {
    Ok(q::table
        .find(id)
        .select(QuotaRow::as_select())
        .first(conn)
        .optional()?)
}

/// Locks the quotas for the rest of the transaction, always in id order so that two moves
/// never deadlock; missing ids are simply absent. On SQLite the writer turn is the lock.
pub fn lock(conn: &mut DbConnection, ids: &[&str]) -> Result<Vec<QuotaRow>, StoreError> {
    let mut sorted: Vec<&str> = ids.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let base = || {
        q::table
            .filter(q::id.eq_any(sorted.clone()))
            .order(q::id.asc())
    };
    Ok(match conn {
        DbConnection::Pg(pg) => base().select(QuotaRow::as_select()).for_update().load(pg)?,
        DbConnection::Sqlite(_) => base().select(QuotaRow::as_select()).load(conn)?,
    })
}

/// Takes `cents` from a quota's balance; false (and nothing changed) if it is not there.
pub fn debit(conn: &mut DbConnection, id: &str, cents: i64, now: i64) -> Result<bool, StoreError> {
    let n = diesel::update(
        q::table
            .filter(q::id.eq(id))
            .filter(q::balance_cents.ge(cents)),
    )
    .set((
        q::balance_cents.eq(q::balance_cents - cents),
        q::last_update_time.eq(now),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// Gives `cents` back to a quota's balance (a reclaimed coupon or child quota).
pub fn credit(conn: &mut DbConnection, id: &str, cents: i64, now: i64) -> Result<(), StoreError> {
    diesel::update(q::table.find(id))
        .set((
            q::balance_cents.eq(q::balance_cents + cents),
            q::last_update_time.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Grants `cents` more into a quota: its value and balance both grow.
pub fn grant_more(
    conn: &mut DbConnection,
    id: &str,
    cents: i64,
    now: i64,
) -> Result<(), StoreError> {
    diesel::update(q::table.find(id))
        .set((
            q::quota_cents.eq(q::quota_cents + cents),
            q::balance_cents.eq(q::balance_cents + cents),
            q::last_update_time.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Empties a child quota that still holds `expected` and marks it reclaimed (6).
pub fn take_all(
    conn: &mut DbConnection,
    id: &str,
    expected: i64,
    now: i64,
) -> Result<bool, StoreError> {
    let n = diesel::update(
        q::table
            .filter(q::id.eq(id))
            .filter(q::balance_cents.eq(expected)),
    )
    .set((
        q::balance_cents.eq(0),
        q::status.eq(domain::vouchers::QUOTA_RECLAIMED),
        q::last_update_time.eq(now),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// The children of `parent_id` held by the given resellers, any status.
pub fn children_of(
    conn: &mut DbConnection,
    parent_id: &str,
    partner_ids: &[String],
) -> Result<Vec<QuotaRow>, StoreError> {
    Ok(q::table
        .filter(q::parent_quota_id.eq(parent_id))
        .filter(q::partner_id.eq_any(partner_ids))
        .select(QuotaRow::as_select())
        .load(conn)?)
}

/// Normal quotas whose validity ended by `now` become invalid (3); returns how many.
pub fn expire_due(conn: &mut DbConnection, now: i64) -> Result<usize, StoreError> {
    Ok(diesel::update(
        q::table
            .filter(q::status.eq(domain::vouchers::QUOTA_NORMAL))
            .filter(q::expire_time.le(now)),
    )
    .set((
        q::status.eq(domain::vouchers::QUOTA_EXPIRED),
        q::last_update_time.eq(now),
    ))
    .execute(conn)?)
}

/// Whether any normal quota has expired by `now` (cheap, index-backed).
pub fn any_due(conn: &mut DbConnection, now: i64) -> Result<bool, StoreError> {
    let n: i64 = q::table
        .filter(q::status.eq(domain::vouchers::QUOTA_NORMAL))
        .filter(q::expire_time.le(now))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}
