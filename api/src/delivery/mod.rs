//! The delivery worker (#21): drains webhook deliveries and the outbox (e-mail over SMTP;
//! other channels through their [`outbox::Sender`]). It runs inside `partner-bss serve`
//! and alone as `partner-bss deliver`; replicas over one PostgreSQL share the work through
//! leases taken with `FOR UPDATE SKIP LOCKED`, so no delivery is sent by two at once. A
//! delivery is committed with its event, so one whose worker died before sending is sent
//! when its lease runs out. Receivers de-duplicate by `webhook-id` (the event id).

pub mod gateway;
pub mod guard;
pub mod outbox;
pub mod send;
pub mod sign;
pub mod smtp;

use crate::auth::Vault;
use crate::service::delivery::worker::{self, Attempt, Job};
use domain::Clock;
use persistence::Db;
use std::sync::Arc;
use std::time::Duration;

/// How the worker runs.
#[derive(Debug, Clone)]
pub struct WorkerConfig {
    /// Calls to loopback and private addresses are allowed (`BSS_WEBHOOK_ALLOW_PRIVATE=1`).
    pub allow_private: bool,
    /// How often the queue is looked at when it was empty.
    pub poll: Duration,
    /// Deliveries leased at once.
    pub batch: i64,
    /// How long one request may take.
    pub timeout: Duration,
    /// E-mail over SMTP (`BSS_SMTP_URL`, `BSS_MAIL_FROM`); none: e-mails stay in the outbox.
    pub smtp: Option<smtp::SmtpSettings>,
    /// SMS through the gateway (`BSS_SMS_GATEWAY_URL` with `BSS_GATEWAY_SECRET`); none: SMS
    /// stay in the outbox.
    pub sms: Option<gateway::GatewayConfig>,
}

impl WorkerConfig {
    /// The outbox channels this configuration can send.
    pub fn channels(&self) -> Vec<&'static str> {
        let mut c = Vec::new();
        if self.smtp.is_some() {
            c.push(persistence::repo::outbox::EMAIL);
        }
        if self.sms.is_some() {
            c.push(persistence::repo::outbox::SMS);
        }
        c
    }
}

impl Default for WorkerConfig {
    fn default() -> Self {
        WorkerConfig {
            allow_private: false,
            poll: Duration::from_millis(500),
            batch: 32,
            timeout: Duration::from_secs(10),
            smtp: None,
            sms: None,
        }
    }
}

/// The worker: `run` loops until the task is dropped.
pub struct Worker {
    db: Db,
    clock: Arc<dyn Clock>,
    vault: Vault,
    config: WorkerConfig,
    client: reqwest::Client,
    outbox: outbox::OutboxWorker,
}

impl Worker {
    pub fn new(
        db: Db,
        clock: Arc<dyn Clock>,
        vault: Vault,
        config: WorkerConfig,
    ) -> Result<Self, String> {
        let client = send::client(config.allow_private, config.timeout)?;
        let mut senders: Vec<Arc<dyn outbox::Sender>> = Vec::new();
        if let Some(s) = &config.smtp {
            senders.push(Arc::new(smtp::SmtpSender::new(s, config.timeout)?));
        }
        if let Some(g) = &config.sms {
            senders.push(Arc::new(gateway::SmsSender::new(g.clone())?));
        }
        let outbox = outbox::OutboxWorker::new(db.clone(), clock.clone(), senders);
        Ok(Worker {
            outbox,
            db,
            clock,
            vault,
            config,
            client,
        })
    }

    /// A lease outlives the slowest attempt several times over.
    fn lease_secs(&self) -> i64 {
        i64::try_from(self.config.timeout.as_secs()).unwrap_or(10) * 6 + 30
    }

    pub async fn run(self) {
        tracing::info!(
            allow_private = self.config.allow_private,
            outbox_channels = ?self.outbox.channels(),
            "delivery worker started"
        );
        loop {
            let hooks = self.drain_once().await.unwrap_or_else(|e| {
                tracing::warn!(error = %e, "webhook delivery round failed");
                0
            });
            let messages = self.outbox.drain_once().await.unwrap_or_else(|e| {
                tracing::warn!(error = %e, "outbox delivery round failed");
                0
            });
            if hooks + messages == 0 {
                tokio::time::sleep(self.config.poll).await;
            }
        }
    }

    /// The outbox half, to drain it alone.
    pub fn outbox(&self) -> &outbox::OutboxWorker {
        &self.outbox
    }

    /// Leases one batch, sends it, records the outcomes; returns how many were sent.
    pub async fn drain_once(&self) -> Result<usize, String> {
        let db = self.db.clone();
        let now = self.clock.now().timestamp();
        let (lease, batch) = (self.lease_secs(), self.config.batch);
        let jobs =
            tokio::task::spawn_blocking(move || db.write(|c| worker::claim(c, now, lease, batch)))
                .await
                .map_err(|e| e.to_string())?
                .map_err(|e| e.to_string())?;
        let n = jobs.len();
        let sends = jobs.into_iter().map(|job| self.deliver(job));
        futures_util::future::join_all(sends).await;
        Ok(n)
    }

    async fn deliver(&self, job: Job) {
        let attempt = match self.vault.open(&job.sealed_secret) {
            Ok(secret) => {
                let secret = String::from_utf8_lossy(secret.expose()).into_owned();
                send::attempt(&self.client, &job, &secret, self.config.allow_private).await
            }
            Err(e) => Attempt::Failed { error: e },
        };
        let db = self.db.clone();
        let now = self.clock.now().timestamp();
        let jitter: f64 = rand::random();
        let ok = attempt.succeeded();
        let (delivery, webhook, event) = (
            job.delivery_id.clone(),
            job.webhook_id.clone(),
            job.event.id.clone(),
        );
        let recorded = tokio::task::spawn_blocking(move || {
            db.write(|c| worker::finish(c, &job, &attempt, now, jitter))
        })
        .await;
        match recorded {
            Ok(Ok(disabled)) => {
                if disabled {
                    tracing::warn!(webhook.id = %webhook, "webhook disabled after a day of failures");
                }
                tracing::debug!(delivery.id = %delivery, event.id = %event, ok, "webhook attempt");
            }
            Ok(Err(e)) => {
                tracing::warn!(delivery.id = %delivery, error = %e, "webhook attempt not recorded")
            }
            Err(e) => tracing::warn!(delivery.id = %delivery, error = %e, "webhook attempt lost"),
        }
    }
}
