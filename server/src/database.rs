//! Opening the database for a command: the driver's own message at once when it cannot be
//! reached, and (for `serve` and `migrate`) a missing PostgreSQL database created.

use crate::args::DbArgs;
use crate::secret_file;
use persistence::pg_url::PgTarget;
use persistence::preflight::{self, Prepared};
use persistence::{Db, DbConfig};
use std::path::Path;

pub fn open(args: &DbArgs, create_missing: bool) -> Result<Db, String> {
    let config = args.config()?;
    if preflight::prepare(&config.url, create_missing)? == Prepared::Created {
        let target = PgTarget::parse(&config.url);
        tracing::info!(
            database = %target.database,
            host = %target.host,
            "created the missing PostgreSQL database"
        );
        println!("created PostgreSQL {}", target.describe());
    }
    Db::connect(&config).map_err(|e| e.to_string())
}

pub fn migrate(db: &Db) -> Result<usize, String> {
    let mut conn = db.connection().map_err(|e| e.to_string())?;
    persistence::migrations::run(&mut conn).map_err(|e| e.to_string())
}

/// `postgres://user@host/db` with the password from `file` put in (percent-encoded).
pub fn with_password(url: &str, file: &Path) -> Result<String, String> {
    let scheme_end = url
        .find("://")
        .filter(|_| url.starts_with("postgres"))
        .ok_or("BSS_DATABASE_PASSWORD_FILE needs a postgres:// DATABASE_URL")?
        + 3;
    let password = secret_file::read("database password file", file)?;
    let rest = &url[scheme_end..];
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let Some(at) = rest[..authority_end].rfind('@') else {
        return Err(
            "BSS_DATABASE_PASSWORD_FILE needs a user in DATABASE_URL (postgres://user@host/db)"
                .into(),
        );
    };
    if rest[..at].contains(':') {
        return Err("DATABASE_URL has a password already; leave it out when BSS_DATABASE_PASSWORD_FILE is set".into());
    }
    let encoded: String = password
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    Ok(format!(
        "{}{}:{encoded}{}",
        &url[..scheme_end],
        &rest[..at],
        &rest[at..]
    ))
}

#[cfg(all(test, unix))]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn the_password_file_goes_into_the_url() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("pw");
        std::fs::write(&file, "p@ss word\n").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o400)).unwrap();
        assert_eq!(
            with_password("postgres://bss@db:5432/partner_bss", &file).unwrap(),
            "postgres://bss:p%40ss%20word@db:5432/partner_bss"
        );
        assert!(with_password("postgres://bss:x@db/p", &file).is_err());
        assert!(with_password("sqlite://x.db", &file).is_err());
    }
}

/// The database settings the arguments give (the password read from its file).
impl DbArgs {
    pub fn config(&self) -> Result<DbConfig, String> {
        let url = match &self.database_password_file {
            Some(file) => with_password(&self.database_url, file)?,
            None => self.database_url.clone(),
        };
        let mut c = DbConfig::new(url);
        if let Some(n) = self.pool_size {
            c.pool_size = n.clamp(1, 256);
        }
        if let Some(n) = self.reads_per_worker {
            c.reads_per_thread = n.clamp(1, 64);
        }
        Ok(c)
    }
}
