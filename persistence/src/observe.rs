//! Hooks through which the layer above counts what the pool does (the wait for a connection,
//! transactions run again) without this crate knowing how it is exported.

use std::sync::OnceLock;
use std::time::Duration;

#[derive(Debug, Clone, Copy)]
pub struct Observer {
    /// How long a transaction waited for a pooled connection.
    pub checkout_wait: fn(Duration),
    /// A transaction is run again after a serialization failure or a busy database.
    pub retry: fn(),
}

static OBSERVER: OnceLock<Observer> = OnceLock::new();

/// Sets the observer once per process; later calls are ignored.
pub fn set(observer: Observer) {
    let _ = OBSERVER.set(observer);
}

pub(crate) fn checkout_wait(d: Duration) {
    if let Some(o) = OBSERVER.get() {
        (o.checkout_wait)(d);
    }
}

pub(crate) fn retry() {
    if let Some(o) = OBSERVER.get() {
        (o.retry)();
    }
}
