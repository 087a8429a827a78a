//! Reaching the database once with its own driver before the pool opens: the pool retries for
//! seconds and then reports only that no backend accepted the URL, while the driver says at once
//! what is wrong. Messages name the host, database and user, never the password, and say what
//! to do. On request a missing PostgreSQL database is created.

use crate::pg_url::PgTarget;
use crate::Backend;
use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::sqlite::SqliteConnection;
use diesel::{Connection, ConnectionError};
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prepared {
    /// The database was there.
    Reached,
    /// The PostgreSQL database did not exist and was created.
    Created,
}

/// Connects once; with `create_missing`, creates a PostgreSQL database that does not exist
/// when the user may (else the error says it must be created and how).
pub fn prepare(url: &str, create_missing: bool) -> Result<Prepared, String> {
    match Backend::from_url(url) {
        (Backend::Sqlite, path) => sqlite(&path).map(|()| Prepared::Reached),
        (Backend::Postgres, _) => postgres(url, create_missing),
    }
}

fn sqlite(path: &str) -> Result<(), String> {
    if path == ":memory:" || path.starts_with("file:") {
        return Ok(());
    }
    let folder = Path::new(path)
        .parent()
        .filter(|p| !p.as_os_str().is_empty());
    if let Some(folder) = folder {
        if !folder.exists() {
            return Err(format!(
                "SQLite database {path}: the folder {} does not exist; create it (mkdir -p {}) \
                 or set DATABASE_URL to a file in an existing folder",
                folder.display(),
                folder.display()
            ));
        }
        if !folder.is_dir() {
            return Err(format!(
                "SQLite database {path}: {} is not a folder; set DATABASE_URL to a file in a folder",
                folder.display()
            ));
        }
    }
    SqliteConnection::establish(path).map(drop).map_err(|e| {
        format!(
            "cannot open SQLite database {path}: {}; check that the file and its folder are \
             readable and writable by this user",
            one_line(&e.to_string())
        )
    })
}

fn postgres(url: &str, create_missing: bool) -> Result<Prepared, String> {
    let target = PgTarget::parse(url);
    let err = match PgConnection::establish(url) {
        Ok(_) => return Ok(Prepared::Reached),
        Err(e) => e,
    };
    let said = target.scrub(&one_line(&driver_message(&err)));
    let missing = said.contains(&format!("database \"{}\" does not exist", target.database));
    if !missing {
        return Err(format!(
            "cannot connect to PostgreSQL ({}): {said}; {}",
            target.describe(),
            hint(&said)
        ));
    }
    let must_create = |why: &str| {
        format!(
            "PostgreSQL database {} does not exist on {}:{}{why}; create it, e.g. \
             `createdb -h {} -p {} -U <a user who may> {}` (or CREATE DATABASE \"{}\"; in psql), \
             then start again",
            target.database,
            target.host,
            target.port,
            target.host,
            target.port,
            target.database,
            target.database.replace('"', "\"\"")
        )
    };
    if !create_missing {
        return Err(must_create(""));
    }
    let Some(maintenance) = target.maintenance_url(url) else {
        return Err(must_create(""));
    };
    let mut admin = PgConnection::establish(&maintenance).map_err(|e| {
        must_create(&format!(
            " and it could not be created (connecting to database postgres: {})",
            target.scrub(&one_line(&driver_message(&e)))
        ))
    })?;
    let create = format!(
        "CREATE DATABASE \"{}\"",
        target.database.replace('"', "\"\"")
    );
    match admin.batch_execute(&create) {
        Ok(()) => Ok(Prepared::Created),
        // Another process created it meanwhile.
        Err(e) if e.to_string().contains("already exists") => Ok(Prepared::Reached),
        Err(e) => Err(must_create(&format!(
            " and user {} may not create it ({})",
            target.user,
            target.scrub(&one_line(&e.to_string()))
        ))),
    }
}

fn driver_message(e: &ConnectionError) -> String {
    match e {
        ConnectionError::BadConnection(m) => m.clone(),
        ConnectionError::InvalidConnectionUrl(m) => format!("DATABASE_URL is not valid: {m}"),
        other => other.to_string(),
    }
}

/// What to check, from the driver's words.
fn hint(said: &str) -> &'static str {
    let s = said.to_ascii_lowercase();
    if s.contains("password") || s.contains("role") || s.contains("authentication") {
        "check the user name and password in DATABASE_URL (postgres://user:password@host:port/database)"
    } else if s.contains("translate host name") || s.contains("name or service not known") {
        "check the host name in DATABASE_URL"
    } else if s.contains("refused") || s.contains("timed out") || s.contains("no route") {
        "check that PostgreSQL runs there and that the host and port in DATABASE_URL are right"
    } else {
        "check DATABASE_URL (postgres://user:password@host:port/database)"
    }
}

/// libpq's messages span lines with tabs and end with a newline.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_missing_sqlite_folder_is_named() {
        let dir = std::env::temp_dir().join(format!("bss-preflight-{}", crate::ids::new_id()));
        let path = dir.join("nested").join("x.db");
        let err = prepare(&format!("sqlite://{}", path.display()), true).unwrap_err();
        assert!(err.contains("does not exist"), "{err}");
        assert!(
            err.contains(&dir.join("nested").display().to_string()),
            "{err}"
        );
        assert!(err.contains("mkdir -p"), "{err}");
    }

    #[test]
    fn hints_follow_the_driver() {
        assert!(hint("FATAL: password authentication failed for user \"x\"").contains("password"));
        assert!(hint("Connection refused Is the server running").contains("host and port"));
        assert!(hint("could not translate host name \"nohost\"").contains("host name"));
    }
}
