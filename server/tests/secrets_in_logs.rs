//! Secrets never reach the logs: the real binary's stdout and stderr, captured across a session
//! that creates credentials, signs requests, fails signatures, logs in with passwords, uses a
//! token and sends a verification code, hold none of the secrets, passwords, tokens, signatures
//! or codes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::json;
use tests::binary::{Spawned, MASTER_KEY, OPERATOR_SK};
use tests::Client;

const BIN: &str = env!("CARGO_BIN_EXE_partner-bss");

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_secret_is_ever_logged() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("logs.db").display());
    let srv = Spawned::start(BIN, &url, &[]);
    let op = srv.operator();
    let password = "Sup3r-Secret-Passw0rd!";
    let p = op
        .post(
            "/v2/operator/partners",
            json!({"name": "Logs", "account_name": "logs-partner", "partner_type": "DISTRIBUTOR", "country_code": "CN"}),
        )
        .await
        .expect(201, "");
    let pid = p["partner_id"].as_str().unwrap().to_owned();
    let u = op
        .post(
            &format!("/v2/operator/partners/{pid}/users"),
            json!({"user_name": "logs-admin", "roles": ["admin"], "password": password}),
        )
        .await
        .expect(201, "");
    let uid = u["user_id"].as_str().unwrap().to_owned();
    let k = op
        .post(
            &format!("/v2/operator/partners/{pid}/users/{uid}/access-keys"),
            json!({}),
        )
        .await
        .expect(201, "");
    let (ak, sk) = (
        k["access_key"].as_str().unwrap(),
        k["secret_key"].as_str().unwrap(),
    );
    let admin = Client::remote(srv.addr, ak, sk);
    admin
        .get("/v2/partners/projects", &[])
        .await
        .expect(200, "");
    // Wrong secrets, a wrong password, an unknown key.
    let wrong_sk = "this-is-the-wrong-secret-key-0000000000";
    for _ in 0..3 {
        Client::remote(srv.addr, ak, wrong_sk)
            .get("/v2/partners/projects", &[])
            .await
            .expect(401, "APIGW.0301");
    }
    Client::remote(srv.addr, "UNKNOWNACCESSKEY0001", wrong_sk)
        .get("/v2/partners/projects", &[])
        .await
        .expect(401, "APIGW.0301");
    let anon = Client::remote(srv.addr, "", "");
    let wrong_password = "Wrong-Passw0rd-Typed!";
    let r = anon
        .send_raw(
            "POST",
            "/v2/auth/tokens",
            "",
            json!({"user_name": "logs-admin", "password": wrong_password})
                .to_string()
                .into_bytes(),
            "application/json",
        )
        .await;
    assert_eq!(r.status, 401, "{}", r.text);
    let t = anon
        .send_raw(
            "POST",
            "/v2/auth/tokens",
            "",
            json!({"user_name": "logs-admin", "password": password})
                .to_string()
                .into_bytes(),
            "application/json",
        )
        .await;
    assert_eq!(t.status, 200, "{}", t.text);
    let token = t.json()["token"].as_str().unwrap().to_owned();
    let http = reqwest::Client::new();
    let r = http
        .get(format!("http://{}/v2/partners/projects", srv.addr))
        .header("X-Auth-Token", &token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    // A verification code goes to the outbox, never to the log.
    let phone = "13912345678";
    admin
        .post(
            "/v2/bases/verificationcode/send",
            json!({"receiver_type": 1, "mobile_phone": phone}),
        )
        .await
        .expect(204, "");
    let out = op
        .get("/v2/operator/outbox", &[("recipient", phone)])
        .await
        .expect(200, "");
    let content = out["messages"][0]["content"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let code: String = content
        .split(|c: char| !c.is_ascii_digit())
        .find(|w| w.len() == 6)
        .unwrap_or_default()
        .to_owned();
    assert_eq!(code.len(), 6, "{content}");
    // A query string with contact data is not logged either.
    admin
        .get(
            "/v2/partners/sub-customers/invitations",
            &[("association_status", "PENDING")],
        )
        .await
        .expect(200, "");

    let logs = srv.stop();
    assert!(logs.contains("served"), "no access log captured:\n{logs}");
    let mut secrets = vec![
        ("operator secret key", OPERATOR_SK.to_owned()),
        ("master key", MASTER_KEY.to_owned()),
        ("user secret key", sk.to_owned()),
        ("wrong secret key", wrong_sk.to_owned()),
        ("password", password.to_owned()),
        ("wrong password", wrong_password.to_owned()),
        ("token", token.clone()),
        ("verification code", code),
        ("phone number", phone.to_owned()),
        ("signature header", "Signature=".to_owned()),
        ("signature scheme", "SDK-HMAC-SHA256".to_owned()),
    ];
    // The token's signature part alone must not appear either.
    secrets.push((
        "token signature",
        token.rsplit('.').next().unwrap_or_default().to_owned(),
    ));
    let leaked: Vec<_> = secrets
        .iter()
        .filter(|(_, s)| !s.is_empty() && logs.contains(s.as_str()))
        .map(|(what, _)| *what)
        .collect();
    assert!(leaked.is_empty(), "secrets in the logs: {leaked:?}\n{logs}");
    eprintln!(
        "secrets in logs: {} log lines checked for {} secrets, none found",
        logs.lines().count(),
        secrets.len()
    );
}
