//! Prometheus metrics (the `prometheus` crate writes the text format). Served only on the
//! separate listener named by `BSS_METRICS_LISTEN` ([`listener`]), never on the public one.
//!
//! Everything is registered in one registry of this process; the names are the contract the
//! dashboards use, listed in the README.

pub mod listener;
pub mod middleware;

use prometheus::{
    Encoder, Histogram, HistogramOpts, HistogramVec, IntCounter, IntCounterVec, IntGauge, Opts,
    Registry, TextEncoder,
};
use std::sync::LazyLock;
use std::time::Duration;

pub static REGISTRY: LazyLock<Registry> = LazyLock::new(Registry::new);

fn register<C: prometheus::core::Collector + Clone + 'static>(c: C) -> C {
    // A second registration of one name fails only if the name is taken: never twice here.
    let _ = REGISTRY.register(Box::new(c.clone()));
    c
}

fn counter_vec(name: &str, help: &str, labels: &[&str]) -> IntCounterVec {
    match IntCounterVec::new(Opts::new(name, help), labels) {
        Ok(c) => register(c),
        Err(e) => unreachable!("metric {name}: {e}"),
    }
}

fn counter(name: &str, help: &str) -> IntCounter {
    match IntCounter::new(name, help) {
        Ok(c) => register(c),
        Err(e) => unreachable!("metric {name}: {e}"),
    }
}

fn gauge(name: &str, help: &str) -> IntGauge {
    match IntGauge::new(name, help) {
        Ok(c) => register(c),
        Err(e) => unreachable!("metric {name}: {e}"),
    }
}

/// Requests answered, by OpenAPI operation id and status class (`2xx` … `5xx`).
pub static HTTP_REQUESTS: LazyLock<IntCounterVec> = LazyLock::new(|| {
    counter_vec(
        "bss_http_requests_total",
        "HTTP requests answered, by operation id and status class",
        &["operation", "status_class"],
    )
});

/// Time from the request's arrival to its answer, by operation id and status class.
pub static HTTP_LATENCY: LazyLock<HistogramVec> = LazyLock::new(|| {
    let opts = HistogramOpts::new(
        "bss_http_request_duration_seconds",
        "Time to answer an HTTP request, by operation id and status class",
    )
    .buckets(vec![
        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
    ]);
    match HistogramVec::new(opts, &["operation", "status_class"]) {
        Ok(h) => register(h),
        Err(e) => unreachable!("bss_http_request_duration_seconds: {e}"),
    }
});

/// Pooled database connections in use (sampled when scraped).
pub static DB_POOL_IN_USE: LazyLock<IntGauge> =
    LazyLock::new(|| gauge("bss_db_pool_in_use", "Database connections in use"));

/// Pooled database connections open (sampled when scraped).
pub static DB_POOL_OPEN: LazyLock<IntGauge> =
    LazyLock::new(|| gauge("bss_db_pool_connections", "Database connections open"));

/// How long a transaction waited for a pooled connection.
pub static DB_POOL_WAIT: LazyLock<Histogram> = LazyLock::new(|| {
    let opts = HistogramOpts::new(
        "bss_db_pool_wait_seconds",
        "Time a transaction waited for a pooled database connection",
    )
    .buckets(vec![
        0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0,
    ]);
    match Histogram::with_opts(opts) {
        Ok(h) => register(h),
        Err(e) => unreachable!("bss_db_pool_wait_seconds: {e}"),
    }
});

/// Transactions run again after a serialization failure or a busy database.
pub static TX_RETRIES: LazyLock<IntCounter> = LazyLock::new(|| {
    counter(
        "bss_db_transaction_retries_total",
        "Transactions run again after a serialization failure or a busy database",
    )
});

/// Requests answered from a stored Idempotency-Key outcome.
pub static IDEMPOTENCY_REPLAYS: LazyLock<IntCounter> = LazyLock::new(|| {
    counter(
        "bss_idempotency_replays_total",
        "Requests answered with the stored outcome of their Idempotency-Key",
    )
});

/// Requests refused by flow control, by reason (`rate`, `lockout`, `auth_failures`).
pub static FLOW_REFUSALS: LazyLock<IntCounterVec> = LazyLock::new(|| {
    counter_vec(
        "bss_flow_control_refusals_total",
        "Requests refused by flow control, by reason",
        &["reason"],
    )
});

/// Shared flow-control decisions taken by this process alone because Redis did not answer.
pub static FLOW_REDIS_ERRORS: LazyLock<IntCounter> = LazyLock::new(|| {
    counter(
        "bss_flow_control_redis_errors_total",
        "Flow-control checks decided in process because Redis did not answer (fail open)",
    )
});

/// Orders paid (PayOrders), and their amounts by currency.
pub static PAYMENTS: LazyLock<IntCounter> =
    LazyLock::new(|| counter("bss_payments_total", "Orders paid"));

pub static PAYMENT_AMOUNT: LazyLock<IntCounterVec> = LazyLock::new(|| {
    counter_vec(
        "bss_payment_amount_cents_total",
        "Amount of the orders paid, in cents, by currency",
        &["currency"],
    )
});

/// Coupons issued to customers.
pub static COUPONS_ISSUED: LazyLock<IntCounter> =
    LazyLock::new(|| counter("bss_coupons_issued_total", "Coupons issued to customers"));

/// Every figure of the partner center is in yuan.
pub const CURRENCY: &str = "CNY";

/// Records a committed payment of an order of `cents`.
pub fn payment(cents: u64) {
    PAYMENTS.inc();
    PAYMENT_AMOUNT.with_label_values(&[CURRENCY]).inc_by(cents);
}

/// Makes every metric known to the registry (so a scrape lists them at zero) and connects the
/// storage layer's observations.
pub fn init() {
    LazyLock::force(&HTTP_REQUESTS);
    LazyLock::force(&HTTP_LATENCY);
    LazyLock::force(&DB_POOL_IN_USE);
    LazyLock::force(&DB_POOL_OPEN);
    LazyLock::force(&DB_POOL_WAIT);
    LazyLock::force(&TX_RETRIES);
    LazyLock::force(&IDEMPOTENCY_REPLAYS);
    LazyLock::force(&FLOW_REFUSALS);
    LazyLock::force(&FLOW_REDIS_ERRORS);
    LazyLock::force(&PAYMENTS);
    LazyLock::force(&PAYMENT_AMOUNT);
    LazyLock::force(&COUPONS_ISSUED);
    // Series of a labelled family appear once touched: show the known ones at zero.
    for reason in ["rate", "lockout", "auth_failures"] {
        FLOW_REFUSALS.with_label_values(&[reason]);
    }
    PAYMENT_AMOUNT.with_label_values(&[CURRENCY]);
    persistence::observe::set(persistence::observe::Observer {
        checkout_wait: |d: Duration| DB_POOL_WAIT.observe(d.as_secs_f64()),
        retry: || TX_RETRIES.inc(),
    });
}

/// The text exposition of every metric, with the pool sampled now.
pub fn render(db: &persistence::Db) -> String {
    let (open, idle) = db.pool_state();
    DB_POOL_OPEN.set(i64::from(open));
    DB_POOL_IN_USE.set(i64::from(open.saturating_sub(idle)));
    let mut out = Vec::new();
    if let Err(e) = TextEncoder::new().encode(&REGISTRY.gather(), &mut out) {
        tracing::warn!(error = %e, "cannot encode metrics");
    }
    String::from_utf8(out).unwrap_or_default()
}

/// A business figure that a transaction sets on each attempt and that is counted once, after
/// the commit: a replay or a refusal leaves it unset.
#[derive(Debug, Clone)]
pub struct Tally(std::sync::Arc<std::sync::atomic::AtomicI64>);

impl Default for Tally {
    fn default() -> Self {
        Tally(std::sync::Arc::new(std::sync::atomic::AtomicI64::new(-1)))
    }
}

impl Tally {
    /// At the start of an attempt.
    pub fn clear(&self) {
        self.0.store(-1, std::sync::atomic::Ordering::SeqCst);
    }

    pub fn set(&self, v: i64) {
        self.0.store(v.max(0), std::sync::atomic::Ordering::SeqCst);
    }

    /// The committed figure, if the effect ran and succeeded.
    pub fn take(&self) -> Option<u64> {
        u64::try_from(self.0.swap(-1, std::sync::atomic::Ordering::SeqCst)).ok()
    }
}
