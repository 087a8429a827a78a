//! Flow control per credential and API: a token bucket of N requests per second (burst N/2).

use crate::{ApiConfig, ApiError};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::{Arc, RwLock};

pub struct RateLimits {
    config: ApiConfig,
    limiters: RwLock<HashMap<String, Arc<DefaultKeyedRateLimiter<String>>>>,
}

impl RateLimits {
    pub fn new(config: ApiConfig) -> Self {
        Self {
            config,
            limiters: RwLock::new(HashMap::new()),
        }
    }

    fn limiter(&self, api: &str) -> Arc<DefaultKeyedRateLimiter<String>> {
        if let Some(l) = self
            .limiters
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .get(api)
        {
            return l.clone();
        }
        let per_sec = NonZeroU32::new(self.config.limit_for(api).max(1)).unwrap_or(NonZeroU32::MIN);
        let burst = NonZeroU32::new((per_sec.get() / 2).max(1)).unwrap_or(NonZeroU32::MIN);
        let limiter = Arc::new(RateLimiter::keyed(
            Quota::per_second(per_sec).allow_burst(burst),
        ));
        self.limiters
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .entry(api.to_owned())
            .or_insert(limiter)
            .clone()
    }

    /// Admits one request of `credential` to `api`, or says how long to wait.
    pub fn check(&self, api: &str, credential: &str) -> Result<(), ApiError> {
        let limiter = self.limiter(api);
        if limiter.len() > 100_000 {
            limiter.retain_recent();
        }
        limiter
            .check_key(&credential.to_owned())
            .map_err(|not_until| {
                let wait = not_until.wait_time_from(DefaultClock::default().now());
                ApiError::TooManyRequests {
                    retry_after_secs: wait.as_secs().max(1),
                }
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admits_the_burst_then_refuses_and_keys_are_independent() {
        let cfg = ApiConfig {
            rate_limit_per_sec: 10,
            ..ApiConfig::default()
        };
        let limits = RateLimits::new(cfg);
        let admitted = (0..50)
            .filter(|_| limits.check("GET /x", "a").is_ok())
            .count();
        assert!((1..=10).contains(&admitted), "admitted {admitted}");
        assert!(limits.check("GET /x", "b").is_ok());
        assert!(limits.check("GET /y", "a").is_ok());
    }
}
