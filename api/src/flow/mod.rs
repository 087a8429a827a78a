//! Flow control as the request path asks for it: the per-credential-and-API limit, the
//! per-address budget of authentication failures and the key lockout.
//!
//! With `BSS_REDIS_URL` the decisions are shared by every replica ([`shared`]); without it
//! they stay in this process (`ratelimit`, `auth::ip_budget`, `auth::lockout`).
//!
//! **Redis unreachable: fail open, to this process's own limits.** A check that Redis does
//! not answer within [`shared::TIMEOUT`] is decided by the in-process limiter instead, with a
//! warning (at most one every 10 s) and `bss_flow_control_redis_errors_total`. Each replica
//! then admits up to the configured rate on its own (N replicas, N times the rate) until Redis
//! is back, which it finds by itself. Refusing every request (fail closed) would turn an outage
//! of a cache that holds no business data into an outage of payments; running without any limit
//! would expose the database. The lockout and the address budget degrade the same way.

pub mod shared;

use crate::metrics::{FLOW_REDIS_ERRORS, FLOW_REFUSALS};
use crate::{ApiError, AppState};
use std::net::IpAddr;
use std::sync::atomic::{AtomicI64, Ordering};

/// Unix second of the last warning that Redis did not answer.
static LAST_WARNING: AtomicI64 = AtomicI64::new(0);

fn redis_failed(what: &str, e: &redis::RedisError) {
    FLOW_REDIS_ERRORS.inc();
    let now = chrono::Utc::now().timestamp();
    let last = LAST_WARNING.load(Ordering::Relaxed);
    if now - last >= 10
        && LAST_WARNING
            .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
            .is_ok()
    {
        tracing::warn!(error = %e, check = what, "Redis did not answer: flow control falls back to this process's own limits");
    }
}

/// The burst the limiter allows on top of the steady rate: half a second's worth.
pub fn burst(per_sec: u32) -> u32 {
    (per_sec / 2).max(1)
}

fn refused(reason: &str, e: ApiError) -> ApiError {
    FLOW_REFUSALS.with_label_values(&[reason]).inc();
    e
}

/// Admits one request of `credential` to `api`, or answers 429 with how long to wait.
pub async fn admit(state: &AppState, api: &str, credential: &str) -> Result<(), ApiError> {
    if let Some(shared) = &state.shared_flow {
        let per_sec = state.config.limit_for(api).max(1);
        match shared.admit(api, credential, per_sec, burst(per_sec)).await {
            Ok(None) => return Ok(()),
            Ok(Some(wait_us)) => {
                return Err(refused(
                    "rate",
                    ApiError::TooManyRequests {
                        retry_after_secs: wait_us.div_ceil(1_000_000).max(1),
                    },
                ))
            }
            Err(e) => redis_failed("rate", &e),
        }
    }
    state
        .limits
        .check(api, credential)
        .map_err(|e| refused("rate", e))
}

/// What is known before a signature is checked.
#[derive(Debug, Clone, Copy)]
pub struct BeforeSignature {
    /// The access key is locked after repeated signature failures.
    pub locked: bool,
    /// The source address has spent its budget of authentication failures.
    pub address_spent: bool,
    /// Decided by Redis (so a success must clear the key's failures there).
    shared_failures: Option<u32>,
}

impl BeforeSignature {
    /// The 429 of an address that spent its failure budget, before the database is asked.
    pub fn budget_left(&self) -> Result<(), ApiError> {
        if self.address_spent {
            return Err(refused(
                "auth_failures",
                ApiError::TooManyRequests {
                    retry_after_secs: 1,
                },
            ));
        }
        Ok(())
    }
}

pub async fn before_signature(
    state: &AppState,
    ak: &str,
    ip: Option<IpAddr>,
    now: i64,
) -> BeforeSignature {
    let budget = state.config.auth_failures_per_ip_per_sec;
    if let Some(shared) = &state.shared_flow {
        match shared.before_signature(ak, ip, budget).await {
            Ok(b) => {
                if b.locked {
                    FLOW_REFUSALS.with_label_values(&["lockout"]).inc();
                }
                return BeforeSignature {
                    locked: b.locked,
                    address_spent: b.address_spent,
                    shared_failures: Some(b.key_failures),
                };
            }
            Err(e) => redis_failed("before_signature", &e),
        }
    }
    let locked = state.lockout.is_locked(ak, now);
    if locked {
        FLOW_REFUSALS.with_label_values(&["lockout"]).inc();
    }
    BeforeSignature {
        locked,
        address_spent: ip.is_some_and(|ip| state.auth_failures.is_spent(ip, budget)),
        shared_failures: None,
    }
}

/// An authentication failure of `ip` (an unreadable signature, an unknown key): counted here
/// at once and in Redis without holding up the answer.
pub fn address_failed(state: &AppState, ip: Option<IpAddr>) {
    let Some(ip) = ip else { return };
    state.auth_failures.record_failure(ip);
    if let Some(shared) = state.shared_flow.clone() {
        actix_web::rt::spawn(async move {
            if let Err(e) = shared.address_failed(ip).await {
                redis_failed("address_failed", &e);
            }
        });
    }
}

/// A signature that does not verify: counts against the address and the key.
pub async fn signature_failed(state: &AppState, ak: &str, ip: Option<IpAddr>, now: i64) {
    address_failed(state, ip);
    let (threshold, secs) = (state.config.lockout_failures, state.config.lockout_secs);
    if let Some(shared) = &state.shared_flow {
        match shared.signature_failed(ak, threshold, secs).await {
            Ok(_) => return,
            Err(e) => redis_failed("signature_failed", &e),
        }
    }
    state.lockout.record_failure(ak, now, threshold, secs);
}

/// A signature that verifies clears the key's consecutive failures.
pub async fn signature_ok(state: &AppState, ak: &str, before: &BeforeSignature) {
    state.lockout.reset(ak);
    if let (Some(shared), Some(n)) = (&state.shared_flow, before.shared_failures) {
        if n > 0 {
            if let Err(e) = shared.signature_ok(ak).await {
                redis_failed("signature_ok", &e);
            }
        }
    }
}
