//! Time as a dependency, so tests can move it.

use chrono::{DateTime, Duration, Utc};
use std::sync::{Arc, Mutex};

pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that stands still until moved; cheap to clone and share.
#[derive(Debug, Clone)]
pub struct ManualClock(Arc<Mutex<DateTime<Utc>>>);

impl ManualClock {
    pub fn new(at: DateTime<Utc>) -> Self {
        Self(Arc::new(Mutex::new(at)))
    }

    pub fn set(&self, at: DateTime<Utc>) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = at;
    }

    pub fn advance(&self, by: Duration) {
        let mut t = self.0.lock().unwrap_or_else(|p| p.into_inner());
        *t += by;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The sandbox clock (`BSS_SANDBOX_CLOCK=true`, never in production): another clock moved
/// forward by an offset the operator sets, so everything time-driven (expiry, bill cycles)
/// runs as it would at that time. Time keeps flowing from where it was put.
pub struct SandboxClock {
    base: Arc<dyn Clock>,
    offset: Mutex<Duration>,
}

impl SandboxClock {
    pub fn new(base: Arc<dyn Clock>) -> Self {
        Self {
            base,
            offset: Mutex::new(Duration::zero()),
        }
    }

    /// Moves the clock to `to`; never backwards (`CBC.99100165`).
    pub fn move_to(&self, to: DateTime<Utc>) -> Result<DateTime<Utc>, crate::Violation> {
        let mut offset = self.offset.lock().unwrap_or_else(|p| p.into_inner());
        let base = self.base.now();
        may_move(base + *offset, to)?;
        *offset = to - base;
        Ok(to)
    }
}

impl Clock for SandboxClock {
    fn now(&self) -> DateTime<Utc> {
        let offset = *self.offset.lock().unwrap_or_else(|p| p.into_inner());
        self.base.now() + offset
    }
}

/// A clock moves forward only: business records already written at `now` stay in the past.
pub fn may_move(now: DateTime<Utc>, to: DateTime<Utc>) -> Result<(), crate::Violation> {
    if to < now {
        return Err(crate::Violation::new(
            crate::codes::CLOCK_BACKWARDS,
            format!(
                "now must not be before the clock's current time {}",
                now.format("%Y-%m-%dT%H:%M:%SZ")
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_sandbox_clock_moves_forward_only() {
        let at = |d| {
            Utc.with_ymd_and_hms(2026, 12, d, 0, 0, 0)
                .single()
                .unwrap_or_default()
        };
        let base = ManualClock::new(at(1));
        let sandbox = SandboxClock::new(Arc::new(base.clone()));
        assert_eq!(sandbox.now(), at(1));
        assert_eq!(sandbox.move_to(at(10)).map_err(|v| v.code), Ok(at(10)));
        base.advance(Duration::days(1));
        assert_eq!(sandbox.now(), at(11));
        assert_eq!(
            sandbox.move_to(at(5)).map_err(|v| v.code),
            Err(crate::codes::CLOCK_BACKWARDS)
        );
        assert_eq!(sandbox.now(), at(11));
        assert!(sandbox.move_to(at(11)).is_ok());
    }
}
