//! The pool does not ping a connection before each use; a connection the database dropped
//! (restart, failover, `pg_terminate_backend`) is found when used and replaced, and work that
//! had not reached its commit runs again on the new one.

use diesel::sql_types::BigInt;
use diesel::{Connection, PgConnection, RunQueryDsl};
use persistence::{Db, DbConfig};

#[derive(diesel::QueryableByName)]
struct One {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

fn one(c: &mut persistence::DbConnection) -> Result<i64, persistence::StoreError> {
    Ok(diesel::sql_query("SELECT CAST(1 AS BIGINT) AS n")
        .get_result::<One>(c)?
        .n)
}

/// Ends every session of the test database except the caller's.
fn terminate_sessions(url: &str) {
    let mut admin = PgConnection::establish(url).expect("admin connection");
    diesel::sql_query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = current_database() AND pid <> pg_backend_pid()",
    )
    .execute(&mut admin)
    .expect("terminate sessions");
}

#[test]
fn postgres_connections_dropped_by_the_server_are_replaced() {
    let db = tests::db::TestDb::postgres();
    let mut config = DbConfig::new(&db.url);
    config.pool_size = 2;
    let pool = Db::connect(&config).expect("pool");
    // Both pooled connections in use once, then killed behind the pool's back.
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| assert_eq!(pool.read(one).unwrap(), 1));
        }
    });
    terminate_sessions(&db.url);
    for _ in 0..4 {
        assert_eq!(pool.read(one).expect("read after the kill"), 1);
        assert_eq!(pool.write(one).expect("write after the kill"), 1);
    }
}

#[test]
fn postgres_async_reads_replace_dropped_connections() {
    use persistence::repo::accounts;
    let db = tests::db::TestDb::postgres();
    let pool = Db::connect(&DbConfig::new(&db.url)).expect("pool");
    let mut conn = pool.connection().expect("connection");
    persistence::migrations::run(&mut conn).expect("migrations");
    drop(conn);
    let reads = pool
        .pg_reads()
        .expect("PostgreSQL reads have the async path");
    let read =
        || reads.run(async |c| accounts::for_owner_pg(c, accounts::CUSTOMER, "nobody").await);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    // Two reads at once: two connections in this thread's pool, then killed while idle.
    runtime.block_on(async {
        let (a, b) = tokio::join!(read(), read());
        assert!(a.expect("first read").is_empty() && b.expect("second read").is_empty());
    });
    terminate_sessions(&db.url);
    runtime.block_on(async {
        for _ in 0..4 {
            assert!(read().await.expect("read after the kill").is_empty());
        }
    });
}
