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
