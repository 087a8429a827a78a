//! The server under test, in process, bound to a free port.

use crate::db::TestDb;
use api::auth::Vault;
use api::{ApiConfig, AppState};
use chrono::{TimeZone, Utc};
use domain::ManualClock;
use persistence::{Db, DbConfig};
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub const OPERATOR_AK: &str = "TESTOPERATORAK000001";
pub const OPERATOR_SK: &str = "test-operator-secret-key-0123456789";

pub struct TestServer {
    pub base: String,
    pub addr: std::net::SocketAddr,
    pub clock: ManualClock,
    pub db: Db,
    pub backend: Backend,
    /// The master key's vault, for workers started beside the server.
    pub vault: Vault,
    handle: actix_web::dev::ServerHandle,
    _test_db: TestDb,
    _replica_db: Option<TestDb>,
}

pub struct Options {
    pub config: ApiConfig,
    pub pool_size: u32,
    /// Serve lagged reads from a second, separately migrated database (a replica that never
    /// catches up), to tell which reads go where.
    pub read_replica: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            // Tests exercise behaviour, not flow control, unless they ask for it.
            config: ApiConfig {
                rate_limit_per_sec: 1_000_000,
                auth_failures_per_ip_per_sec: 1_000_000,
                ..ApiConfig::default()
            },
            pool_size: 4,
            read_replica: false,
        }
    }
}

impl TestServer {
    pub async fn start(backend: Backend) -> TestServer {
        Self::start_with(backend, Options::default()).await
    }

    pub async fn start_with(backend: Backend, opts: Options) -> TestServer {
        let test_db = tokio::task::spawn_blocking(move || match backend {
            Backend::Sqlite => TestDb::sqlite(),
            Backend::Postgres => TestDb::postgres(),
        })
        .await
        .expect("create database");
        let mut cfg = DbConfig::new(&test_db.url);
        cfg.pool_size = opts.pool_size;
        let vault = Vault::new(&Vault::generate_master_key());
        let clock = ManualClock::new(Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap());
        let (db, vault2) = (
            tokio::task::spawn_blocking(move || {
                let db = Db::connect(&cfg).expect("connect");
                let mut conn = db.connection().expect("conn");
                persistence::migrations::run(&mut conn).expect("migrate");
                db
            })
            .await
            .expect("db"),
            vault.clone(),
        );
        let now = clock.now_ts();
        let db2 = db.clone();
        tokio::task::spawn_blocking(move || {
            api::service::bootstrap::ensure_operator(
                &db2,
                &vault2,
                Some((OPERATOR_AK.into(), OPERATOR_SK.into())),
                now,
            )
            .map(|_| ())
        })
        .await
        .expect("join")
        .expect("bootstrap");
        let mut state = AppState::new(
            db.clone(),
            Arc::new(clock.clone()),
            opts.config,
            vault.clone(),
        );
        let mut replica_db = None;
        if opts.read_replica {
            let (test_db, replica) = tokio::task::spawn_blocking(move || {
                let t = match backend {
                    Backend::Sqlite => TestDb::sqlite(),
                    Backend::Postgres => TestDb::postgres(),
                };
                let db = Db::connect(&DbConfig::new(&t.url)).expect("connect replica");
                let mut conn = db.connection().expect("conn");
                persistence::migrations::run(&mut conn).expect("migrate replica");
                (t, db)
            })
            .await
            .expect("replica");
            state = state.with_read_replica(replica);
            replica_db = Some(test_db);
        }
        let (server, addr) = api::server::bind(state, "127.0.0.1:0", 2).expect("bind");
        let handle = server.handle();
        tokio::spawn(server);
        TestServer {
            base: format!("http://{addr}"),
            addr,
            clock,
            db,
            backend,
            vault,
            handle,
            _test_db: test_db,
            _replica_db: replica_db,
        }
    }

    pub async fn stop(self) {
        self.handle.stop(true).await;
    }
}

/// Unix seconds of a manual clock.
pub trait NowTs {
    fn now_ts(&self) -> i64;
}

impl NowTs for ManualClock {
    fn now_ts(&self) -> i64 {
        use domain::Clock;
        self.now().timestamp()
    }
}
