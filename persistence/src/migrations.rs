//! Migrations, one folder for both backends (`migrations/`, PostgreSQL's dialect), embedded in
//! the binary by `build.rs`. SQLite runs the same files with the few spellings it lacks
//! rewritten ([`for_sqlite`]); a file whose first line is `-- backend: postgres` is
//! PostgreSQL's alone. Versions are the folder names' dates, as diesel_migrations records them,
//! so databases migrated by earlier releases continue where they stopped.

use crate::{DbConnection, StoreError};
use diesel::backend::Backend;
use diesel::connection::BoxableConnection;
use diesel::migration::{
    self, Migration, MigrationMetadata, MigrationName, MigrationSource, MigrationVersion,
};
use diesel_migrations::MigrationHarness;
use std::borrow::Cow;
use std::fmt;

/// One migration as written in `migrations/<name>/{up,down}.sql`.
pub struct Sql {
    pub name: &'static str,
    pub up: &'static str,
    pub down: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/migrations.rs"));

const POSTGRES_ONLY: &str = "-- backend: postgres";

/// The SQLite spelling of a PostgreSQL statement list.
pub fn for_sqlite(sql: &str) -> Cow<'_, str> {
    if sql.contains("BIGSERIAL PRIMARY KEY") {
        Cow::Owned(sql.replace("BIGSERIAL PRIMARY KEY", "INTEGER PRIMARY KEY AUTOINCREMENT"))
    } else {
        Cow::Borrowed(sql)
    }
}

/// Whether SQLite runs this migration at all.
pub fn on_sqlite(m: &Sql) -> bool {
    !m.up.starts_with(POSTGRES_ONLY)
}

struct Name(&'static str);

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl MigrationName for Name {
    fn version(&self) -> MigrationVersion<'_> {
        let date = self.0.split('_').next().unwrap_or(self.0);
        MigrationVersion::from(date.replace('-', ""))
    }
}

struct Step {
    name: Name,
    up: Cow<'static, str>,
    down: Cow<'static, str>,
}

struct InTransaction;

impl MigrationMetadata for InTransaction {}

impl<DB: Backend> Migration<DB> for Step {
    fn run(&self, conn: &mut dyn BoxableConnection<DB>) -> migration::Result<()> {
        Ok(conn.batch_execute(&self.up)?)
    }

    fn revert(&self, conn: &mut dyn BoxableConnection<DB>) -> migration::Result<()> {
        Ok(conn.batch_execute(&self.down)?)
    }

    fn metadata(&self) -> &dyn MigrationMetadata {
        &InTransaction
    }

    fn name(&self) -> &dyn MigrationName {
        &self.name
    }
}

/// The migrations as one backend runs them.
#[derive(Clone, Copy)]
struct Source {
    sqlite: bool,
}

impl<DB: Backend> MigrationSource<DB> for Source {
    fn migrations(&self) -> migration::Result<Vec<Box<dyn Migration<DB>>>> {
        Ok(ALL
            .iter()
            .filter(|m| !self.sqlite || on_sqlite(m))
            .map(|m| {
                let (up, down) = if self.sqlite {
                    (for_sqlite(m.up), for_sqlite(m.down))
                } else {
                    (Cow::Borrowed(m.up), Cow::Borrowed(m.down))
                };
                Box::new(Step {
                    name: Name(m.name),
                    up,
                    down,
                }) as Box<dyn Migration<DB>>
            })
            .collect())
    }
}

/// The PostgreSQL advisory lock that replicas starting together take around their migrations,
/// so the migrations run once and the others find nothing pending.
pub const ADVISORY_LOCK: i64 = 0x0050_5353_424d_4947; // "PSSBMIG"

/// Applies every pending migration; returns how many ran. On PostgreSQL under the session
/// advisory lock [`ADVISORY_LOCK`]: a second process waits, then applies nothing.
pub fn run(conn: &mut DbConnection) -> Result<usize, StoreError> {
    let applied = match conn {
        DbConnection::Pg(c) => {
            use diesel::connection::SimpleConnection;
            c.batch_execute(&format!("SELECT pg_advisory_lock({ADVISORY_LOCK})"))
                .map_err(|e| StoreError::Internal(format!("migration lock: {e}")))?;
            let applied = c
                .run_pending_migrations(Source { sqlite: false })
                .map(|v| v.len());
            let unlocked = c.batch_execute(&format!("SELECT pg_advisory_unlock({ADVISORY_LOCK})"));
            if let Err(e) = unlocked {
                tracing::warn!(error = %e, "cannot release the migration lock");
            }
            applied
        }
        DbConnection::Sqlite(c) => c
            .run_pending_migrations(Source { sqlite: true })
            .map(|v| v.len()),
    };
    applied.map_err(|e| StoreError::Internal(format!("migration failed: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_the_folder_dates_and_sqlite_gets_its_spelling() {
        assert_eq!(
            Name("2026-11-25-000001_foundation").version().to_string(),
            "20261125000001"
        );
        assert_eq!(
            for_sqlite("seq BIGSERIAL PRIMARY KEY,"),
            "seq INTEGER PRIMARY KEY AUTOINCREMENT,"
        );
        assert!(ALL.iter().any(|m| !on_sqlite(m)));
        let mut names: Vec<&str> = ALL.iter().map(|m| m.name).collect();
        names.dedup();
        assert_eq!(names.len(), ALL.len());
    }
}
