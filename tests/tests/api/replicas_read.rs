//! `BSS_READ_DATABASE_URL`: lists and exports of records read the replica; whatever decides on
//! money (PayOrders, balances) reads the primary. The "replica" here is a database that never
//! catches up, so each read shows where it went.

use serde_json::json;
use tests::fixtures::customer;
use tests::fixtures_orders::{order, plain, recharge_customer, PAY};
use tests::server::Options;
use tests::{Backend, TestServer};

const RECORDS: &str = "/v2/accounts/customer-accounts/account-change-records";

async fn lists_read_the_replica_money_reads_the_primary(backend: Backend) {
    let srv = TestServer::start_with(
        backend,
        Options {
            read_replica: true,
            ..Options::default()
        },
    )
    .await;
    let c = customer(&srv).await;
    recharge_customer(&srv, &c.id, "30").await;
    let o = order(&srv, &c.id, "10", json!({})).await;
    // The payment decides on the primary's balance (the replica has no such customer).
    let r = c.client.post(PAY, plain(&o)).await;
    assert_eq!(r.status, 204, "{}", r.text);
    let bal = c
        .client
        .get("/v2/accounts/customer-accounts/balances", &[])
        .await
        .expect(200, "");
    assert!(bal.to_string().contains("20.00"), "{bal}");
    // The record list and its export lag: the replica has not seen the payment.
    let q = [
        ("balance_type", "BALANCE_TYPE_DEBIT"),
        ("trade_type", "DEDEUCT"),
    ];
    let recs = c.client.get(RECORDS, &q).await.expect(200, "");
    assert_eq!(recs["total_count"], 0, "{recs}");
    let csv = c.client.get(&format!("{RECORDS}/export"), &q).await;
    assert_eq!(csv.status, 200, "{}", csv.text);
    assert_eq!(csv.text.trim().lines().count(), 1, "{}", csv.text);
}

mod lists_read_the_replica_money_reads_the_primary {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        super::lists_read_the_replica_money_reads_the_primary(tests::Backend::Sqlite).await;
    }
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        super::lists_read_the_replica_money_reads_the_primary(tests::Backend::Postgres).await;
    }
}
