//! A per-source-IP budget of authentication failures (unknown access keys, bad signatures),
//! checked before the database is asked about a key: a flood of random keys costs at most
//! `limit` lookups per second per address, then answers 429 from memory.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug, Default)]
pub struct FailureBudget {
    windows: Mutex<HashMap<IpAddr, (Instant, u32)>>,
}

const WINDOW: Duration = Duration::from_secs(1);
const MAX_TRACKED: usize = 100_000;

impl FailureBudget {
    /// Whether `ip` has used up its failures for the current second.
    pub fn is_spent(&self, ip: IpAddr, limit: u32) -> bool {
        let windows = self.windows.lock().unwrap_or_else(|p| p.into_inner());
        windows
            .get(&ip)
            .is_some_and(|(start, n)| start.elapsed() < WINDOW && *n >= limit)
    }

    pub fn record_failure(&self, ip: IpAddr) {
        let mut windows = self.windows.lock().unwrap_or_else(|p| p.into_inner());
        if windows.len() >= MAX_TRACKED {
            windows.retain(|_, (start, _)| start.elapsed() < WINDOW);
        }
        let entry = windows.entry(ip).or_insert((Instant::now(), 0));
        if entry.0.elapsed() >= WINDOW {
            *entry = (Instant::now(), 0);
        }
        entry.1 = entry.1.saturating_add(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spent_address_does_not_spend_another_ones_budget() {
        let b = FailureBudget::default();
        let (a, c) = (IpAddr::from([10, 0, 0, 1]), IpAddr::from([10, 0, 0, 2]));
        for _ in 0..3 {
            assert!(!b.is_spent(a, 3));
            b.record_failure(a);
        }
        assert!(b.is_spent(a, 3));
        assert!(!b.is_spent(c, 3));
    }
}
