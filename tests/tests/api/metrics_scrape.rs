//! `/metrics` (Prometheus text) on its own listener: it scrapes, counts requests by operation
//! id and status class, replays, payments and the pool; the public listener does not serve it.

use serde_json::json;
use tests::both_backends;
use tests::fixtures::customer;
use tests::fixtures_orders::{order, plain, recharge_customer, PAY};

/// The value of the series `name{labels}` in a scrape, 0 if absent.
fn value(text: &str, series: &str) -> f64 {
    text.lines()
        .find_map(|l| l.strip_prefix(series)?.trim().parse().ok())
        .unwrap_or(0.0)
}

async fn scrape(addr: std::net::SocketAddr) -> String {
    let r = reqwest::get(format!("http://{addr}/metrics"))
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let ct = r.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(ct.starts_with("text/plain; version=0.0.4"), "{ct}");
    r.text().await.unwrap()
}

both_backends!(
    metrics_scrape_and_count,
    |srv: tests::TestServer| async move {
        let (server, addr) = api::metrics::listener::bind("127.0.0.1:0", srv.db.clone()).unwrap();
        let handle = server.handle();
        tokio::spawn(server);

        let ok = r#"bss_http_requests_total{operation="pay_orders",status_class="2xx"}"#;
        let bad = r#"bss_http_requests_total{operation="pay_orders",status_class="4xx"}"#;
        let before = scrape(addr).await;
        for name in [
            "bss_http_request_duration_seconds_bucket",
            "bss_db_pool_in_use",
            "bss_db_pool_wait_seconds_count",
            "bss_db_transaction_retries_total",
            "bss_idempotency_replays_total",
            "bss_flow_control_refusals_total",
            "bss_payments_total",
            "bss_coupons_issued_total",
        ] {
            assert!(
                before.contains(name) || name.ends_with("_bucket"),
                "{name} missing:\n{before}"
            );
        }

        let c = customer(&srv).await;
        recharge_customer(&srv, &c.id, "30").await;
        let o = order(&srv, &c.id, "12.34", json!({})).await;
        let payer = c.client.clone().with_idempotency_key("metrics-pay-1");
        assert_eq!(payer.post(PAY, plain(&o)).await.status, 204);
        assert_eq!(payer.post(PAY, plain(&o)).await.status, 204);
        // Refused: already paid (another key).
        let r = c.client.post(PAY, plain(&o)).await;
        assert_eq!(r.status, 400, "{}", r.text);

        let after = scrape(addr).await;
        // Other tests of this process count too: at least ours.
        assert!(value(&after, ok) >= value(&before, ok) + 2.0, "{after}");
        assert!(value(&after, bad) > value(&before, bad), "{after}");
        let replays = "bss_idempotency_replays_total";
        assert!(value(&after, replays) > value(&before, replays));
        let payments = "bss_payments_total";
        assert!(value(&after, payments) > value(&before, payments));
        let cents = r#"bss_payment_amount_cents_total{currency="CNY"}"#;
        assert!(value(&after, cents) >= value(&before, cents) + 1234.0);
        let latency =
            r#"bss_http_request_duration_seconds_count{operation="pay_orders",status_class="2xx"}"#;
        assert!(value(&after, latency) >= 2.0);
        assert!(value(&after, "bss_db_pool_wait_seconds_count") > 0.0);
        assert!(value(&after, "bss_db_pool_connections") >= 1.0);

        // Not on the public listener.
        let public = reqwest::get(format!("{}/metrics", srv.base)).await.unwrap();
        assert_eq!(public.status(), 404);
        handle.stop(true).await;
    }
);
