//! The sandbox clock (`BSS_SANDBOX_CLOCK`): the operator moves business time forward, and
//! coupon and quota expiry follow it, while authentication keeps the wall clock; it is never
//! moved backwards, and with the sandbox off the clock operations answer 404.

use serde_json::json;
use tests::fixtures_vouchers::*;
use tests::server::Options;
use tests::{Backend, TestServer};

const CLOCK: &str = "/v2/operator/clock";

async fn sandboxed(backend: Backend) -> TestServer {
    let mut opts = Options::default();
    opts.config.sandbox_clock = true;
    TestServer::start_with(backend, opts).await
}

async fn coupons_expire_when_the_clock_moves(srv: TestServer) {
    let health = srv.operator().get("/healthz", &[]).await.expect(200, "");
    assert_eq!(health["sandbox_clock"], true, "{health}");
    let op = srv.operator();
    // The test server's wall clock stands at 2026-11-25T12:00:00Z.
    let v = op.get(CLOCK, &[]).await.expect(200, "");
    assert_eq!(
        v,
        json!({"now": "2026-11-25T12:00:00Z", "ahead_seconds": 0})
    );

    let (d, _, _) = channel(&srv).await;
    let cust = resale(&srv, &d.party, 1).await;
    let q = quota(
        &srv,
        d.id(),
        "100",
        json!({"expire_time": "2026-12-25T12:00:00Z"}),
    )
    .await;
    let short = d
        .client
        .post(COUPONS, json!({"quota_id": q, "customer_ids": cust, "face_value": "30", "expire_time": "2026-11-26T12:00:00Z"}))
        .await
        .expect(200, "");
    let short = coupon_ids(&short)[0].clone();
    let expired = || async {
        d.client
            .get(COUPONS, &[("status", "4")])
            .await
            .expect(200, "")
    };
    assert_eq!(expired().await["total_count"], 0);

    // Two days on: the short coupon expires and its balance returns to the quota.
    let v = op
        .put(CLOCK, json!({"now": "2026-11-27T12:00:00Z"}))
        .await
        .expect(200, "");
    assert_eq!(v["now"], "2026-11-27T12:00:00Z");
    assert_eq!(v["ahead_seconds"], 2 * 86400);
    let e = expired().await;
    assert_eq!(e["total_count"], 1, "{e}");
    assert_eq!(e["user_coupons"][0]["coupon_id"], short.as_str());
    assert_eq!(
        quota_view(&d.client, &q).await["balance"].to_string(),
        "100.00"
    );

    // Never backwards; the same time again is no move at all.
    op.put(CLOCK, json!({"now": "2026-11-26T12:00:00Z"}))
        .await
        .expect(400, "CBC.99100165");
    op.put(CLOCK, json!({"now": "2026-11-27T12:00:00Z"}))
        .await
        .expect(200, "");
    op.put(CLOCK, json!({"now": "tomorrow"}))
        .await
        .expect(400, "CBC.0100");

    // A month on, the quota has expired too (3 invalid); signatures still hold.
    op.put(CLOCK, json!({"now": "2026-12-26T12:00:00Z"}))
        .await
        .expect(200, "");
    let v = quota_view(&d.client, &q).await;
    assert_eq!(v["quota_status"], 3, "{v}");
    // Only the operator reads or moves the clock.
    d.client.get(CLOCK, &[]).await.expect(403, "");
    d.client
        .put(CLOCK, json!({"now": "2027-01-01T00:00:00Z"}))
        .await
        .expect(403, "");
}

async fn the_clock_is_absent_without_the_sandbox(srv: TestServer) {
    let health = srv.operator().get("/healthz", &[]).await.expect(200, "");
    assert!(health.get("sandbox_clock").is_none(), "{health}");
    let op = srv.operator();
    op.get(CLOCK, &[]).await.expect(404, "CBC.99100002");
    op.put(CLOCK, json!({"now": "2027-01-01T00:00:00Z"}))
        .await
        .expect(404, "CBC.99100002");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sandbox_clock_expires_coupons_sqlite() {
    coupons_expire_when_the_clock_moves(sandboxed(Backend::Sqlite).await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sandbox_clock_expires_coupons_postgres() {
    coupons_expire_when_the_clock_moves(sandboxed(Backend::Postgres).await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sandbox_clock_off_sqlite() {
    the_clock_is_absent_without_the_sandbox(TestServer::start(Backend::Sqlite).await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sandbox_clock_off_postgres() {
    the_clock_is_absent_without_the_sandbox(TestServer::start(Backend::Postgres).await).await;
}
