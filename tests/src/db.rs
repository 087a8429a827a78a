//! A fresh database per test: a SQLite file in a temp dir, or a PostgreSQL database that is
//! dropped when the test ends.

use diesel::{Connection, PgConnection, RunQueryDsl};

/// Where PostgreSQL tests create their databases (trust auth on the local cluster by default).
pub fn pg_base_url() -> String {
    std::env::var("TEST_PG_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into())
}

pub struct TestDb {
    pub url: String,
    pg_name: Option<String>,
    _dir: Option<tempfile::TempDir>,
}

impl TestDb {
    pub fn sqlite() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", dir.path().join("test.db").display());
        TestDb {
            url,
            pg_name: None,
            _dir: Some(dir),
        }
    }

    pub fn postgres() -> Self {
        let name = format!("bss_test_{}", uuid::Uuid::new_v4().simple());
        let mut admin = PgConnection::establish(&format!("{}/postgres", pg_base_url()))
            .expect("PostgreSQL must run for the postgres tests (see README)");
        diesel::sql_query(format!("CREATE DATABASE {name}"))
            .execute(&mut admin)
            .expect("create test database");
        TestDb {
            url: format!("{}/{name}", pg_base_url()),
            pg_name: Some(name),
            _dir: None,
        }
    }
}

impl TestDb {
    /// A PostgreSQL database name that does not exist yet (the code under test creates it);
    /// dropped, if it was created, when the test ends.
    pub fn postgres_not_created() -> Self {
        let name = format!("bss_test_{}", uuid::Uuid::new_v4().simple());
        TestDb {
            url: format!("{}/{name}", pg_base_url()),
            pg_name: Some(name),
            _dir: None,
        }
    }

    /// The database's name (PostgreSQL).
    pub fn pg_name(&self) -> Option<&str> {
        self.pg_name.as_deref()
    }
}

/// Runs `sql` on the test cluster's `postgres` database as the test user.
pub fn pg_admin(sql: &str) {
    let mut admin = PgConnection::establish(&format!("{}/postgres", pg_base_url()))
        .expect("PostgreSQL must run for the postgres tests (see README)");
    diesel::sql_query(sql)
        .execute(&mut admin)
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

/// The test cluster's `host:port`.
pub fn pg_host_port() -> String {
    let base = pg_base_url();
    let rest = base.split_once("://").map_or(base.as_str(), |(_, r)| r);
    let authority = rest.split('/').next().unwrap_or(rest);
    authority
        .rsplit_once('@')
        .map_or(authority, |(_, h)| h)
        .to_owned()
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some(name) = &self.pg_name {
            if let Ok(mut admin) = PgConnection::establish(&format!("{}/postgres", pg_base_url())) {
                let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .execute(&mut admin);
            }
        }
    }
}
