//! Settings of the HTTP layer, each documented once here.

use std::collections::HashMap;

#[derive(Debug, Clone)]
pub struct ApiConfig {
    /// Requests per second per credential and API (Huawei's default is 10).
    pub rate_limit_per_sec: u32,
    /// Per-API overrides, keyed `"METHOD /path/pattern"`, e.g. `"GET /v2/orders/customer-orders"`.
    pub rate_limit_overrides: HashMap<String, u32>,
    /// Largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// Longest path and query accepted, in bytes (414 beyond).
    pub max_uri_bytes: usize,
    /// Largest sum of header names and values accepted, in bytes (431 beyond).
    pub max_header_bytes: usize,
    /// Authentication failures (unknown access keys, bad signatures) one source address may
    /// cause per second before it is answered 429 without asking the database.
    pub auth_failures_per_ip_per_sec: u32,
    /// Origins allowed to call from a browser; empty means no cross-origin access.
    pub cors_allowed_origins: Vec<String>,
    /// Lifetime of tokens from `POST /v2/auth/tokens`.
    pub token_ttl_secs: i64,
    /// Consecutive signature failures that lock an access key, and for how long.
    pub lockout_failures: u32,
    pub lockout_secs: i64,
    /// How long an `Idempotency-Key` is remembered.
    pub idempotency_ttl_secs: i64,
    /// How long a verified credential is trusted from memory before it is read again.
    pub credential_cache_secs: i64,
    /// Redis shared by the replicas for flow control (`BSS_REDIS_URL`); none: in process.
    pub redis_url: Option<String>,
    /// Prefix of this deployment's Redis keys.
    pub redis_prefix: String,
    /// Whether state-changing requests write audit events. Only `bench/` turns it off, to
    /// measure what the audit log costs (`--bench-without-audit`); never in service.
    pub audit: bool,
    /// The sandbox clock (`BSS_SANDBOX_CLOCK`): the operator moves business time forward
    /// (`PUT /v2/operator/clock`). For test environments only, never in production.
    pub sandbox_clock: bool,
    /// Outbox channels a delivery worker sends (`EMAIL` with `BSS_SMTP_URL`); the operator's
    /// outbox view shows the others' messages as `UNSENT` with the reason.
    pub outbox_channels: Vec<&'static str>,
    /// The SMS and voice gateways (`BSS_SMS_GATEWAY_URL`, `BSS_VOICE_GATEWAY_URL`,
    /// `BSS_GATEWAY_SECRET`); none configured: no call is placed and no SMS leaves.
    pub gateway: crate::delivery::gateway::GatewayConfig,
}

impl Default for ApiConfig {
    fn default() -> Self {
        Self {
            rate_limit_per_sec: 10,
            rate_limit_overrides: HashMap::new(),
            max_body_bytes: 1024 * 1024,
            max_uri_bytes: 16 * 1024,
            max_header_bytes: 32 * 1024,
            auth_failures_per_ip_per_sec: 20,
            cors_allowed_origins: Vec::new(),
            token_ttl_secs: 24 * 3600,
            lockout_failures: 5,
            lockout_secs: 300,
            idempotency_ttl_secs: 24 * 3600,
            credential_cache_secs: 30,
            redis_url: None,
            redis_prefix: "partner-bss".to_owned(),
            audit: true,
            sandbox_clock: false,
            outbox_channels: Vec::new(),
            gateway: Default::default(),
        }
    }
}

impl ApiConfig {
    /// Parses `"GET /v2/x=20,POST /v2/y=5"` into overrides.
    pub fn parse_overrides(spec: &str) -> Result<HashMap<String, u32>, String> {
        let mut map = HashMap::new();
        for item in spec.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let (api, n) = item
                .rsplit_once('=')
                .ok_or_else(|| format!("rate limit override '{item}' lacks '=N'"))?;
            let n: u32 = n
                .trim()
                .parse()
                .map_err(|_| format!("rate limit override '{item}' has a bad number"))?;
            let api = api.trim();
            if !api.contains(' ') {
                return Err(format!(
                    "rate limit override '{item}' must be 'METHOD /path=N'"
                ));
            }
            map.insert(api.to_owned(), n);
        }
        Ok(map)
    }

    pub fn limit_for(&self, api: &str) -> u32 {
        self.rate_limit_overrides
            .get(api)
            .copied()
            .unwrap_or(self.rate_limit_per_sec)
    }
}
