//! Flow control driven at five times the limit: per credential and API, with a per-API
//! override; the admitted count stays within 1.1 × limit × elapsed seconds (the bucket's burst
//! of half a second is spread over a run of six seconds: at most (N/2 + 6N) / 6N = 1.083 × N), everything else is
//! 429 CBC.0250 with Retry-After, never a 5xx. And a flood of unknown access keys from one
//! address spends a small per-address budget, then is refused from memory: the pool stays free
//! for real callers.

use std::time::{Duration, Instant};
use tests::fixtures::{partner, user};
use tests::server::Options;
use tests::{Backend, Client, TestServer};

/// Sends `rate` requests per second for `secs` seconds; returns (admitted, refused, elapsed).
async fn drive(c: &Client, path: &'static str, rate: u32, secs: u32) -> (u32, u32, f64) {
    let started = Instant::now();
    let mut tick = tokio::time::interval(Duration::from_secs(1) / rate);
    let mut tasks = Vec::new();
    for _ in 0..rate * secs {
        tick.tick().await;
        let c = c.clone();
        tasks.push(tokio::spawn(async move { c.get(path, &[]).await }));
    }
    let (mut ok, mut refused) = (0, 0);
    for t in tasks {
        let r = t.await.unwrap();
        match r.status {
            200 => ok += 1,
            429 => {
                assert_eq!(r.code(), "CBC.0250", "{}", r.text);
                let after: u64 = r.headers["retry-after"].to_str().unwrap().parse().unwrap();
                assert!(after >= 1);
                refused += 1;
            }
            other => panic!("{path} answered {other}: {}", r.text),
        }
    }
    (ok, refused, started.elapsed().as_secs_f64())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_times_the_limit_admits_at_most_the_limit() {
    let mut opts = Options::default();
    opts.config.rate_limit_per_sec = 10;
    opts.config.rate_limit_overrides =
        api::ApiConfig::parse_overrides("GET /v2/partners/incentives=4").unwrap();
    let srv = TestServer::start_with(Backend::Sqlite, opts).await;
    let p = partner(&srv, "DISTRIBUTOR").await;
    let admin = user(&srv, &p, &["admin"]).await.client;
    let (a, b) = tokio::join!(
        drive(&admin, "/v2/partners/projects", 50, 6),
        drive(&admin, "/v2/partners/incentives", 20, 6),
    );
    for ((ok, refused, secs), limit) in [(a, 10.0), (b, 4.0)] {
        let ratio = f64::from(ok) / (limit * secs);
        eprintln!(
            "flow control: limit {limit}/s, {} sent in {secs:.1}s, {ok} admitted ({ratio:.2} × limit), {refused} refused",
            ok + refused
        );
        assert!(ratio <= 1.1, "admitted {ok} in {secs:.1}s at {limit}/s");
        assert!(ok >= 1 && refused >= 1);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_key_floods_cannot_exhaust_the_pool() {
    let mut opts = Options {
        pool_size: 2,
        ..Options::default()
    };
    opts.config.auth_failures_per_ip_per_sec = 20;
    let srv = TestServer::start_with(Backend::Sqlite, opts).await;
    let p = partner(&srv, "DISTRIBUTOR").await;
    let admin = user(&srv, &p, &["admin"]).await.client;
    admin
        .get("/v2/partners/projects", &[])
        .await
        .expect(200, "");
    let mut flood = Vec::new();
    for i in 0..600 {
        let c = Client::new(&srv, &format!("UNKNOWNKEY{i:010}"), "whatever-secret-key");
        flood.push(tokio::spawn(async move {
            c.get("/v2/partners/projects", &[]).await
        }));
    }
    // The real caller keeps being served while the flood runs.
    for _ in 0..20 {
        admin
            .get("/v2/partners/projects", &[])
            .await
            .expect(200, "");
    }
    let (mut unauthorized, mut limited) = (0, 0);
    for t in flood {
        let r = t.await.unwrap();
        match (r.status, r.code().as_str()) {
            (401, "APIGW.0301") => unauthorized += 1,
            (429, "CBC.0250") => limited += 1,
            _ => panic!("flood request answered {} {}", r.status, r.text),
        }
    }
    eprintln!("unknown-key flood: 600 sent, {unauthorized} looked up (401), {limited} refused from memory (429)");
    assert!(limited > 0, "the per-address budget never applied");
}
