//! The master key that seals stored secrets: from BSS_MASTER_KEY, or from a key file that only
//! its owner can read. The default file sits with the data, never in the working directory
//! (starting from another folder must not silently make a new key):
//! - SQLite `dir/name.db` → `dir/name.key`;
//! - PostgreSQL → `$XDG_CONFIG_HOME/partner-bss/<database>@<host>_<port>.key`
//!   (`~/.config/...` when XDG_CONFIG_HOME is unset).
//!
//! A key file is created only while the database holds no sealed secret; afterwards the key
//! must open them, or the server refuses to start.

use crate::secret_file;
use api::auth::{Secret, Vault};
use persistence::pg_url::PgTarget;
use persistence::Backend;
use std::io::Write;
use std::path::{Path, PathBuf};

pub struct MasterKey {
    pub key: Secret<[u8; 32]>,
    /// `BSS_MASTER_KEY` or `key file <path>`, for messages.
    pub source: String,
}

/// Where the key file is when BSS_MASTER_KEY_FILE is not given; `None` for an in-memory
/// SQLite database, whose secrets do not outlive the process.
pub fn default_file(database_url: &str) -> Result<Option<PathBuf>, String> {
    match Backend::from_url(database_url) {
        (Backend::Sqlite, path) if path == ":memory:" || path.starts_with("file:") => Ok(None),
        (Backend::Sqlite, path) => {
            let db = Path::new(&path);
            let stem = db
                .file_stem()
                .map_or_else(|| "partner-bss".into(), |s| s.to_string_lossy());
            Ok(Some(db.with_file_name(format!("{stem}.key"))))
        }
        (Backend::Postgres, _) => {
            let config = std::env::var_os("XDG_CONFIG_HOME")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
                .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))
                .ok_or("no default place for the master key file (HOME is not set): set BSS_MASTER_KEY_FILE or BSS_MASTER_KEY")?;
            let t = PgTarget::parse(database_url);
            let name = format!("{}@{}_{}", t.database, t.host, t.port)
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || "@._-".contains(c) {
                        c
                    } else {
                        '_'
                    }
                })
                .collect::<String>();
            Ok(Some(config.join("partner-bss").join(format!("{name}.key"))))
        }
    }
}

/// Loads the key. A missing file is created only when `may_create` (no sealed secret yet).
pub fn load(
    explicit: Option<&str>,
    file: Option<&Path>,
    may_create: bool,
) -> Result<MasterKey, String> {
    if let Some(k) = explicit {
        let key = Vault::parse_master_key(k)
            .ok_or("BSS_MASTER_KEY must be 64 hex characters or base64 of 32 bytes")?;
        return Ok(MasterKey {
            key,
            source: "BSS_MASTER_KEY".into(),
        });
    }
    let Some(file) = file else {
        return Ok(MasterKey {
            key: Vault::generate_master_key(),
            source: "a key for this process only (in-memory database)".into(),
        });
    };
    let source = format!("key file {}", file.display());
    if file.exists() {
        let text = secret_file::read("master key file", file)?;
        let key = Vault::parse_master_key(&text).ok_or_else(|| {
            format!(
                "master key file {} is malformed: it must hold 64 hex characters or base64 of 32 bytes",
                file.display()
            )
        })?;
        return Ok(MasterKey { key, source });
    }
    if !may_create {
        return Err(format!(
            "master key file {} does not exist, but the database holds secrets sealed with a master \
             key: set BSS_MASTER_KEY_FILE to the key file kept with this database (or BSS_MASTER_KEY \
             to its key); a new key would not open them",
            file.display()
        ));
    }
    let key = create(file)?;
    tracing::info!(
        file = %file.display(),
        "created a new master key file; back it up with the database"
    );
    Ok(MasterKey { key, source })
}

fn create(file: &Path) -> Result<Secret<[u8; 32]>, String> {
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            builder.mode(0o700);
        }
        builder.create(dir).map_err(|e| {
            format!(
                "cannot create folder {} for the master key: {e}",
                dir.display()
            )
        })?;
    }
    let key = Vault::generate_master_key();
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts
        .open(file)
        .map_err(|e| format!("cannot create master key file {}: {e}", file.display()))?;
    let hex: String = key.expose().iter().map(|b| format!("{b:02x}")).collect();
    writeln!(f, "{hex}").map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    Ok(key)
}

/// Refuses a key that does not open the stored secrets: every signed call would fail with 500
/// while the server looks healthy.
pub fn check_opens(vault: &Vault, sealed: Option<&str>, source: &str) -> Result<(), String> {
    match sealed {
        Some(s) if vault.open(s).is_err() => Err(format!(
            "the stored secrets do not open with the master key from {source}: this database was set \
             up with another key. Start with that key (BSS_MASTER_KEY_FILE=<its file> or \
             BSS_MASTER_KEY); if it is lost, the stored access keys cannot be recovered and must be \
             issued again on a new database"
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_default_file_sits_with_the_data() {
        assert_eq!(
            default_file("sqlite:///var/lib/bss/partner-bss.db").unwrap(),
            Some(PathBuf::from("/var/lib/bss/partner-bss.key"))
        );
        assert_eq!(
            default_file("sqlite://data/x.sqlite").unwrap(),
            Some(PathBuf::from("data/x.key"))
        );
        assert_eq!(default_file("sqlite://:memory:").unwrap(), None);
        let pg = default_file("postgres://u:pw@db.example:5433/bss")
            .unwrap()
            .unwrap();
        assert!(
            pg.ends_with("partner-bss/bss@db.example_5433.key"),
            "{}",
            pg.display()
        );
        assert!(!pg.display().to_string().contains("pw"));
    }

    #[test]
    fn a_missing_file_is_not_replaced_once_secrets_exist() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("sub").join("k.key");
        let err = load(None, Some(&file), false).err().unwrap();
        assert!(
            err.contains("does not exist") && err.contains("BSS_MASTER_KEY_FILE"),
            "{err}"
        );
        assert!(!file.exists());
        let made = load(None, Some(&file), true).unwrap();
        let again = load(None, Some(&file), false).unwrap();
        assert_eq!(made.key, again.key);
    }

    #[test]
    fn a_wrong_key_is_named() {
        let right = Vault::new(&Vault::generate_master_key());
        let wrong = Vault::new(&Vault::generate_master_key());
        let sealed = right.seal("sk").unwrap();
        assert!(check_opens(&right, Some(&sealed), "x").is_ok());
        let err = check_opens(&wrong, Some(&sealed), "key file /k").unwrap_err();
        assert!(err.contains("key file /k"), "{err}");
        assert!(check_opens(&wrong, None, "x").is_ok());
    }
}
