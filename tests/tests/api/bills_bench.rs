//! Issue 22's ingest figure (ignored by default; run with `--ignored bills_bench`): fee records
//! posted in batches of 1,000 through the API on PostgreSQL, as a ratio to a same-run ceiling
//! (the same rows inserted with multi-row statements plus the balance updates, no rules).
//! Measured 2026-12-07 on the shared 2-core machine: about 2,400 records/s through the API
//! against about 9,600 for the ceiling, ratio 0.25-0.27 (0.19 before charges were posted per
//! customer and account in one update and one multi-row ledger insert).

use persistence::repo::consumption::records::{self, FeeRecordRow};
use serde_json::{json, Value};
use std::time::Instant;
use tests::fixtures::customer;
use tests::fixtures_orders::recharge_customer;
use tests::{Backend, TestServer};

const CUSTOMERS: usize = 20;
const BATCHES: usize = 5;
const BATCH: usize = 1000;

fn utc(t: i64) -> String {
    chrono::DateTime::from_timestamp(t, 0)
        .unwrap()
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a benchmark: run with --ignored"]
async fn ingest_rate_against_bare_sql() {
    use domain::Clock;
    let srv = TestServer::start(Backend::Postgres).await;
    let mut ids = Vec::new();
    for _ in 0..CUSTOMERS {
        let c = customer(&srv).await;
        recharge_customer(&srv, &c.id, "100000").await;
        ids.push(c.id);
    }
    let end = srv.clock.now().timestamp() - 3600;
    let op = srv.operator();
    let started = Instant::now();
    for b in 0..BATCHES {
        let records: Vec<Value> = (0..BATCH)
            .map(|i| {
                json!({"record_id": format!("b{b}-{i}"), "customer_id": ids[i % CUSTOMERS],
                    "resource_id": "vm", "service_type_code": "hws.service.type.ec2",
                    "resource_type_code": "hws.resource.type.vm", "region_code": "cn-north-4",
                    "usage": "1", "usage_unit": "hour", "official_amount": "0.10", "amount": "0.10",
                    "usage_begin_time": utc(end - 60), "usage_end_time": utc(end)})
            })
            .collect();
        op.post(
            "/v2/operator/usage-fee-records",
            json!({"platform": "bench", "records": records}),
        )
        .await
        .expect(200, "");
    }
    let api_secs = started.elapsed().as_secs_f64();
    let n = (BATCHES * BATCH) as f64;
    // The ceiling: the same rows, multi-row INSERTs and one balance UPDATE per customer a batch.
    let db = srv.db.clone();
    let ids2 = ids.clone();
    let ceiling_secs = tokio::task::spawn_blocking(move || {
        let started = Instant::now();
        for b in 0..BATCHES {
            let rows: Vec<FeeRecordRow> = (0..BATCH)
                .map(|i| FeeRecordRow {
                    id: format!("ceil-{b}-{i}"),
                    platform: "ceiling".into(),
                    record_id: format!("c{b}-{i}"),
                    customer_id: ids2[i % CUSTOMERS].clone(),
                    partner_id: None,
                    resource_id: "vm".into(),
                    resource_name: None,
                    service_type_code: "hws.service.type.ec2".into(),
                    resource_type_code: "hws.resource.type.vm".into(),
                    region_code: "cn-north-4".into(),
                    product_id: None,
                    charging_mode: 3,
                    bill_type: 5,
                    usage_amount: "1".into(),
                    usage_unit: "hour".into(),
                    official_cents: 10,
                    discount_cents: 0,
                    amount_cents: 10,
                    coupon_cents: 0,
                    cash_cents: 10,
                    credit_cents: 0,
                    debt_cents: 0,
                    writeoff_cents: 0,
                    bill_cycle: "2026-11".into(),
                    bill_date: "2026-11-25".into(),
                    usage_begin: end - 60,
                    usage_end: end,
                    currency: "CNY".into(),
                    created_at: end,
                })
                .collect();
            let ids3 = ids2.clone();
            db.write(move |c| {
                records::insert(c, &rows)?;
                for id in &ids3 {
                    diesel::RunQueryDsl::execute(
                        diesel::sql_query(format!(
                            "UPDATE accounts SET balance_cents = balance_cents - 500 \
                             WHERE owner_kind = 'customer' AND owner_id = '{id}' AND account_type = 1"
                        )),
                        c,
                    )
                    .map_err(persistence::StoreError::from)?;
                }
                Ok::<_, persistence::StoreError>(())
            })
            .unwrap();
        }
        started.elapsed().as_secs_f64()
    })
    .await
    .unwrap();
    println!(
        "ingest: {:.0} records/s through the API; ceiling {:.0} records/s; ratio {:.2}",
        n / api_secs,
        n / ceiling_secs,
        ceiling_secs / api_secs
    );
}
