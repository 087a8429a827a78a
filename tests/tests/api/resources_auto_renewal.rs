//! Auto-renewal at expiry (#22): when a resource set to renew itself reaches the end of its
//! term, a renewal order is made and paid from the customer's balances, as many times as the
//! customer allowed; when the payment is refused auto-renewal turns off, nothing is charged,
//! and the partner hears of it. Time is the sandbox clock, moved by the operator.

use serde_json::json;
use tests::fixtures::{assert_ledger, cash, partner, sub_customer, user, Customer};
use tests::fixtures_orders::recharge_customer;
use tests::fixtures_resources::{bought, resource, unix};
use tests::server::Options;
use tests::{Backend, TestServer};

const CLOCK: &str = "/v2/operator/clock";

fn utc(t: i64) -> String {
    chrono::DateTime::from_timestamp(t, 0)
        .map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default()
}

/// A one-month resource bought for `amount`; its id and expiry.
async fn bought_one(srv: &TestServer, c: &Customer, amount: &str) -> (String, i64) {
    let (_, r) = bought(srv, c, amount).await;
    let id = r["resource_id"].as_str().unwrap_or_default().to_owned();
    (id, unix(&r["expire_time"]))
}

async fn move_clock(srv: &TestServer, to: i64) {
    srv.operator()
        .put(CLOCK, json!({"now": utc(to)}))
        .await
        .expect(200, "");
}

async fn renews_at_expiry_as_often_as_allowed(srv: TestServer) {
    let p = partner(&srv, "DISTRIBUTOR").await;
    let admin = user(&srv, &p, &["admin"]).await;
    let c = sub_customer(&srv, &p, "1").await;
    recharge_customer(&srv, &c.id, "100").await;
    let (id, expire) = bought_one(&srv, &c, "30").await;
    assert_eq!(cash(&srv, "customer", &c.id).await, 7_000);
    let autorenew = format!("/v2/orders/subscriptions/resources/autorenew/{id}");
    let set = c
        .client
        .post(&autorenew, json!({"auto_renew_times": 2}))
        .await;
    assert_eq!(set.status, 204);

    // A day before the end nothing happens.
    move_clock(&srv, expire - 86_400).await;
    assert_eq!(cash(&srv, "customer", &c.id).await, 7_000);

    // At the end of the term: one renewal of the resource's own term (a month at 30.00).
    move_clock(&srv, expire + 60).await;
    assert_eq!(cash(&srv, "customer", &c.id).await, 4_000);
    let r = resource(&c, &id).await;
    let once = unix(&r["expire_time"]);
    assert!(once - expire >= 28 * 86_400, "{expire} → {once}");
    assert_eq!(
        (r["status"].as_i64(), r["expire_policy"].as_i64()),
        (Some(2), Some(3))
    );
    let orders = c
        .client
        .get("/v2/orders/customer-orders", &[("order_type", "2")])
        .await
        .expect(200, "");
    assert_eq!(orders["total_count"], 1, "one paid renewal order: {orders}");
    assert_eq!(orders["order_infos"][0]["status"], 5, "{orders}");

    // Months later: the second (last allowed) renewal is made, then auto-renewal is off and
    // the resource expires.
    move_clock(&srv, once + 120 * 86_400).await;
    assert_eq!(cash(&srv, "customer", &c.id).await, 1_000);
    let r = resource(&c, &id).await;
    assert!(unix(&r["expire_time"]) - once >= 28 * 86_400);
    assert_eq!(
        (r["status"].as_i64(), r["expire_policy"].as_i64()),
        (Some(5), Some(0))
    );

    // A refused payment: a yearly term costs more than what is left; nothing is charged,
    // auto-renewal turns off and the partner hears why.
    let (other, other_expire) = bought_one(&srv, &c, "5").await;
    assert_eq!(cash(&srv, "customer", &c.id).await, 500);
    let set = c
        .client
        .post(
            &format!("/v2/orders/subscriptions/resources/autorenew/{other}"),
            json!({"period_type": "YEAR"}),
        )
        .await;
    assert_eq!(set.status, 204);
    move_clock(&srv, other_expire + 60).await;
    assert_eq!(cash(&srv, "customer", &c.id).await, 500);
    let r = resource(&c, &other).await;
    assert_eq!(
        (r["status"].as_i64(), r["expire_policy"].as_i64()),
        (Some(5), Some(0))
    );
    let events = admin
        .client
        .get(
            "/v2/partners/events",
            &[("types", "resource.auto_renewal_failed")],
        )
        .await
        .expect(200, "");
    let got = events["events"].as_array().cloned().unwrap_or_default();
    assert_eq!(got.len(), 1, "{events}");
    assert_eq!(got[0]["data"]["resource_id"], other.as_str(), "{events}");
    assert_eq!(got[0]["data"]["reason"], "CBC.99005003", "{events}");
    assert_ledger(&srv).await;
}

async fn sandboxed(backend: Backend) -> TestServer {
    let mut opts = Options::default();
    opts.config.sandbox_clock = true;
    TestServer::start_with(backend, opts).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn auto_renewal_sqlite() {
    renews_at_expiry_as_often_as_allowed(sandboxed(Backend::Sqlite).await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn auto_renewal_postgres() {
    renews_at_expiry_as_often_as_allowed(sandboxed(Backend::Postgres).await).await;
}
