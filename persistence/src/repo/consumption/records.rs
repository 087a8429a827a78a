//! Usage fee records: inserted once per `(platform, record_id)`, read by customer or partner.

use crate::coded;
use crate::schema::customers;
use crate::schema_consumption::usage_fee_records as r;
use crate::{AnyBackend, DbConnection, StoreError};
use diesel::prelude::*;
use domain::consumption::FeeRecord;
use domain::Money;
use rust_decimal::Decimal;
use std::str::FromStr;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = r)]
pub struct FeeRecordRow {
    pub id: String,
    pub platform: String,
    pub record_id: String,
    pub customer_id: String,
    pub partner_id: Option<String>,
    pub resource_id: String,
    pub resource_name: Option<String>,
    pub service_type_code: String,
    pub resource_type_code: String,
    pub region_code: String,
    pub product_id: Option<String>,
    pub charging_mode: i32,
    pub bill_type: i32,
    pub usage_amount: String,
    pub usage_unit: String,
    pub official_cents: i64,
    pub discount_cents: i64,
    pub amount_cents: i64,
    pub coupon_cents: i64,
    pub cash_cents: i64,
    pub credit_cents: i64,
    pub debt_cents: i64,
    pub writeoff_cents: i64,
    pub bill_cycle: String,
    pub bill_date: String,
    pub usage_begin: i64,
    pub usage_end: i64,
    pub currency: String,
    pub created_at: i64,
}

impl TryFrom<FeeRecordRow> for FeeRecord {
    type Error = StoreError;

    fn try_from(x: FeeRecordRow) -> Result<Self, StoreError> {
        let m = Money::from_cents;
        Ok(FeeRecord {
            usage: Decimal::from_str(&x.usage_amount)
                .map_err(|_| StoreError::Internal("stored usage is malformed".into()))?,
            charging_mode: coded::from_int(x.charging_mode)?,
            bill_type: coded::from_int(x.bill_type)?,
            id: x.id,
            record_id: x.record_id,
            customer_id: x.customer_id,
            partner_id: x.partner_id,
            resource_id: x.resource_id,
            resource_name: x.resource_name,
            service_type_code: x.service_type_code,
            resource_type_code: x.resource_type_code,
            region_code: x.region_code,
            product_id: x.product_id,
            usage_unit: x.usage_unit,
            official_amount: m(x.official_cents),
            discount_amount: m(x.discount_cents),
            amount: m(x.amount_cents),
            coupon_amount: m(x.coupon_cents),
            cash_amount: m(x.cash_cents),
            credit_amount: m(x.credit_cents),
            debt_amount: m(x.debt_cents),
            writeoff_amount: m(x.writeoff_cents),
            bill_cycle: x.bill_cycle,
            bill_date: x.bill_date,
            usage_begin: x.usage_begin,
            usage_end: x.usage_end,
            currency: x.currency,
            created_at: x.created_at,
        })
    }
}

/// Which of `record_ids` the platform has already sent.
pub fn existing(
    conn: &mut DbConnection,
    platform: &str,
    record_ids: &[&str],
) -> Result<Vec<String>, StoreError> {
    let mut out = Vec::new();
    for chunk in record_ids.chunks(500) {
        out.extend(
            r::table
                .filter(r::platform.eq(platform))
                .filter(r::record_id.eq_any(chunk))
                .select(r::record_id)
                .load::<String>(conn)?,
        );
    }
    Ok(out)
}

/// Inserts the rows (a concurrent insert of the same record makes the transaction start over,
/// and the retry finds it sent).
pub fn insert(conn: &mut DbConnection, rows: &[FeeRecordRow]) -> Result<(), StoreError> {
    let dup = |e: diesel::result::Error| StoreError::from(e).retry_on_duplicate();
    match conn {
        // Multi-row statements; 31 binds a row keeps 500 rows under the bind limit.
        DbConnection::Pg(pg) => {
            for chunk in rows.chunks(500) {
                diesel::insert_into(r::table)
                    .values(chunk)
                    .execute(pg)
                    .map_err(dup)?;
            }
        }
        // SQLite has no multi-row insert with DEFAULT; one statement per row, one transaction.
        DbConnection::Sqlite(_) => {
            for row in rows {
                diesel::insert_into(r::table)
                    .values(row)
                    .execute(conn)
                    .map_err(dup)?;
            }
        }
    }
    Ok(())
}

/// Whose records a read covers.
#[derive(Debug, Clone)]
pub enum Scope {
    Customer(String),
    /// A partner's customers, optionally only those an account manager (or a supervisor's
    /// team) looks after, and only one association type.
    Partner {
        partner_id: String,
        managers: Option<Vec<String>>,
        association_type: Option<String>,
    },
}

#[derive(Debug, Clone, Default)]
pub struct RecordFilter {
    pub bill_cycle: Option<String>,
    pub customer_id: Option<String>,
    pub service_type_code: Option<String>,
    pub resource_type_code: Option<String>,
    pub region_code: Option<String>,
    pub charging_mode: Option<i32>,
    pub bill_type: Option<i32>,
    pub resource_id: Option<String>,
    pub resource_name: Option<String>,
    pub trade_id: Option<String>,
    pub bill_date_from: Option<String>,
    pub bill_date_until: Option<String>,
    /// Leave out records with nothing to pay.
    pub exclude_zero: bool,
    /// Only records with arrears still open (`true`) or settled (`false`).
    pub open_debt: Option<bool>,
}

fn query(scope: &Scope, f: &RecordFilter) -> r::BoxedQuery<'static, AnyBackend> {
    let mut q = r::table.into_boxed();
    match scope {
        Scope::Customer(c) => q = q.filter(r::customer_id.eq(c.clone())),
        Scope::Partner {
            partner_id,
            managers,
            association_type,
        } => {
            q = q.filter(r::partner_id.eq(partner_id.clone()));
            // Unboxed subqueries: the multi-backend connection cannot nest a boxed one.
            let of_partner = customers::partner_id.eq(partner_id.clone());
            let kind = |a: &String| customers::association_type.eq(a.clone());
            let managed = |m: &Vec<String>| customers::account_manager_user_id.eq_any(m.clone());
            match (managers, association_type) {
                (Some(m), Some(a)) => {
                    q = q.filter(
                        r::customer_id.eq_any(
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
                        r::customer_id.eq_any(
                            customers::table
                                .filter(of_partner)
                                .filter(managed(m))
                                .select(customers::id),
                        ),
                    );
                }
                (None, Some(a)) => {
                    q = q.filter(
                        r::customer_id.eq_any(
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
        q = q.filter(r::bill_cycle.eq(v.clone()));
    }
    if let Some(v) = &f.customer_id {
        q = q.filter(r::customer_id.eq(v.clone()));
    }
    if let Some(v) = &f.service_type_code {
        q = q.filter(r::service_type_code.eq(v.clone()));
    }
    if let Some(v) = &f.resource_type_code {
        q = q.filter(r::resource_type_code.eq(v.clone()));
    }
    if let Some(v) = &f.region_code {
        q = q.filter(r::region_code.eq(v.clone()));
    }
    if let Some(v) = f.charging_mode {
        q = q.filter(r::charging_mode.eq(v));
    }
    if let Some(v) = f.bill_type {
        q = q.filter(r::bill_type.eq(v));
    }
    if let Some(v) = &f.resource_id {
        q = q.filter(r::resource_id.eq(v.clone()));
    }
    if let Some(v) = &f.resource_name {
        q = q.filter(r::resource_name.eq(v.clone()));
    }
    if let Some(v) = &f.trade_id {
        q = q.filter(r::id.eq(v.clone()));
    }
    if let Some(v) = &f.bill_date_from {
        q = q.filter(r::bill_date.ge(v.clone()));
    }
    if let Some(v) = &f.bill_date_until {
        q = q.filter(r::bill_date.le(v.clone()));
    }
    if f.exclude_zero {
        q = q.filter(r::amount_cents.ne(0));
    }
    match f.open_debt {
        Some(true) => q = q.filter(r::debt_cents.gt(r::writeoff_cents)),
        Some(false) => q = q.filter(r::debt_cents.le(r::writeoff_cents)),
        None => {}
    }
    q
}

pub fn count(conn: &mut DbConnection, scope: &Scope, f: &RecordFilter) -> Result<i64, StoreError> {
    Ok(query(scope, f).count().get_result(conn)?)
}

/// A page in arrival order.
pub fn page(
    conn: &mut DbConnection,
    scope: &Scope,
    f: &RecordFilter,
    offset: i64,
    limit: i64,
) -> Result<Vec<FeeRecord>, StoreError> {
    query(scope, f)
        .order(r::seq.asc())
        .offset(offset)
        .limit(limit)
        .select(FeeRecordRow::as_select())
        .load(conn)?
        .into_iter()
        .map(FeeRecord::try_from)
        .collect()
}

/// Up to `n` records after the one numbered `after`, in arrival order, each with its number:
/// the batches of a streamed export.
pub fn batch_after(
    conn: &mut DbConnection,
    scope: &Scope,
    f: &RecordFilter,
    after: Option<i64>,
    n: i64,
) -> Result<Vec<(i64, FeeRecord)>, StoreError> {
    let mut q = query(scope, f);
    if let Some(a) = after {
        q = q.filter(r::seq.gt(a));
    }
    q.order(r::seq.asc())
        .limit(n)
        .select((r::seq, FeeRecordRow::as_select()))
        .load::<(i64, FeeRecordRow)>(conn)?
        .into_iter()
        .map(|(seq, row)| Ok((seq, FeeRecord::try_from(row)?)))
        .collect()
}

/// The customer's records with arrears not yet written off, oldest first: `(id, open cents)`.
pub fn open_debts(
    conn: &mut DbConnection,
    customer_id: &str,
) -> Result<Vec<(String, i64)>, StoreError> {
    Ok(r::table
        .filter(r::customer_id.eq(customer_id))
        .filter(r::debt_cents.gt(r::writeoff_cents))
        .order(r::seq.asc())
        .select((r::id, r::debt_cents - r::writeoff_cents))
        .load(conn)?)
}

pub fn add_writeoff(conn: &mut DbConnection, id: &str, cents: i64) -> Result<(), StoreError> {
    diesel::update(r::table.filter(r::id.eq(id)))
        .set(r::writeoff_cents.eq(r::writeoff_cents + cents))
        .execute(conn)?;
    Ok(())
}
