//! Settings and start-up of several replicas behind a load balancer: shared flow control
//! (Redis), the metrics listener, the read replica, and the graceful stop on SIGTERM.

use actix_web::dev::ServerHandle;
use api::lifecycle::Lifecycle;
use api::ApiConfig;
use clap::Args;
use std::sync::Arc;
use std::time::Duration;

#[derive(Args, Clone, Debug, Default)]
pub struct ProductionArgs {
    /// Redis shared by all replicas for flow control, e.g. redis://127.0.0.1:6379/0. Unset:
    /// limits are per process. Redis unreachable: each process falls back to its own limits.
    #[arg(long, env = "BSS_REDIS_URL", hide_env_values = true)]
    pub redis_url: Option<String>,
    /// Prefix of this deployment's keys in Redis.
    #[arg(long, env = "BSS_REDIS_PREFIX", default_value = "partner-bss")]
    pub redis_prefix: String,
    /// Address of the Prometheus `/metrics` listener (e.g. 127.0.0.1:9090). Unset: none.
    #[arg(long, env = "BSS_METRICS_LISTEN")]
    pub metrics_listen: Option<String>,
    /// PostgreSQL hot standby for lists and exports that tolerate lag.
    #[arg(long, env = "BSS_READ_DATABASE_URL", hide_env_values = true)]
    pub read_database_url: Option<String>,
    /// On SIGTERM: seconds `/readyz` answers 503 while requests are still served, so the load
    /// balancer sees it before the listener closes.
    #[arg(long, env = "BSS_SHUTDOWN_DRAIN_SECS", default_value_t = 3)]
    pub shutdown_drain_secs: u64,
    /// On SIGTERM, after draining: longest wait for requests in flight before exiting.
    #[arg(long, env = "BSS_SHUTDOWN_TIMEOUT_SECS", default_value_t = 30)]
    pub shutdown_timeout_secs: u64,
    /// Benchmarks only: write no audit events, to measure what the audit log costs
    /// (bench/README.md). Never in service: changes would then say nobody's name.
    #[arg(long, env = "BSS_BENCH_WITHOUT_AUDIT", action = clap::ArgAction::SetTrue, value_parser = clap::builder::BoolishValueParser::new(), hide = true)]
    pub bench_without_audit: bool,
}

impl ProductionArgs {
    pub fn apply(&self, config: &mut ApiConfig) {
        config.redis_url = self.redis_url.clone().filter(|u| !u.trim().is_empty());
        config.redis_prefix = self.redis_prefix.clone();
        if self.bench_without_audit {
            config.audit = false;
            tracing::warn!("BENCH ONLY: audit events are not written (--bench-without-audit)");
        }
    }
}

/// Waits for SIGTERM or SIGINT, then: `/readyz` turns 503, after `drain` the listeners stop
/// accepting and requests in flight finish (bounded by the server's shutdown timeout).
pub async fn stop_on_signal(life: Arc<Lifecycle>, drain: Duration, servers: Vec<ServerHandle>) {
    wait_for_signal().await;
    life.start_draining();
    tracing::info!(
        drain_secs = drain.as_secs(),
        "stop asked: /readyz answers 503, then the listener closes and requests in flight finish"
    );
    tokio::time::sleep(drain).await;
    tracing::info!("listener closing; finishing requests in flight");
    for s in servers {
        s.stop(true).await;
    }
    tracing::info!("stopped");
}

#[cfg(unix)]
pub async fn wait_for_signal() {
    use tokio::signal::unix::{signal, SignalKind};
    match (
        signal(SignalKind::terminate()),
        signal(SignalKind::interrupt()),
    ) {
        (Ok(mut term), Ok(mut int)) => {
            tokio::select! {
                _ = term.recv() => {}
                _ = int.recv() => {}
            }
        }
        _ => {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}

#[cfg(not(unix))]
pub async fn wait_for_signal() {
    let _ = tokio::signal::ctrl_c().await;
}
