//! Database connection failures of the real binary say the driver's cause, the host, database
//! and user (never the password) and what to do; `serve` and `migrate` create a missing
//! PostgreSQL database when the user may, and otherwise say that it must be created.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;
use tests::binary::Spawned;
use tests::db::{pg_admin, pg_host_port, TestDb};

const BIN: &str = env!("CARGO_BIN_EXE_partner-bss");

/// Runs `partner-bss <command>` on `url`; (success, stdout, stderr).
fn run(command: &str, url: &str) -> (bool, String, String) {
    let mut cmd = Command::new(BIN);
    cmd.arg(command);
    if command == "serve" {
        cmd.args(["--listen", "127.0.0.1:0"]);
    }
    let out = cmd
        .env("DATABASE_URL", url)
        .env("BSS_MASTER_KEY", tests::binary::MASTER_KEY)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn assert_clear(err: &str, must: &[&str]) {
    for m in must {
        assert!(err.contains(m), "{m:?} missing from:\n{err}");
    }
    assert!(!err.contains("multiconnection"), "{err}");
}

#[test]
fn a_refused_port_names_the_target_and_the_cause_but_not_the_password() {
    let url = "postgres://postgres:Pr1vate-Passw0rd@127.0.0.1:1/partner_bss";
    for command in ["migrate", "serve", "verify-ledger"] {
        let (ok, _, err) = run(command, url);
        assert!(!ok, "{command} started on a closed port");
        assert_clear(
            &err,
            &[
                "127.0.0.1:1",
                "partner_bss",
                "user postgres",
                "refused",
                "DATABASE_URL",
            ],
        );
        assert!(
            !err.contains("Pr1vate-Passw0rd"),
            "{command} printed the password:\n{err}"
        );
    }
}

#[test]
fn an_unknown_user_is_named_with_what_to_check() {
    let user = format!("nobody_{}", &uuid_like()[..12]);
    let url = format!("postgres://{user}:pw-not-shown@{}/postgres", pg_host_port());
    let (ok, _, err) = run("migrate", &url);
    assert!(!ok);
    assert_clear(&err, &[&user, "user name and password"]);
    assert!(!err.contains("pw-not-shown"), "{err}");
}

#[test]
fn migrate_creates_a_missing_database() {
    let db = TestDb::postgres_not_created();
    let (ok, out, err) = run("migrate", &db.url);
    assert!(ok, "{out}{err}");
    assert!(
        out.contains(&format!(
            "created PostgreSQL database {}",
            db.pg_name().unwrap()
        )),
        "{out}"
    );
    let (ok, out, err) = run("migrate", &db.url);
    assert!(ok && !out.contains("created PostgreSQL"), "{out}{err}");
}

#[test]
fn serve_creates_a_missing_database() {
    let db = TestDb::postgres_not_created();
    let srv = Spawned::start(BIN, &db.url, &[]);
    assert!(
        srv.stdout().contains("created PostgreSQL database"),
        "{}",
        srv.output()
    );
}

#[test]
fn a_user_who_may_not_create_the_database_is_told_to_create_it() {
    let role = format!("bss_nocreate_{}", &uuid_like()[..12]);
    pg_admin(&format!("CREATE ROLE {role} LOGIN NOCREATEDB"));
    let db = TestDb::postgres_not_created();
    let name = db.pg_name().unwrap().to_owned();
    let url = format!("postgres://{role}@{}/{name}", pg_host_port());
    let (ok, _, err) = run("migrate", &url);
    pg_admin(&format!("DROP ROLE {role}"));
    assert!(!ok);
    assert_clear(
        &err,
        &[
            &name,
            "does not exist",
            &format!("user {role} may not create it"),
            "createdb",
        ],
    );
}

#[test]
fn a_sqlite_file_in_a_missing_folder_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("not-there");
    let url = format!("sqlite://{}", folder.join("bss.db").display());
    let (ok, _, err) = run("serve", &url);
    assert!(!ok);
    assert_clear(
        &err,
        &[&folder.display().to_string(), "does not exist", "mkdir -p"],
    );
}

/// A unique suffix for names in the shared cluster.
fn uuid_like() -> String {
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("{:x}{:08x}", t, std::process::id())
}
