//! The master key that seals stored secrets: from BSS_MASTER_KEY, or a key file created with
//! owner-only permissions on first start.

use api::auth::{Secret, Vault};
use std::io::Write;

pub fn load(explicit: Option<&str>, file: &str) -> Result<Secret<[u8; 32]>, String> {
    if let Some(k) = explicit {
        return Vault::parse_master_key(k).ok_or_else(|| {
            "BSS_MASTER_KEY must be 64 hex characters or base64 of 32 bytes".into()
        });
    }
    match std::fs::read_to_string(file) {
        Ok(text) => Vault::parse_master_key(&text)
            .ok_or_else(|| format!("master key file {file} is malformed")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
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
                .map_err(|e| format!("cannot create master key file {file}: {e}"))?;
            let hex: String = key.expose().iter().map(|b| format!("{b:02x}")).collect();
            writeln!(f, "{hex}").map_err(|e| format!("cannot write {file}: {e}"))?;
            tracing::info!(
                file,
                "created a new master key file; keep it with the database"
            );
            Ok(key)
        }
        Err(e) => Err(format!("cannot read master key file {file}: {e}")),
    }
}
