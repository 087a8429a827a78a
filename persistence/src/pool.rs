//! The connection pool and the two ways to use it: [`Db::read`] and [`Db::write`].

use crate::error::TxError;
use crate::{Backend, DbConnection, StoreError};
use diesel::connection::SimpleConnection;
use diesel::r2d2::{ConnectionManager, CustomizeConnection, Pool};
use diesel::Connection;
use std::cell::Cell;
use std::sync::{Arc, Mutex};
use std::time::Duration;

mod group;
mod pg_reads;

pub use pg_reads::{PgConn, PgReads};

#[derive(Debug, Clone)]
pub struct DbConfig {
    pub url: String,
    /// Connections in the pool; 2–4× the cores is right for this workload.
    pub pool_size: u32,
    /// How long a request may wait for a connection before it is told to retry.
    pub checkout_timeout: Duration,
    /// Attempts of one transaction before a retryable error is returned.
    pub max_attempts: u32,
    /// SQLite: let writers that queue up together share one commit ([`Db::write_shared`]).
    pub group_commit: bool,
    /// PostgreSQL: connections each async worker thread keeps for [`Db::pg_reads`].
    pub reads_per_thread: u32,
}

impl DbConfig {
    pub fn new(url: impl Into<String>) -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Self {
            url: url.into(),
            pool_size: u32::try_from(cores * 4).unwrap_or(8).clamp(4, 32),
            checkout_timeout: Duration::from_secs(5),
            max_attempts: 8,
            group_commit: true,
            reads_per_thread: 4,
        }
    }
}

#[derive(Debug)]
struct SqlitePragmas;

impl CustomizeConnection<DbConnection, diesel::r2d2::Error> for SqlitePragmas {
    fn on_acquire(&self, conn: &mut DbConnection) -> Result<(), diesel::r2d2::Error> {
        if let DbConnection::Sqlite(c) = conn {
            // FULL: an acknowledged payment survives power loss, not only a process crash.
            c.batch_execute(
                "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; \
                 PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
            )
            .map_err(diesel::r2d2::Error::QueryError)?;
        }
        Ok(())
    }
}

#[derive(Clone)]
pub struct Db {
    pool: Pool<ConnectionManager<DbConnection>>,
    backend: Backend,
    /// What the driver connects to, to replace a pooled connection that broke ([`Db::heal`]).
    driver_url: Arc<str>,
    max_attempts: u32,
    /// SQLite has one writer at a time; taking turns here avoids SQLITE_BUSY on lock upgrade.
    sqlite_writer: Arc<Mutex<()>>,
    /// Writers waiting to share the next SQLite transaction ([`Db::write_shared`]).
    queue: Arc<group::Queue>,
    group_commit: bool,
    /// PostgreSQL only: reads that run on the async worker itself.
    pg_reads: Option<Arc<PgReads>>,
}

impl Db {
    pub fn connect(config: &DbConfig) -> Result<Self, StoreError> {
        let (backend, driver_url) = Backend::from_url(&config.url);
        // The driver's own message at once, rather than the pool's after its retries.
        crate::preflight::prepare(&config.url, false).map_err(StoreError::Internal)?;
        if backend == Backend::Sqlite {
            // Create the file and switch it to WAL once, before the pool opens many handles.
            let mut c = DbConnection::establish(&driver_url)
                .map_err(|e| StoreError::Internal(format!("cannot open database: {e}")))?;
            c.batch_execute("PRAGMA journal_mode = WAL;")?;
        }
        let manager = ConnectionManager::<DbConnection>::new(driver_url.clone());
        let pool = Pool::builder()
            .max_size(config.pool_size)
            .min_idle(Some(1))
            // A `SELECT 1` before every use is one more round trip per request; a connection
            // that broke is found when used and replaced there (`heal`).
            .test_on_check_out(false)
            .connection_timeout(config.checkout_timeout)
            .connection_customizer(Box::new(SqlitePragmas))
            .build(manager)
            .map_err(|e| StoreError::Internal(format!("cannot open database: {e}")))?;
        let pg_reads = (backend == Backend::Postgres).then(|| {
            Arc::new(PgReads::new(
                &driver_url,
                config.reads_per_thread as usize,
                config.checkout_timeout,
            ))
        });
        Ok(Db {
            pool,
            backend,
            driver_url: driver_url.into(),
            max_attempts: config.max_attempts.max(1),
            sqlite_writer: Arc::new(Mutex::new(())),
            queue: Arc::default(),
            group_commit: config.group_commit,
            pg_reads,
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn pool_size(&self) -> u32 {
        self.pool.max_size()
    }

    /// Connections open and, of those, idle.
    pub fn pool_state(&self) -> (u32, u32) {
        let s = self.pool.state();
        (s.connections, s.idle_connections)
    }

    /// On PostgreSQL, the async read path for the hottest reads (see [`PgReads`]).
    pub fn pg_reads(&self) -> Option<&PgReads> {
        self.pg_reads.as_deref()
    }

    /// Runs `f`, which only reads. On SQLite in one transaction (one snapshot); on PostgreSQL
    /// without `BEGIN`/`COMMIT`: under READ COMMITTED each statement takes its own snapshot
    /// inside a transaction too, so they would cost two round trips and buy nothing.
    pub fn read<T, E: TxError>(
        &self,
        f: impl Fn(&mut DbConnection) -> Result<T, E>,
    ) -> Result<T, E> {
        self.with_retry(false, f)
    }

    /// Runs `f` in a write transaction, retrying it on serialization failures and busy errors
    /// with jittered back-off; after the budget, [`StoreError::Busy`]. Any error rolls back.
    pub fn write<T, E: TxError>(
        &self,
        f: impl Fn(&mut DbConnection) -> Result<T, E>,
    ) -> Result<T, E> {
        self.with_retry(true, f)
    }

    fn with_retry<T, E: TxError>(
        &self,
        write: bool,
        f: impl Fn(&mut DbConnection) -> Result<T, E>,
    ) -> Result<T, E> {
        let asked = std::time::Instant::now();
        let mut conn = self.pool.get().map_err(StoreError::from)?;
        crate::observe::checkout_wait(asked.elapsed());
        for attempt in 1..=self.max_attempts {
            // Set once `f` succeeded: a lost connection after that may have lost the commit's
            // answer, not the commit, so the work must not run again here.
            let committing = Cell::new(false);
            let result = {
                let _turn = (write && self.backend == Backend::Sqlite)
                    .then(|| self.sqlite_writer.lock().unwrap_or_else(|p| p.into_inner()));
                if write || self.backend == Backend::Sqlite {
                    conn.transaction(|c| {
                        let r = f(c).map_err(Carrier);
                        committing.set(r.is_ok());
                        r
                    })
                    .map_err(|Carrier(e)| e)
                } else {
                    f(&mut conn)
                }
            };
            match result {
                Err(e) => match e.store() {
                    Some(StoreError::Retryable) if attempt < self.max_attempts => {
                        crate::observe::retry();
                        std::thread::sleep(backoff(attempt));
                    }
                    Some(StoreError::Retryable) => return Err(StoreError::Busy.into()),
                    Some(StoreError::Unavailable)
                        if attempt < self.max_attempts
                            && !committing.get()
                            && self.heal(&mut conn) => {}
                    _ => return Err(e),
                },
                ok => return ok,
            }
        }
        Err(StoreError::Busy.into())
    }

    /// After a connection error: if the connection no longer answers, replaces it in the pool
    /// with a new one (e.g. after a database restart). True if the work may run again on it.
    fn heal(&self, conn: &mut DbConnection) -> bool {
        if conn.batch_execute("SELECT 1").is_ok() {
            return false;
        }
        match DbConnection::establish(&self.driver_url) {
            Ok(fresh) => {
                *conn = fresh;
                let pragmas = SqlitePragmas;
                pragmas.on_acquire(conn).is_ok()
            }
            Err(_) => false,
        }
    }

    /// Checks that the database answers (for `/readyz`).
    pub fn ping(&self) -> Result<(), StoreError> {
        let mut conn = self.pool.get()?;
        conn.batch_execute("SELECT 1")?;
        Ok(())
    }

    /// A connection outside any transaction, for migrations and streaming exports.
    pub fn connection(
        &self,
    ) -> Result<diesel::r2d2::PooledConnection<ConnectionManager<DbConnection>>, StoreError> {
        Ok(self.pool.get()?)
    }
}

/// Runs `f` in a savepoint of the caller's transaction: an error undoes what `f` wrote and
/// leaves the rest of the transaction going.
pub fn savepoint<T, E: TxError>(
    conn: &mut DbConnection,
    f: impl FnOnce(&mut DbConnection) -> Result<T, E>,
) -> Result<T, E> {
    conn.transaction(|c| f(c).map_err(Carrier))
        .map_err(|Carrier(e)| e)
}

/// Lets a caller's error type ride through Diesel's transaction, which needs
/// `From<diesel::result::Error>`.
struct Carrier<E>(E);

impl<E: TxError> From<diesel::result::Error> for Carrier<E> {
    fn from(e: diesel::result::Error) -> Self {
        Carrier(E::from(StoreError::from(e)))
    }
}

/// 2, 4, 8 … ms, capped at 100 ms, with full jitter so retries of one hot row spread out.
fn backoff(attempt: u32) -> Duration {
    let cap = 2u64.saturating_pow(attempt).min(100);
    Duration::from_millis(rand::random::<u64>() % cap + 1)
}
