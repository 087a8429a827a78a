//! Everything a handler may need, shared by all workers.

use crate::auth::credentials::CredentialCache;
use crate::auth::ip_budget::FailureBudget;
use crate::auth::lockout::Lockout;
use crate::auth::Vault;
use crate::delivery::gateway::Gateway;
use crate::notify::{LogNotifier, Notifier};
use crate::ratelimit::RateLimits;
use crate::service::Outcome;
use crate::ApiConfig;
use domain::{Clock, SandboxClock};
use persistence::Db;
use std::sync::Arc;

pub struct AppState {
    pub db: Db,
    /// The wall clock: authentication (signatures, tokens, keys), idempotency and the audit
    /// log's times.
    pub clock: Arc<dyn Clock>,
    /// The sandbox clock business time follows when `BSS_SANDBOX_CLOCK` is on (the operator
    /// moves it forward); none: business time is the wall clock.
    pub sandbox_clock: Option<Arc<SandboxClock>>,
    pub config: ApiConfig,
    pub vault: Vault,
    pub creds: CredentialCache,
    /// When each access key was last used (written to the database once a minute).
    pub key_uses: crate::auth::key_uses::KeyUses,
    pub lockout: Lockout,
    /// Authentication failures per source address.
    pub auth_failures: FailureBudget,
    pub limits: RateLimits,
    /// Flow control shared by all replicas through Redis (`BSS_REDIS_URL`), if configured.
    pub shared_flow: Option<Arc<crate::flow::shared::Shared>>,
    /// Draining for a restart: `/readyz` answers 503.
    pub lifecycle: Arc<crate::lifecycle::Lifecycle>,
    /// A hot standby for lists and exports that tolerate lag (`BSS_READ_DATABASE_URL`).
    pub read_replica: Option<Db>,
    /// Delivers outbox messages after commit; logs only, unless replaced.
    pub notifier: Arc<dyn Notifier>,
    /// The SMS and voice gateway client (`config.gateway`); none if it could not be built.
    pub gateway: Option<Arc<Gateway>>,
}

impl AppState {
    pub fn new(db: Db, clock: Arc<dyn Clock>, config: ApiConfig, vault: Vault) -> Self {
        Self {
            db,
            sandbox_clock: config
                .sandbox_clock
                .then(|| Arc::new(SandboxClock::new(clock.clone()))),
            clock,
            limits: RateLimits::new(config.clone()),
            shared_flow: config.redis_url.as_deref().and_then(|url| {
                crate::flow::shared::Shared::new(url, &config.redis_prefix)
                    .map_err(|e| tracing::error!(error = %e, "BSS_REDIS_URL is not a Redis URL"))
                    .ok()
                    .map(Arc::new)
            }),
            gateway: Gateway::new(config.gateway.clone())
                .map_err(|e| tracing::error!(error = %e, "the SMS/voice gateway is not usable"))
                .ok()
                .map(Arc::new),
            lifecycle: Arc::default(),
            read_replica: None,
            config,
            vault,
            creds: CredentialCache::default(),
            key_uses: Default::default(),
            lockout: Lockout::default(),
            auth_failures: FailureBudget::default(),
            notifier: Arc::new(LogNotifier),
        }
    }

    /// Replaces the notifier (e.g. with an SMS gateway).
    pub fn with_notifier(mut self, notifier: Arc<dyn Notifier>) -> Self {
        self.notifier = notifier;
        self
    }

    /// Serves lists and exports that tolerate lag from `replica` (a hot standby). Whatever
    /// decides on money keeps reading the primary.
    pub fn with_read_replica(mut self, replica: Db) -> Self {
        self.read_replica = Some(replica);
        self
    }

    /// The database for reads that tolerate lag: the replica if there is one.
    pub fn lagged(&self) -> &Db {
        self.read_replica.as_ref().unwrap_or(&self.db)
    }

    /// Like [`Self::read`], on the replica if there is one: for lists and exports only,
    /// never for a read that a write or a money decision depends on.
    pub async fn read_lagged<T: Send + 'static>(
        &self,
        f: impl Fn(&mut persistence::DbConnection) -> Outcome<T> + Send + 'static,
    ) -> Result<T, crate::ApiError> {
        let db = self.lagged().clone();
        Ok(actix_web::web::block(move || db.read(f)).await??)
    }

    /// Business time, unix seconds: the sandbox clock if it is on, else the wall clock.
    /// Everything time-driven (expiry, bill cycles, deadlines) reads this.
    pub fn now(&self) -> i64 {
        match &self.sandbox_clock {
            Some(s) => s.now().timestamp(),
            None => self.clock.now().timestamp(),
        }
    }

    /// Wall time, unix seconds by the injected clock, never moved by the sandbox clock: for
    /// authentication, idempotency keys and the audit log.
    pub fn wall_now(&self) -> i64 {
        self.clock.now().timestamp()
    }

    /// Runs a write transaction off the async reactor. On SQLite, writers arriving together
    /// share one commit (group commit), each still all-or-nothing.
    ///
    /// In a state-changing request, the request's audit event is appended in the same
    /// transaction when `f` succeeds (once per request; see [`crate::audit`]).
    pub async fn write<T: Send + 'static>(
        &self,
        f: impl Fn(&mut persistence::DbConnection) -> Outcome<T> + Send + 'static,
    ) -> Result<T, crate::ApiError> {
        let Some(event) = crate::audit::pending(self.wall_now()) else {
            return self.write_unaudited(f).await;
        };
        let e = event.clone();
        let value = self.write_unaudited(move |c| e.around(c, &f)).await?;
        event.done();
        Ok(value)
    }

    /// A write transaction that appends no audit event (the caller appends it itself, or
    /// the write is bookkeeping, not a change a request asked for).
    pub async fn write_unaudited<T: Send + 'static>(
        &self,
        f: impl Fn(&mut persistence::DbConnection) -> Outcome<T> + Send + 'static,
    ) -> Result<T, crate::ApiError> {
        let db = self.db.clone();
        Ok(actix_web::web::block(move || db.write_shared(f)).await??)
    }

    /// A read on the hot path, given twice: `sync` for SQLite (off the async reactor, like
    /// [`Self::read`]) and `pg` for PostgreSQL, run on this worker without a thread hop.
    pub async fn read_hot<T: Send + 'static>(
        &self,
        sync: impl Fn(&mut persistence::DbConnection) -> Result<T, persistence::StoreError>
            + Send
            + 'static,
        pg: impl AsyncFn(&mut persistence::pool::PgConn) -> Result<T, persistence::StoreError>,
    ) -> Result<T, crate::ApiError> {
        match self.db.pg_reads() {
            Some(reads) => Ok(reads.run(pg).await?),
            None => self.read(move |c| Ok(sync(c)?)).await,
        }
    }

    /// Runs a read transaction off the async reactor.
    pub async fn read<T: Send + 'static>(
        &self,
        f: impl Fn(&mut persistence::DbConnection) -> Outcome<T> + Send + 'static,
    ) -> Result<T, crate::ApiError> {
        let db = self.db.clone();
        Ok(actix_web::web::block(move || db.read(f)).await??)
    }
}
