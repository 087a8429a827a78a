//! The README's copy-paste blocks run as written against the real binary: the demo
//! walkthrough (fund a customer, issue a voucher, pay the demo order with it, read the
//! records), after which the demo banner says the order is paid, and the operator set-up in
//! three lines. A block is the ```bash fence after its `<!-- tested by … : name -->` line.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};
use tests::binary::{Spawned, OPERATOR_AK, OPERATOR_SK};

const BIN: &str = env!("CARGO_BIN_EXE_partner-bss");

fn block(name: &str) -> String {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md"))
            .unwrap();
    let marker = format!("server/tests/readme_commands.rs: {name} -->");
    let after = readme
        .split_once(&marker)
        .unwrap_or_else(|| panic!("README has no block {name}"))
        .1;
    let body = after.split_once("```bash\n").unwrap().1;
    body.split_once("\n```").unwrap().0.to_owned()
}

/// Runs `script` with bash, stopping at the first failing command, `partner-bss` on PATH.
fn run(script: &str, srv: &Spawned, env: &[(&str, &str)]) -> Output {
    let bin_dir = Path::new(BIN).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut cmd = Command::new("bash");
    cmd.args(["-euo", "pipefail", "-c", script])
        .env("PATH", path)
        .env("BSS_ENDPOINT", format!("http://{}", srv.addr))
        .env_remove("BSS_DOMAIN_ID");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn sqlite(dir: &tempfile::TempDir) -> String {
    format!("sqlite://{}", dir.path().join("readme.db").display())
}

#[test]
fn the_demo_walkthrough_runs_as_written_and_the_banner_follows() {
    let dir = tempfile::tempdir().unwrap();
    let srv = Spawned::start(BIN, &sqlite(&dir), &[("BSS_DEMO", "1")]);
    assert!(
        srv.stdout().contains("is waiting for payment"),
        "{}",
        srv.stdout()
    );
    let out = run(&block("demo-walkthrough"), &srv, &[]);
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(
        out.status.success(),
        "walkthrough failed:\n{stdout}\n{stderr}"
    );
    assert!(
        stderr.contains("POST /v3/orders/customer-orders/pay: 204"),
        "{stderr}"
    );
    for shown in [
        "\"status\": 5",
        "\"status\": 3",
        "\"coupon_amount\": 20.00",
        "\"change_amount\": \"100.00\"",
    ] {
        assert!(stdout.contains(shown), "{shown} not in:\n{stdout}");
    }
    srv.stop();
    // The banner of the next start tells the truth about the order.
    let again = Spawned::start(BIN, &sqlite(&dir), &[("BSS_DEMO", "true")]);
    let banner = again.stdout();
    assert!(
        banner.contains("CSDEMO000000000000000001 of demo-customer-a (120.00 CNY) is paid"),
        "{banner}"
    );
    assert!(!banner.contains("waiting for payment"), "{banner}");
    assert!(banner.contains("cash 150.00 CNY"), "{banner}");
}

#[test]
fn the_operator_set_up_runs_in_three_lines() {
    let script = block("operator-setup");
    assert_eq!(script.lines().count(), 3, "{script}");
    let dir = tempfile::tempdir().unwrap();
    let srv = Spawned::start(BIN, &sqlite(&dir), &[]);
    let out = run(
        &script,
        &srv,
        &[("BSS_AK", OPERATOR_AK), ("BSS_SK", OPERATOR_SK)],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let key: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(key["access_key"].as_str().unwrap().len(), 20, "{stdout}");
    assert!(key["secret_key"].as_str().is_some(), "{stdout}");
}
