//! PostgreSQL reads on the async worker that serves the request, without the hand-off to a
//! blocking thread that Diesel's synchronous driver needs.
//!
//! Why: a signed balance read costs the database about 0.05 ms, but handing it to a blocking
//! thread and back costs four context switches, which on two cores was most of the server's CPU
//! for such a read (bench/README.md). Each worker thread gets its own small pool, so a
//! connection's socket is driven by the same event loop that awaits its answer.

use crate::StoreError;
use diesel_async::pooled_connection::deadpool::{Object, Pool, PoolError};
use diesel_async::pooled_connection::{
    AsyncDieselConnectionManager, ManagerConfig, RecyclingMethod,
};
use diesel_async::AsyncPgConnection;
use std::time::Duration;
use thread_local::ThreadLocal;

pub use diesel_async::AsyncPgConnection as PgConn;

pub struct PgReads {
    url: String,
    per_thread: usize,
    checkout_timeout: Duration,
    pools: ThreadLocal<Pool<AsyncPgConnection>>,
}

impl std::fmt::Debug for PgReads {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgReads")
            .field("per_thread", &self.per_thread)
            .finish_non_exhaustive()
    }
}

impl PgReads {
    pub fn new(url: &str, per_thread: usize, checkout_timeout: Duration) -> Self {
        Self {
            url: url.to_owned(),
            per_thread: per_thread.max(1),
            checkout_timeout,
            pools: ThreadLocal::new(),
        }
    }

    /// Runs `f` on one of this thread's connections. A connection found broken (e.g. after a
    /// database restart) is dropped and `f`, which only reads, runs again on another; at most
    /// once per pooled connection, since each may have died with the same restart.
    pub async fn run<T>(
        &self,
        f: impl AsyncFn(&mut AsyncPgConnection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let pool = self.pools.get_or_try(|| self.pool())?;
        let mut retries = self.per_thread;
        loop {
            let mut conn = self.checkout(pool).await?;
            match f(&mut conn).await {
                Err(StoreError::Unavailable) if retries > 0 => {
                    retries -= 1;
                    // Not back into the pool: its socket is gone.
                    drop(Object::take(conn));
                }
                other => return other,
            }
        }
    }

    fn pool(&self) -> Result<Pool<AsyncPgConnection>, StoreError> {
        let mut config = ManagerConfig::default();
        // No `SELECT 1` per checkout (one more round trip per read): a closed socket is seen
        // without it, and a connection that fails in use is replaced in `run`.
        config.recycling_method = RecyclingMethod::Fast;
        let manager = AsyncDieselConnectionManager::new_with_config(self.url.clone(), config);
        Pool::builder(manager)
            .max_size(self.per_thread)
            .build()
            .map_err(|e| StoreError::Internal(format!("cannot build the read pool: {e}")))
    }

    async fn checkout(
        &self,
        pool: &Pool<AsyncPgConnection>,
    ) -> Result<Object<AsyncPgConnection>, StoreError> {
        match tokio::time::timeout(self.checkout_timeout, pool.get()).await {
            Err(_) => Err(StoreError::Busy),
            Ok(Ok(conn)) => Ok(conn),
            Ok(Err(PoolError::Backend(_))) => Err(StoreError::Unavailable),
            Ok(Err(_)) => Err(StoreError::Busy),
        }
    }
}
