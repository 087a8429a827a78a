//! Bill-cycle sums, kept as records arrive: one upsert per key and batch, so a month's sum for
//! a partner is one indexed read of `bill_cycle_sums`.

use crate::schema::customers;
use crate::schema_consumption::bill_cycle_sums as s;
use crate::{AnyBackend, DbConnection, StoreError};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer, Nullable, Text};
use domain::consumption::BillSum;
use domain::Money;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = s)]
struct SumRow {
    customer_id: String,
    bill_cycle: String,
    service_type_code: String,
    resource_type_code: String,
    charging_mode: i32,
    bill_type: i32,
    official_cents: i64,
    discount_cents: i64,
    amount_cents: i64,
    coupon_cents: i64,
    cash_cents: i64,
    credit_cents: i64,
    debt_cents: i64,
    record_count: i64,
}

impl From<SumRow> for BillSum {
    fn from(x: SumRow) -> Self {
        let m = Money::from_cents;
        BillSum {
            customer_id: x.customer_id,
            bill_cycle: x.bill_cycle,
            service_type_code: x.service_type_code,
            resource_type_code: x.resource_type_code,
            charging_mode: i64::from(x.charging_mode),
            bill_type: i64::from(x.bill_type),
            official_amount: m(x.official_cents),
            discount_amount: m(x.discount_cents),
            amount: m(x.amount_cents),
            coupon_amount: m(x.coupon_cents),
            cash_amount: m(x.cash_cents),
            credit_amount: m(x.credit_cents),
            debt_amount: m(x.debt_cents),
            record_count: x.record_count,
        }
    }
}

/// Adds `d` to its key's row (created at zero if missing).
pub fn add(
    conn: &mut DbConnection,
    d: &BillSum,
    partner_id: Option<&str>,
) -> Result<(), StoreError> {
    let int = |v: i64| i32::try_from(v).unwrap_or(i32::MAX);
    let sql = super::placeholders(
        conn,
        "INSERT INTO bill_cycle_sums (customer_id, bill_cycle, service_type_code, resource_type_code, \
           charging_mode, bill_type, partner_id, official_cents, discount_cents, amount_cents, \
           coupon_cents, cash_cents, credit_cents, debt_cents, record_count) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) \
         ON CONFLICT (customer_id, bill_cycle, service_type_code, resource_type_code, charging_mode, bill_type) \
         DO UPDATE SET official_cents = bill_cycle_sums.official_cents + excluded.official_cents, \
           discount_cents = bill_cycle_sums.discount_cents + excluded.discount_cents, \
           amount_cents = bill_cycle_sums.amount_cents + excluded.amount_cents, \
           coupon_cents = bill_cycle_sums.coupon_cents + excluded.coupon_cents, \
           cash_cents = bill_cycle_sums.cash_cents + excluded.cash_cents, \
           credit_cents = bill_cycle_sums.credit_cents + excluded.credit_cents, \
           debt_cents = bill_cycle_sums.debt_cents + excluded.debt_cents, \
           record_count = bill_cycle_sums.record_count + excluded.record_count",
    );
    diesel::sql_query(sql.as_ref())
        .bind::<Text, _>(&d.customer_id)
        .bind::<Text, _>(&d.bill_cycle)
        .bind::<Text, _>(&d.service_type_code)
        .bind::<Text, _>(&d.resource_type_code)
        .bind::<Integer, _>(int(d.charging_mode))
        .bind::<Integer, _>(int(d.bill_type))
        .bind::<Nullable<Text>, _>(partner_id)
        .bind::<BigInt, _>(d.official_amount.cents())
        .bind::<BigInt, _>(d.discount_amount.cents())
        .bind::<BigInt, _>(d.amount.cents())
        .bind::<BigInt, _>(d.coupon_amount.cents())
        .bind::<BigInt, _>(d.cash_amount.cents())
        .bind::<BigInt, _>(d.credit_amount.cents())
        .bind::<BigInt, _>(d.debt_amount.cents())
        .bind::<BigInt, _>(d.record_count)
        .execute(conn)?;
    Ok(())
}

/// Whose sums a read covers (see [`super::records::Scope`]).
pub use super::records::Scope;

#[derive(Debug, Clone, Default)]
pub struct SumFilter {
    pub bill_cycle: Option<String>,
    pub customer_id: Option<String>,
    pub service_type_code: Option<String>,
    pub charging_mode: Option<i32>,
    pub bill_type: Option<i32>,
}

fn query(scope: &Scope, f: &SumFilter) -> s::BoxedQuery<'static, AnyBackend> {
    let mut q = s::table.into_boxed();
    match scope {
        Scope::Customer(c) => q = q.filter(s::customer_id.eq(c.clone())),
        Scope::Partner {
            partner_id,
            managers,
            association_type,
        } => {
            q = q.filter(s::partner_id.eq(partner_id.clone()));
            // Unboxed subqueries: the multi-backend connection cannot nest a boxed one.
            let of_partner = customers::partner_id.eq(partner_id.clone());
            let kind = |a: &String| customers::association_type.eq(a.clone());
            let managed = |m: &Vec<String>| customers::account_manager_user_id.eq_any(m.clone());
            match (managers, association_type) {
                (Some(m), Some(a)) => {
                    q = q.filter(
                        s::customer_id.eq_any(
                            customers::table
                                .filter(of_partner)
                                .filter(managed(m))
                                .filter(kind(a))
                                .select(customers::id),
                        ),
                    );
                }
                (Some(m), None) => {
                    q = q.filter(
                        s::customer_id.eq_any(
                            customers::table
                                .filter(of_partner)
                                .filter(managed(m))
                                .select(customers::id),
                        ),
                    );
                }
                (None, Some(a)) => {
                    q = q.filter(
                        s::customer_id.eq_any(
                            customers::table
                                .filter(of_partner)
                                .filter(kind(a))
                                .select(customers::id),
                        ),
                    );
                }
                (None, None) => {}
            }
        }
    }
    if let Some(v) = &f.bill_cycle {
        q = q.filter(s::bill_cycle.eq(v.clone()));
    }
    if let Some(v) = &f.customer_id {
        q = q.filter(s::customer_id.eq(v.clone()));
    }
    if let Some(v) = &f.service_type_code {
        q = q.filter(s::service_type_code.eq(v.clone()));
    }
    if let Some(v) = f.charging_mode {
        q = q.filter(s::charging_mode.eq(v));
    }
    if let Some(v) = f.bill_type {
        q = q.filter(s::bill_type.eq(v));
    }
    q
}

pub fn count(conn: &mut DbConnection, scope: &Scope, f: &SumFilter) -> Result<i64, StoreError> {
    Ok(query(scope, f).count().get_result(conn)?)
}

/// A page in key order.
pub fn page(
    conn: &mut DbConnection,
    scope: &Scope,
    f: &SumFilter,
    offset: i64,
    limit: i64,
) -> Result<Vec<BillSum>, StoreError> {
    Ok(query(scope, f)
        .order((
            s::customer_id.asc(),
            s::service_type_code.asc(),
            s::resource_type_code.asc(),
            s::charging_mode.asc(),
            s::bill_type.asc(),
        ))
        .offset(offset)
        .limit(limit)
        .select(SumRow::as_select())
        .load(conn)?
        .into_iter()
        .map(BillSum::from)
        .collect())
}

/// Every sum row matching (for totals).
pub fn all(
    conn: &mut DbConnection,
    scope: &Scope,
    f: &SumFilter,
) -> Result<Vec<BillSum>, StoreError> {
    page(conn, scope, f, 0, i64::MAX)
}

/// The customers with consumption in a cycle, in id order: `(total, page)`.
pub fn consuming_customers(
    conn: &mut DbConnection,
    scope: &Scope,
    bill_cycle: &str,
    offset: i64,
    limit: i64,
) -> Result<(i64, Vec<String>), StoreError> {
    let f = SumFilter {
        bill_cycle: Some(bill_cycle.to_owned()),
        ..SumFilter::default()
    };
    let mut ids: Vec<String> = query(scope, &f)
        .select(s::customer_id)
        .order(s::customer_id.asc())
        .load(conn)?;
    ids.dedup();
    let total = i64::try_from(ids.len()).unwrap_or(i64::MAX);
    let page = ids
        .into_iter()
        .skip(usize::try_from(offset).unwrap_or(usize::MAX))
        .take(usize::try_from(limit).unwrap_or(0))
        .collect();
    Ok((total, page))
}
