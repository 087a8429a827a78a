//! Flow control shared by replicas through Redis (`BSS_REDIS_URL`): two servers on one Redis
//! admit the limit once between them, a key locked on one is locked on the other, and with
//! Redis unreachable each falls back to its own limits (fail open, counted), never a 5xx.

use std::time::Instant;
use tests::server::{Options, OPERATOR_AK, OPERATOR_SK};
use tests::{Backend, Client, TestServer};

const REDIS: &str = "redis://127.0.0.1:6379";
const PATH: &str = "/v2/operator/po-settings";

fn replica_options(redis: &str, prefix: &str, per_sec: u32) -> Options {
    let mut o = Options::default();
    o.config.rate_limit_per_sec = per_sec;
    o.config.redis_url = Some(redis.to_owned());
    o.config.redis_prefix = prefix.to_owned();
    o
}

fn prefix() -> String {
    format!("bss-test-{}", uuid::Uuid::new_v4().simple())
}

/// Sends `n` requests alternating between the clients; returns (admitted, refused, seconds).
async fn alternate(clients: &[Client], n: usize) -> (u32, u32, f64) {
    let started = Instant::now();
    let (mut ok, mut refused) = (0, 0);
    for i in 0..n {
        let r = clients[i % clients.len()].get(PATH, &[]).await;
        match r.status {
            200 => ok += 1,
            429 => {
                assert_eq!(r.code(), "CBC.0250", "{}", r.text);
                refused += 1;
            }
            other => panic!("answered {other}: {}", r.text),
        }
    }
    (ok, refused, started.elapsed().as_secs_f64())
}

async fn two_replicas_admit_the_limit_once(backend: Backend) {
    let p = prefix();
    let a = TestServer::start_with(backend, replica_options(REDIS, &p, 10)).await;
    let b = TestServer::start_with(backend, replica_options(REDIS, &p, 10)).await;
    let refusals = api::metrics::FLOW_REFUSALS
        .with_label_values(&["rate"])
        .get();
    let (ok, refused, secs) = alternate(&[a.operator(), b.operator()], 40).await;
    // One bucket: a burst of 5 and 10 per second. Two in-process buckets would admit 10 at once.
    let ceiling = 5.0 + 10.0 * secs + 1.0;
    eprintln!("two replicas, 10/s shared: {ok} admitted, {refused} refused in {secs:.2}s (ceiling {ceiling:.1})");
    assert!(f64::from(ok) <= ceiling, "{ok} admitted in {secs:.2}s");
    assert!(ok >= 5 && refused >= 1);
    assert!(
        api::metrics::FLOW_REFUSALS
            .with_label_values(&["rate"])
            .get()
            >= refusals + u64::from(refused)
    );
    // Another prefix is another deployment: its own bucket.
    let c = TestServer::start_with(backend, replica_options(REDIS, &prefix(), 10)).await;
    c.operator().get(PATH, &[]).await.expect(200, "");
}

async fn a_key_locked_on_one_replica_is_locked_on_the_other(backend: Backend) {
    let p = prefix();
    let a = TestServer::start_with(backend, replica_options(REDIS, &p, 1000)).await;
    let b = TestServer::start_with(backend, replica_options(REDIS, &p, 1000)).await;
    let wrong = Client::new(&a, OPERATOR_AK, "not-the-operator-secret-key-000");
    for _ in 0..5 {
        let r = wrong.get(PATH, &[]).await;
        assert_eq!(r.status, 401, "{}", r.text);
    }
    let r = b.operator().get(PATH, &[]).await;
    assert_eq!(r.status, 401, "{}", r.text);
    assert!(r.text.contains("locked"), "{}", r.text);
    // A fresh deployment (another prefix) does not see the lock.
    let c = TestServer::start_with(backend, replica_options(REDIS, &prefix(), 1000)).await;
    c.operator().get(PATH, &[]).await.expect(200, "");
}

async fn redis_unreachable_fails_open_to_the_process_limit(backend: Backend) {
    // Nothing listens on port 1.
    let srv = TestServer::start_with(
        backend,
        replica_options("redis://127.0.0.1:1", &prefix(), 10),
    )
    .await;
    let errors = api::metrics::FLOW_REDIS_ERRORS.get();
    let op = srv.operator();
    let started = Instant::now();
    let (ok, refused, secs) = alternate(std::slice::from_ref(&op), 30).await;
    eprintln!("Redis down, 10/s in process: {ok} admitted, {refused} refused in {secs:.2}s");
    // Admitted (open), still limited by this process's own bucket.
    assert!(ok >= 5, "{ok}");
    assert!(
        f64::from(ok) <= 5.0 + 10.0 * secs + 1.0,
        "{ok} in {secs:.2}s"
    );
    assert!(api::metrics::FLOW_REDIS_ERRORS.get() > errors);
    // An outage costs no waiting: Redis is left alone for a second after a failure.
    assert!(started.elapsed().as_secs_f64() < 10.0);
    // The lockout still holds, in process.
    let wrong = Client::new(&srv, OPERATOR_AK, "not-the-operator-secret-key-000");
    for _ in 0..5 {
        assert_eq!(wrong.get(PATH, &[]).await.status, 401);
    }
    let r = Client::new(&srv, OPERATOR_AK, OPERATOR_SK)
        .get(PATH, &[])
        .await;
    assert_eq!(r.status, 401, "{}", r.text);
    assert!(r.text.contains("locked"), "{}", r.text);
}

macro_rules! on_both {
    ($name:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name(tests::Backend::Sqlite).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$name(tests::Backend::Postgres).await;
            }
        }
    };
}

on_both!(two_replicas_admit_the_limit_once);
on_both!(a_key_locked_on_one_replica_is_locked_on_the_other);
on_both!(redis_unreachable_fails_open_to_the_process_limit);
