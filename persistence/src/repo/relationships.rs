//! Relationships end (#20): what the other side still holds from a partner, ending a reseller
//! link or a customer association, and the record of each end.

use crate::schema::{customers, partners};
use crate::schema_audit::link_ends as l;
use crate::schema_vouchers::coupon_quotas as q;
use crate::{DbConnection, StoreError};
use diesel::prelude::*;

pub const RESELLER: &str = "RESELLER";
pub const CUSTOMER: &str = "CUSTOMER";

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = l)]
pub struct LinkEndRow {
    pub partner_id: String,
    pub id: String,
    /// [`RESELLER`] or [`CUSTOMER`].
    pub kind: String,
    pub counterpart_id: String,
    pub association_type: Option<String>,
    pub linked_at: Option<i64>,
    pub ended_at: i64,
    pub reason: String,
}

#[derive(diesel::QueryableByName)]
struct Net {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    net: i64,
}

/// What `giver` moved into the cash account of (`owner_kind`, `owner_id`) net of what it took
/// back: the sum of that account's ledger rows naming `giver` as the other party.
pub fn given_net(
    conn: &mut DbConnection,
    owner_kind: &str,
    owner_id: &str,
    giver: &str,
) -> Result<i64, StoreError> {
    use diesel::sql_types::Text;
    let row: Net = diesel::sql_query(
        "SELECT CAST(COALESCE(SUM(l.amount_cents), 0) AS BIGINT) AS net \
         FROM ledger_entries l JOIN accounts a ON a.id = l.account_id \
         WHERE a.owner_kind = $1 AND a.owner_id = $2 AND a.account_type = 1 \
           AND l.counterparty_id = $3",
    )
    .bind::<Text, _>(owner_kind)
    .bind::<Text, _>(owner_id)
    .bind::<Text, _>(giver)
    .get_result(conn)?;
    Ok(row.net)
}

/// Quotas `distributor` passed on to `reseller` that still have a balance: (id, balance).
pub fn passed_quotas_with_balance(
    conn: &mut DbConnection,
    distributor: &str,
    reseller: &str,
) -> Result<Vec<(String, i64)>, StoreError> {
    Ok(q::table
        .filter(q::partner_id.eq(reseller))
        .filter(q::granted_by_partner_id.eq(distributor))
        .filter(q::balance_cents.gt(0))
        .order(q::id.asc())
        .select((q::id, q::balance_cents))
        .load(conn)?)
}

/// Ends the reseller's link to `distributor`; false if it is not linked to it.
pub fn unbind(
    conn: &mut DbConnection,
    distributor: &str,
    reseller: &str,
) -> Result<bool, StoreError> {
    let n = diesel::update(
        partners::table
            .filter(partners::id.eq(reseller))
            .filter(partners::parent_id.eq(distributor)),
    )
    .set((
        partners::parent_id.eq(None::<String>),
        partners::associated_at.eq(None::<i64>),
        partners::account_manager_user_id.eq(None::<String>),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// Ends the customer's association with `partner`; false if it is not associated with it.
pub fn disassociate(
    conn: &mut DbConnection,
    partner: &str,
    customer: &str,
) -> Result<bool, StoreError> {
    let n = diesel::update(
        customers::table
            .filter(customers::id.eq(customer))
            .filter(customers::partner_id.eq(partner)),
    )
    .set((
        customers::partner_id.eq(None::<String>),
        customers::association_type.eq(None::<String>),
        customers::associated_at.eq(None::<i64>),
        customers::account_manager_user_id.eq(None::<String>),
        customers::label.eq(None::<String>),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

pub fn record(conn: &mut DbConnection, row: &LinkEndRow) -> Result<(), StoreError> {
    diesel::insert_into(l::table).values(row).execute(conn)?;
    Ok(())
}

/// The ends `partner_id` recorded, newest first.
pub fn ends_of(conn: &mut DbConnection, partner_id: &str) -> Result<Vec<LinkEndRow>, StoreError> {
    Ok(l::table
        .filter(l::partner_id.eq(partner_id))
        .order((l::ended_at.desc(), l::id.asc()))
        .select(LinkEndRow::as_select())
        .load(conn)?)
}
