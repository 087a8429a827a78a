//! What the real binary writes where: the port is bound before the one-time credential is
//! made; logs go to stderr, without colour when not on a terminal, every line JSON with
//! `--log-json`; stdout has only the credential, the demo banner and the address. Boolean
//! variables take 1/yes/true; one version in `--version`, the logs, `/healthz` and the
//! OpenAPI document.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;
use tests::binary::Spawned;

const BIN: &str = env!("CARGO_BIN_EXE_partner-bss");
const VERSION: &str = env!("CARGO_PKG_VERSION");

fn sqlite(dir: &tempfile::TempDir) -> String {
    format!("sqlite://{}", dir.path().join("out.db").display())
}

#[test]
fn the_one_time_credential_waits_for_the_port() {
    let dir = tempfile::tempdir().unwrap();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let out = Command::new(BIN)
        .args([
            "serve",
            "--listen",
            &taken.local_addr().unwrap().to_string(),
        ])
        .env("DATABASE_URL", sqlite(&dir))
        .env("BSS_MASTER_KEY", tests::binary::MASTER_KEY)
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(!out.status.success());
    assert!(stderr.contains("cannot listen on"), "{stderr}");
    assert!(!stdout.contains("BSS_OPERATOR_SK"), "{stdout}");
    // On a free port the credential is created now, not lost with the failed start.
    let mut cmd = Spawned::command(BIN, &sqlite(&dir));
    cmd.env_remove("BSS_OPERATOR_AK")
        .env_remove("BSS_OPERATOR_SK");
    let srv = Spawned::start_command(cmd);
    let stdout = srv.stdout();
    let created = stdout.find("BSS_OPERATOR_SK=").expect("credential printed");
    assert!(created < stdout.find("listening").unwrap(), "{stdout}");
    assert!(!srv.stderr().contains("BSS_OPERATOR_SK"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_logs_are_json_on_stderr_and_stdout_holds_no_log() {
    let dir = tempfile::tempdir().unwrap();
    let srv = Spawned::start(
        BIN,
        &sqlite(&dir),
        &[("BSS_LOG_JSON", "1"), ("BSS_DEMO", "yes")],
    );
    let health = reqwest::get(format!("http://{}/healthz", srv.addr))
        .await
        .unwrap();
    assert_eq!(health.status().as_u16(), 200);
    let (stdout, stderr) = srv.stop_split();
    let mut lines = 0;
    for line in stderr.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {line}\n{stderr}"));
        assert!(v.get("level").is_some(), "{line}");
        lines += 1;
    }
    assert!(lines >= 3 && stderr.contains("listening"), "{stderr}");
    assert!(
        stdout.contains("Demo credentials"),
        "BSS_DEMO=yes:\n{stdout}"
    );
    assert!(stdout.contains("listening on http://"), "{stdout}");
    assert!(!stdout.contains("\"level\""), "logs on stdout:\n{stdout}");
}

#[test]
fn text_logs_go_to_stderr_without_colour_when_not_on_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let srv = Spawned::start(BIN, &sqlite(&dir), &[("BSS_LOG_JSON", "no")]);
    let (stdout, stderr) = srv.stop_split();
    assert!(
        stderr.contains("INFO") && stderr.contains("database ready"),
        "{stderr}"
    );
    assert!(
        !stderr.contains('\u{1b}'),
        "colour codes in a pipe:\n{stderr:?}"
    );
    assert!(!stdout.contains("INFO"), "logs on stdout:\n{stdout}");
}

#[test]
fn a_fatal_error_is_a_json_line_too() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("missing/x.db").display());
    let out = Command::new(BIN)
        .args(["serve", "--log-json"])
        .env("DATABASE_URL", url)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    for line in stderr.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
        assert!(v.get("level").is_some(), "{line}");
    }
    assert!(stderr.contains("does not exist"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_version_everywhere() {
    let out = Command::new(BIN).arg("--version").output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("partner-bss {VERSION}")
    );
    let dir = tempfile::tempdir().unwrap();
    let srv = Spawned::start(BIN, &sqlite(&dir), &[]);
    let base = format!("http://{}", srv.addr);
    let health: serde_json::Value = reqwest::get(format!("{base}/healthz"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(health["version"], VERSION);
    let doc: serde_json::Value = reqwest::get(format!("{base}/openapi.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(doc["info"]["version"], VERSION);
    let logs = srv.stop();
    assert!(
        logs.contains(&format!("version=\"{VERSION}\"")),
        "version not logged at start:\n{logs}"
    );
}
