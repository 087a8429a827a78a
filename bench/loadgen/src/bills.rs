//! P7, bills (issue 22).
//!
//! - **Ingest**: fee records posted through the API in batches of 1,000, against a ceiling
//!   measured in the same run on the same database: the same writes for the same number of
//!   records — one multi-row insert of the records, one of their ledger rows, the customers'
//!   accounts locked and each moved by one update, the cycle sums upserted — made straight
//!   through the repositories in one transaction a batch, with no rule checked.
//! - **Monthly sums**: a closed cycle seeded in bare SQL with `records` fee records spread over
//!   every seeded customer (three services each) and its sums; page 1 of the partner's
//!   monthly sums for that cycle against page 1 of a small list (the partner's users).

use crate::coupons::Operator;
use crate::http::Signer;
use crate::seed::Seeded;
use diesel::prelude::*;
use domain::consumption::BillSum;
use domain::ledger::TradeDetail;
use domain::Money;
use persistence::repo::accounts::{self, AccountRow};
use persistence::repo::consumption::records::{self, FeeRecordRow};
use persistence::repo::consumption::sums;
use persistence::repo::ledger::LedgerRow;
use persistence::repo::ledger_query;
use persistence::{ids, Backend, Db, DbConnection, StoreError};
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Instant;

const BATCH: usize = 1000;
/// Customers a batch's records are spread over.
const BATCH_CUSTOMERS: usize = 50;
/// Cents a record costs (paid from cash).
const RECORD_CENTS: i64 = 1;
/// The closed cycle the monthly-sum read is measured on.
pub const CYCLE: &str = "2026-10";

#[derive(Debug, Clone, Serialize, Default)]
pub struct Ingest {
    pub records: u64,
    pub api_per_sec: f64,
    pub ceiling_per_sec: f64,
    pub ratio: f64,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct MonthlySum {
    pub records: i64,
    pub customers: usize,
    pub sum_rows: i64,
    pub seed_secs: f64,
    pub small_p50_ms: f64,
    pub monthly_p50_ms: f64,
    pub ratio: f64,
}

/// The customers of batch `b`, skipping the hot customer 0 that P3 drains.
fn batch_customers(seed: &Seeded, b: usize) -> Vec<String> {
    let n = seed.customers.len().saturating_sub(1).max(1);
    (0..BATCH_CUSTOMERS.min(n))
        .map(|j| seed.customers[1 + (b * BATCH_CUSTOMERS + j) % n].id.clone())
        .collect()
}

fn utc(t: i64) -> String {
    chrono::DateTime::from_timestamp(t, 0)
        .map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default()
}

pub async fn ingest(
    s: &Signer,
    op: &Operator,
    seed: &Arc<Seeded>,
    db: &Db,
    batches: usize,
) -> Result<Ingest, String> {
    let end = chrono::Utc::now().timestamp() - 3600;
    let started = Instant::now();
    for b in 0..batches {
        let who = batch_customers(seed, b);
        let records: Vec<Value> = (0..BATCH)
            .map(|i| {
                json!({"record_id": format!("p7-{b}-{i}"), "customer_id": who[i % who.len()],
                    "resource_id": format!("vm-{}", i % 7), "service_type_code": "hws.service.type.ec2",
                    "resource_type_code": "hws.resource.type.vm", "region_code": "cn-north-4",
                    "usage": "1", "usage_unit": "hour", "official_amount": "0.01", "amount": "0.01",
                    "usage_begin_time": utc(end - 60), "usage_end_time": utc(end)})
            })
            .collect();
        let body = json!({"platform": "bench", "records": records});
        let r = s
            .call(
                &op.ak,
                &op.sk,
                "POST",
                "/v2/operator/usage-fee-records",
                &[],
                Some(&body),
            )
            .await?;
        if r.status != 200 {
            return Err(format!(
                "P7 batch {b} answered {}: {}",
                r.status,
                String::from_utf8_lossy(&r.body)
            ));
        }
    }
    let api_secs = started.elapsed().as_secs_f64();
    let (db, seed) = (db.clone(), seed.clone());
    let ceiling_secs = tokio::task::spawn_blocking(move || ceiling(&db, &seed, batches, end))
        .await
        .map_err(|e| e.to_string())??;
    let n = (batches * BATCH) as f64;
    Ok(Ingest {
        records: n as u64,
        api_per_sec: n / api_secs,
        ceiling_per_sec: n / ceiling_secs,
        ratio: ceiling_secs / api_secs,
    })
}

/// The ceiling's writes, batch by batch; returns the seconds taken.
fn ceiling(db: &Db, seed: &Seeded, batches: usize, end: i64) -> Result<f64, String> {
    let partner = seed.partner.as_ref().map(|p| p.id.clone());
    let started = Instant::now();
    for b in 0..batches {
        let who = batch_customers(seed, b);
        let partner = partner.clone();
        db.write(move |c| ceiling_batch(c, b, &who, partner.as_deref(), end))
            .map_err(|e| format!("P7 ceiling: {e}"))?;
    }
    Ok(started.elapsed().as_secs_f64())
}

fn ceiling_batch(
    c: &mut DbConnection,
    b: usize,
    who: &[String],
    partner: Option<&str>,
    end: i64,
) -> Result<(), StoreError> {
    let now = chrono::Utc::now().timestamp();
    let mut cash: Vec<AccountRow> = Vec::with_capacity(who.len());
    for id in who {
        let locked = accounts::lock_cash_and_credit(c, accounts::CUSTOMER, id, now)?;
        cash.extend(
            locked
                .into_iter()
                .filter(|a| a.account_type == accounts::CASH),
        );
    }
    let detail = TradeDetail::Usage;
    let mut records_out = Vec::with_capacity(BATCH);
    let mut ledger = Vec::with_capacity(BATCH);
    let mut sums_out: BTreeMap<String, BillSum> = BTreeMap::new();
    for i in 0..BATCH {
        let acc = &mut cash[i % who.len()];
        acc.balance_cents -= RECORD_CENTS;
        let id = ids::new_id();
        let customer_id = acc.owner_id.clone();
        ledger.push(LedgerRow {
            seq: None,
            id: ids::new_id(),
            account_id: acc.id.clone(),
            owner_kind: acc.owner_kind.clone(),
            owner_id: customer_id.clone(),
            account_type: acc.account_type,
            trade_type: detail.trade_type().to_owned(),
            trade_detail_type: detail.as_str().to_owned(),
            trade_id: id.clone(),
            amount_cents: -RECORD_CENTS,
            balance_after_cents: acc.balance_cents,
            customer_id: None,
            counterparty_id: None,
            remark: Some(format!("c{b}-{i}")),
            created_at: now,
        });
        let cents = Money::from_cents(RECORD_CENTS);
        sums_out
            .entry(customer_id.clone())
            .and_modify(|s| {
                let one = s.clone();
                s.add(&BillSum {
                    record_count: 1,
                    ..one
                });
            })
            .or_insert(BillSum {
                customer_id: customer_id.clone(),
                bill_cycle: "ceiling".into(),
                service_type_code: "hws.service.type.ec2".into(),
                resource_type_code: "hws.resource.type.vm".into(),
                charging_mode: 3,
                bill_type: 1,
                official_amount: cents,
                discount_amount: Money::ZERO,
                amount: cents,
                coupon_amount: Money::ZERO,
                cash_amount: cents,
                credit_amount: Money::ZERO,
                debt_amount: Money::ZERO,
                record_count: 1,
            });
        records_out.push(FeeRecordRow {
            id,
            platform: "ceiling".into(),
            record_id: format!("c{b}-{i}"),
            customer_id,
            partner_id: partner.map(str::to_owned),
            resource_id: format!("vm-{}", i % 7),
            resource_name: None,
            service_type_code: "hws.service.type.ec2".into(),
            resource_type_code: "hws.resource.type.vm".into(),
            region_code: "cn-north-4".into(),
            product_id: None,
            charging_mode: 3,
            bill_type: 5,
            usage_amount: "1".into(),
            usage_unit: "hour".into(),
            official_cents: RECORD_CENTS,
            discount_cents: 0,
            amount_cents: RECORD_CENTS,
            coupon_cents: 0,
            cash_cents: RECORD_CENTS,
            credit_cents: 0,
            debt_cents: 0,
            writeoff_cents: 0,
            bill_cycle: "ceiling".into(),
            bill_date: "2026-11-25".into(),
            usage_begin: end - 60,
            usage_end: end,
            currency: "CNY".into(),
            created_at: now,
        });
    }
    records::insert(c, &records_out)?;
    ledger_query::insert_many(c, &ledger)?;
    {
        use persistence::schema::accounts::dsl as a;
        for acc in &cash {
            diesel::update(a::accounts.filter(a::id.eq(&acc.id)))
                .set(a::balance_cents.eq(acc.balance_cents))
                .execute(c)?;
        }
    }
    for s in sums_out.values() {
        sums::add(c, s, partner)?;
    }
    Ok(())
}

/// Seeds `records` fee records of [`CYCLE`] over every seeded customer, and their sums, in
/// bare SQL (paid by coupons, so no balance or ledger row changes), then reads.
pub async fn monthly_sum(
    s: &Signer,
    seed: &Arc<Seeded>,
    db: &Db,
    records: i64,
    rounds: usize,
) -> Result<MonthlySum, String> {
    let p = seed.partner.clone().ok_or("no partner")?;
    let (db2, seed2, pid) = (db.clone(), seed.clone(), p.id.clone());
    let t = Instant::now();
    let sum_rows = tokio::task::spawn_blocking(move || seed_cycle(&db2, &seed2, &pid, records))
        .await
        .map_err(|e| e.to_string())??;
    let seed_secs = t.elapsed().as_secs_f64();
    let monthly = [("cycle", CYCLE), ("offset", "0"), ("limit", "10")];
    let path = "/v2/bills/partner-bills/subcustomer-bills/monthly-sum";
    // One unmeasured round warms both.
    let (mut t_small, mut t_month) = (Vec::new(), Vec::new());
    for round in 0..=rounds {
        let a = Instant::now();
        let r = s
            .call(&p.ak, &p.sk, "GET", "/v2/partners/users", &[], None)
            .await?;
        let small_ms = a.elapsed().as_secs_f64() * 1000.0;
        if r.status != 200 {
            return Err(format!("user list answered {}", r.status));
        }
        let a = Instant::now();
        let r = s.call(&p.ak, &p.sk, "GET", path, &monthly, None).await?;
        let month_ms = a.elapsed().as_secs_f64() * 1000.0;
        if r.status != 200 {
            return Err(format!(
                "monthly sums answered {}: {}",
                r.status,
                String::from_utf8_lossy(&r.body)
            ));
        }
        let count = serde_json::from_slice::<Value>(&r.body)
            .ok()
            .and_then(|v| v["count"].as_i64())
            .unwrap_or(-1);
        if count != sum_rows {
            return Err(format!("monthly sums counted {count}, {sum_rows} stored"));
        }
        if round > 0 {
            t_small.push(small_ms);
            t_month.push(month_ms);
        }
    }
    let p50 = |v: &mut Vec<f64>| {
        v.sort_by(|a, b| a.total_cmp(b));
        v.get(v.len() / 2).copied().unwrap_or(0.0)
    };
    let (a, b) = (p50(&mut t_small), p50(&mut t_month));
    Ok(MonthlySum {
        records,
        customers: seed.customers.len(),
        sum_rows,
        seed_secs,
        small_p50_ms: a,
        monthly_p50_ms: b,
        ratio: b / a.max(1e-9),
    })
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

fn seed_cycle(db: &Db, seed: &Seeded, partner_id: &str, records: i64) -> Result<i64, String> {
    let err = |e: StoreError| format!("P7 seeding: {e}");
    let ids: Vec<String> = seed.customers.iter().map(|c| c.id.clone()).collect();
    let n = i64::try_from(ids.len()).unwrap_or(1).max(1);
    db.write(|c| {
        diesel::sql_query(
            "CREATE TABLE bench_p7_customers (i BIGINT PRIMARY KEY, id TEXT NOT NULL)",
        )
        .execute(c)?;
        for (k, chunk) in ids.chunks(500).enumerate() {
            let values: Vec<String> = chunk
                .iter()
                .enumerate()
                .map(|(j, id)| format!("({}, '{id}')", k * 500 + j))
                .collect();
            diesel::sql_query(format!(
                "INSERT INTO bench_p7_customers (i, id) VALUES {}",
                values.join(",")
            ))
            .execute(c)?;
        }
        Ok::<_, StoreError>(())
    })
    .map_err(err)?;
    let pg = db.backend() == Backend::Postgres;
    let chunk = 500_000;
    let mut lo = 0;
    while lo < records {
        let hi = (lo + chunk).min(records) - 1;
        let series = if pg {
            format!("SELECT g.n FROM generate_series({lo}, {hi}) AS g(n)")
        } else {
            format!(
                "WITH RECURSIVE s(n) AS (SELECT {lo} UNION ALL SELECT n + 1 FROM s WHERE n < {hi}) SELECT n FROM s"
            )
        };
        // Customer `n mod customers`, service `(n div customers) mod 3`: three sums a customer.
        let sql = format!(
            "INSERT INTO usage_fee_records (id, platform, record_id, customer_id, partner_id, resource_id, \
               service_type_code, resource_type_code, region_code, charging_mode, bill_type, usage_amount, \
               usage_unit, official_cents, discount_cents, amount_cents, coupon_cents, cash_cents, credit_cents, \
               debt_cents, writeoff_cents, bill_cycle, bill_date, usage_begin, usage_end, currency, created_at) \
             SELECT 'p7s-' || g.n, 'bench-seed', 'p7s-' || g.n, m.id, '{partner_id}', 'res-' || (g.n % 97), \
               'hws.service.type.s' || ((g.n / {n}) % 3), 'hws.resource.type.vm', 'cn-north-4', 3, 1, '1', \
               'hour', 2, 0, 2, 2, 0, 0, 0, 0, '{CYCLE}', '{CYCLE}-15', 1791331200, 1791334800, 'CNY', 1791334800 \
             FROM ({series}) AS g JOIN bench_p7_customers m ON m.i = g.n % {n}"
        );
        db.write(|c| diesel::sql_query(&sql).execute(c).map_err(StoreError::from))
            .map_err(err)?;
        lo = hi + 1;
    }
    db.write(|c| {
        diesel::sql_query(format!(
            "INSERT INTO bill_cycle_sums (customer_id, bill_cycle, service_type_code, resource_type_code, \
               charging_mode, bill_type, partner_id, official_cents, discount_cents, amount_cents, coupon_cents, \
               cash_cents, credit_cents, debt_cents, record_count) \
             SELECT customer_id, bill_cycle, service_type_code, resource_type_code, charging_mode, 1, partner_id, \
               SUM(official_cents), SUM(discount_cents), SUM(amount_cents), SUM(coupon_cents), SUM(cash_cents), \
               SUM(credit_cents), SUM(debt_cents), COUNT(*) \
             FROM usage_fee_records WHERE platform = 'bench-seed' AND bill_cycle = '{CYCLE}' \
             GROUP BY customer_id, bill_cycle, service_type_code, resource_type_code, charging_mode, partner_id"
        ))
        .execute(c)?;
        diesel::sql_query("DROP TABLE bench_p7_customers").execute(c)?;
        diesel::sql_query("ANALYZE").execute(c)?;
        Ok::<_, StoreError>(())
    })
    .map_err(err)?;
    db.read(|c| {
        diesel::sql_query(format!(
            "SELECT CAST(COUNT(*) AS BIGINT) AS n FROM bill_cycle_sums WHERE bill_cycle = '{CYCLE}'"
        ))
        .get_result::<Count>(c)
        .map(|r| r.n)
        .map_err(StoreError::from)
    })
    .map_err(err)
}
