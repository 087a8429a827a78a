//! The master key of the real binary: the default key file sits beside the SQLite database
//! whatever the working directory; a key that does not open the stored secrets, a lost key
//! file and a key file others can read each stop the start with a message naming the file and
//! what to do.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;
use tests::binary::Spawned;

const BIN: &str = env!("CARGO_BIN_EXE_partner-bss");

/// `serve` on `db` from the working directory `cwd`, with no key given and no operator
/// credential in the environment (so one is generated and stored, sealed).
fn serve(db: &Path, cwd: &Path) -> Command {
    let mut cmd = Spawned::command(BIN, &format!("sqlite://{}", db.display()));
    cmd.env_remove("BSS_MASTER_KEY")
        .env_remove("BSS_OPERATOR_AK")
        .env_remove("BSS_OPERATOR_SK")
        .current_dir(cwd);
    cmd
}

/// Runs a `serve` that must refuse to start; its stderr.
fn refused(mut cmd: Command) -> String {
    let out = cmd.output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "started:\n{err}");
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains("listening"),
        "{err}"
    );
    err
}

struct Setup {
    _dirs: Vec<tempfile::TempDir>,
    db: std::path::PathBuf,
    key: std::path::PathBuf,
    elsewhere: std::path::PathBuf,
}

/// A database that holds a sealed secret, started once from an unrelated folder.
fn started_once() -> Setup {
    let data = tempfile::tempdir().unwrap();
    let cwd = tempfile::tempdir().unwrap();
    let db = data.path().join("bss.db");
    let srv = Spawned::start_command(serve(&db, cwd.path()));
    assert!(
        srv.stdout().contains("BSS_OPERATOR_SK="),
        "{}",
        srv.output()
    );
    srv.stop();
    Setup {
        key: data.path().join("bss.key"),
        elsewhere: cwd.path().to_owned(),
        db,
        _dirs: vec![data, cwd],
    }
}

#[test]
fn the_default_key_file_sits_beside_the_database_whatever_the_working_directory() {
    let s = started_once();
    let mode = std::fs::metadata(&s.key).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    assert_eq!(std::fs::read_dir(&s.elsewhere).unwrap().count(), 0);
    // From yet another folder: the same key, the secrets open, no new credential is made.
    let other = tempfile::tempdir().unwrap();
    let srv = Spawned::start_command(serve(&s.db, other.path()));
    assert!(!srv.stdout().contains("BSS_OPERATOR_SK="));
    srv.stop();
}

#[test]
fn a_key_that_does_not_open_the_stored_secrets_is_refused() {
    let s = started_once();
    std::fs::write(&s.key, format!("{}\n", "ab".repeat(32))).unwrap();
    let err = refused(serve(&s.db, &s.elsewhere));
    assert!(err.contains("do not open"), "{err}");
    assert!(err.contains(&s.key.display().to_string()), "{err}");
    let mut with_env = serve(&s.db, &s.elsewhere);
    with_env.env("BSS_MASTER_KEY", "cd".repeat(32));
    let err = refused(with_env);
    assert!(
        err.contains("do not open") && err.contains("BSS_MASTER_KEY"),
        "{err}"
    );
}

#[test]
fn a_lost_key_file_is_not_silently_replaced() {
    let s = started_once();
    std::fs::remove_file(&s.key).unwrap();
    let err = refused(serve(&s.db, &s.elsewhere));
    assert!(err.contains("does not exist"), "{err}");
    assert!(err.contains("BSS_MASTER_KEY_FILE"), "{err}");
    assert!(!s.key.exists(), "a new key was written");
}

#[test]
fn a_key_file_others_can_read_is_refused() {
    let s = started_once();
    std::fs::set_permissions(&s.key, std::fs::Permissions::from_mode(0o644)).unwrap();
    let err = refused(serve(&s.db, &s.elsewhere));
    assert!(
        err.contains(&format!("chmod 600 {}", s.key.display())),
        "{err}"
    );
}
