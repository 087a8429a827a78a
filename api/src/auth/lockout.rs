//! Locks an access key for a while after consecutive signature failures (APIG's 5 → 5 min).
//! Kept in memory so a flood of bad signatures never writes to the database.

use std::collections::HashMap;
use std::sync::Mutex;

#[derive(Debug, Default)]
pub struct Lockout {
    state: Mutex<HashMap<String, (u32, i64)>>,
}

const MAX_TRACKED: usize = 100_000;

impl Lockout {
    pub fn is_locked(&self, ak: &str, now: i64) -> bool {
        let state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        state.get(ak).is_some_and(|(_, until)| *until > now)
    }

    pub fn record_failure(&self, ak: &str, now: i64, threshold: u32, lock_secs: i64) {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        if state.len() >= MAX_TRACKED {
            state.retain(|_, (_, until)| *until > now);
        }
        let entry = state.entry(ak.to_owned()).or_insert((0, 0));
        entry.0 += 1;
        if entry.0 >= threshold {
            *entry = (0, now + lock_secs);
        }
    }

    pub fn reset(&self, ak: &str) {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        state.remove(ak);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failures_lock_for_five_minutes() {
        let l = Lockout::default();
        for _ in 0..4 {
            l.record_failure("AK", 100, 5, 300);
        }
        assert!(!l.is_locked("AK", 100));
        l.record_failure("AK", 100, 5, 300);
        assert!(l.is_locked("AK", 100));
        assert!(l.is_locked("AK", 399));
        assert!(!l.is_locked("AK", 400));
        l.record_failure("OTHER", 100, 5, 300);
        l.reset("OTHER");
        assert!(!l.is_locked("OTHER", 100));
    }
}
