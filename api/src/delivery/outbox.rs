//! The outbox half of the delivery worker: each channel (`EMAIL`, `SMS`) has a [`Sender`];
//! the worker leases due messages of the channels it has a sender for, sends them outside any
//! transaction, and records the outcome. Channels without a sender keep their messages in the
//! outbox (the operator's view says why). Replicas share the queue through leases taken with
//! `FOR UPDATE SKIP LOCKED`; a message whose worker died before recording is taken again when
//! its lease runs out.

use crate::service::delivery::outbox as svc;
use domain::outbox::{error_excerpt, DeliveryStatus};
use domain::Clock;
use futures_util::future::BoxFuture;
use persistence::repo::outbox::OutboxRow;
use persistence::Db;
use std::sync::Arc;

/// Sends the messages of one channel.
pub trait Sender: Send + Sync {
    /// `EMAIL` or `SMS`.
    fn channel(&self) -> &'static str;
    /// Sends one message; the error is a short reason.
    fn send<'a>(&'a self, msg: &'a OutboxRow) -> BoxFuture<'a, Result<(), String>>;
    /// What must never appear in a recorded error (a password), if anything.
    fn secret(&self) -> Option<&str> {
        None
    }
}

/// Drains the outbox through its senders.
#[derive(Clone)]
pub struct OutboxWorker {
    db: Db,
    clock: Arc<dyn Clock>,
    senders: Vec<Arc<dyn Sender>>,
    batch: i64,
    lease_secs: i64,
}

impl OutboxWorker {
    pub fn new(db: Db, clock: Arc<dyn Clock>, senders: Vec<Arc<dyn Sender>>) -> Self {
        OutboxWorker {
            db,
            clock,
            senders,
            batch: 32,
            lease_secs: 120,
        }
    }

    /// The channels it sends.
    pub fn channels(&self) -> Vec<&'static str> {
        self.senders.iter().map(|s| s.channel()).collect()
    }

    /// Leases one batch of due messages, sends them and records the outcomes; returns how
    /// many were attempted.
    pub async fn drain_once(&self) -> Result<usize, String> {
        let channels = self.channels();
        if channels.is_empty() {
            return Ok(0);
        }
        let db = self.db.clone();
        let now = self.clock.now().timestamp();
        let (lease, batch) = (self.lease_secs, self.batch);
        let msgs = tokio::task::spawn_blocking(move || {
            db.write(|c| svc::claim(c, &channels, now, lease, batch))
        })
        .await
        .map_err(|e| e.to_string())?
        .map_err(|e| e.to_string())?;
        let n = msgs.len();
        futures_util::future::join_all(msgs.into_iter().map(|m| self.deliver(m))).await;
        Ok(n)
    }

    async fn deliver(&self, msg: OutboxRow) {
        let Some(sender) = self.senders.iter().find(|s| s.channel() == msg.channel) else {
            return;
        };
        let error = sender
            .send(&msg)
            .await
            .err()
            .map(|e| error_excerpt(&e, sender.secret()));
        let db = self.db.clone();
        let now = self.clock.now().timestamp();
        let jitter: f64 = rand::random();
        let id = msg.id.clone();
        let failed = error.clone();
        let recorded = tokio::task::spawn_blocking(move || {
            db.write(|c| svc::finish(c, &msg, error.as_deref(), now, jitter))
        })
        .await;
        match recorded {
            Ok(Ok(DeliveryStatus::Sent)) => {
                tracing::debug!(message.id = %id, "outbox message sent")
            }
            Ok(Ok(status)) => tracing::warn!(
                message.id = %id,
                status = status.as_str(),
                error = failed.as_deref().unwrap_or_default(),
                "outbox message not sent"
            ),
            Ok(Err(e)) => {
                tracing::warn!(message.id = %id, error = %e, "outbox attempt not recorded")
            }
            Err(e) => tracing::warn!(message.id = %id, error = %e, "outbox attempt lost"),
        }
    }
}
