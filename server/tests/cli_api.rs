//! `partner-bss api`: signs with BSS_AK/BSS_SK from the environment like the SDK (the server
//! verifies it), prints the answer to stdout and the status with the request id to stderr,
//! and exits non-zero on an error answer.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::{Command, Output};
use tests::binary::{Spawned, OPERATOR_AK, OPERATOR_SK};

const BIN: &str = env!("CARGO_BIN_EXE_partner-bss");

fn api(srv: &Spawned, ak: &str, sk: &str, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("api")
        .args(args)
        .env("BSS_ENDPOINT", format!("http://{}", srv.addr))
        .env("BSS_AK", ak)
        .env("BSS_SK", sk)
        .env_remove("BSS_DOMAIN_ID")
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn signed_calls_print_the_answer_and_report_status_and_request_id() {
    let dir = tempfile::tempdir().unwrap();
    let srv = Spawned::start(
        BIN,
        &format!("sqlite://{}", dir.path().join("cli.db").display()),
        &[],
    );
    let op = |args: &[&str]| api(&srv, OPERATOR_AK, OPERATOR_SK, args);

    let out = op(&[
        "POST",
        "/v2/operator/partners",
        "--data",
        r#"{"name": "Cli Ltd.", "account_name": "cli-partner", "partner_type": "DISTRIBUTOR", "country_code": "CN"}"#,
        "--field",
        "partner_id",
    ]);
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert!(out.status.success(), "{stdout}{stderr}");
    let partner = stdout.trim().to_owned();
    assert_eq!(partner.len(), 32, "only the field is printed: {stdout:?}");
    assert!(stderr.contains("201 Created"), "{stderr}");
    let rid = stderr.split("request id ").nth(1).unwrap_or("").trim();
    assert_eq!(rid.len(), 32, "{stderr}");

    // The whole answer as JSON; the path's segment and query values signed as the SDK does.
    let out = op(&["GET", &format!("/v2/operator/partners/{partner}")]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["account_name"], "cli-partner");
    let out = op(&[
        "GET",
        "/v2/operator/outbox?limit=5",
        "--query",
        "recipient=a b+c/ü@example.com",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["total_count"], 0);

    // An error answer: its body on stdout, the status on stderr, a failing exit.
    let out = op(&["GET", "/v2/operator/partners/no-such-partner"]);
    assert!(!out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["error_code"], "CBC.99100002");
    assert!(text(&out.stderr).contains("404"), "{}", text(&out.stderr));
    // With --field nothing is captured from an error answer.
    let out = op(&["GET", "/v2/operator/partners/no-such", "--field", "name"]);
    assert!(!out.status.success() && out.stdout.is_empty());

    let out = api(
        &srv,
        OPERATOR_AK,
        "a-wrong-secret-key-0000",
        &["GET", "/v2/operator/outbox"],
    );
    assert!(!out.status.success());
    assert!(
        text(&out.stdout).contains("APIGW.0301"),
        "{}",
        text(&out.stdout)
    );

    let out = op(&["POST", "/v2/operator/partners", "--data", "{not json"]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("--data is not JSON"));
    srv.stop();
}

#[test]
fn without_a_credential_it_says_which_variables_to_set() {
    let out = Command::new(BIN)
        .args(["api", "GET", "/v2/operator/outbox"])
        .env_remove("BSS_AK")
        .env_remove("BSS_SK")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("set BSS_AK and BSS_SK"));
}
