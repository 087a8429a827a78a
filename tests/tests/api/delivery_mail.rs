//! #21 e-mail: outbox messages of the EMAIL channel go out over SMTP to a real server on
//! loopback (multipart text + HTML, in the recipient's language), whose link and code complete
//! the invitation; without SMTP the operator's view says why nothing was sent; a failing
//! server leaves the message pending with attempts and a backoff, and it goes out once the
//! server is up.

use api::delivery::outbox::{OutboxWorker, Sender};
use api::delivery::smtp::{SmtpSender, SmtpSettings};
use api::ApiConfig;
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::Duration;
use tests::channel::{code_for, customer_with, org, phone, Org};
use tests::fixtures::unique;
use tests::invitations::CUSTOMER_INVITATIONS;
use tests::server::{NowTs, Options};
use tests::smtp_sink::{closed_port, SmtpSink};
use tests::{Backend, TestServer};

const OUTBOX: &str = "/v2/operator/outbox";

fn mailer(srv: &TestServer, url: &str) -> OutboxWorker {
    let settings = SmtpSettings {
        url: url.to_owned(),
        from: "Partner BSS <no-reply@bss.test>".to_owned(),
    };
    let smtp: Arc<dyn Sender> =
        Arc::new(SmtpSender::new(&settings, Duration::from_secs(5)).unwrap());
    OutboxWorker::new(srv.db.clone(), Arc::new(srv.clock.clone()), vec![smtp])
}

async fn start(backend: Backend, smtp: bool) -> TestServer {
    let mut opts = Options::default();
    if smtp {
        opts.config = ApiConfig {
            outbox_channels: vec!["EMAIL"],
            ..opts.config
        };
    }
    TestServer::start_with(backend, opts).await
}

/// Invites `to` by e-mail as `p`; returns the code the API answered.
async fn invite(p: &Org, to: &str) -> String {
    let v = p
        .client()
        .post(
            CUSTOMER_INVITATIONS,
            json!({"email": to, "association_type": "2"}),
        )
        .await
        .expect(201, "");
    v["invitation_code"].as_str().unwrap().to_owned()
}

async fn outbox_of(srv: &TestServer, to: &str) -> Value {
    let v = srv
        .operator()
        .get(OUTBOX, &[("recipient", to)])
        .await
        .expect(200, "");
    assert_eq!(v["total_count"], 1, "{v}");
    v["messages"][0].clone()
}

/// The subject, text and HTML parts of a received message.
fn parts(data: &str) -> (String, String, String) {
    let m = mailparse::parse_mail(data.as_bytes()).unwrap();
    let subject = m
        .headers
        .iter()
        .find(|h| h.get_key().eq_ignore_ascii_case("subject"))
        .map(|h| h.get_value())
        .unwrap();
    assert_eq!(m.ctype.mimetype, "multipart/alternative");
    let body = |t: &str| {
        m.subparts
            .iter()
            .find(|p| p.ctype.mimetype == t)
            .map(|p| p.get_body().unwrap())
            .unwrap()
    };
    (subject, body("text/plain"), body("text/html"))
}

/// The word after `label` on its line.
fn after(text: &str, label: &str) -> String {
    let line = text.lines().find(|l| l.contains(label)).unwrap();
    let rest = &line[line.find(label).unwrap() + label.len()..];
    rest.split_whitespace().next().unwrap().to_owned()
}

async fn drain(w: &OutboxWorker) -> usize {
    w.drain_once().await.unwrap()
}

mod invitation_mail_over_smtp {
    use super::*;

    async fn run(backend: Backend) {
        let srv = start(backend, true).await;
        let sink = SmtpSink::start().await;
        let w = mailer(&srv, &sink.url());
        let p = org(&srv, "RESELLER").await;
        let to = format!("{}@example.com", unique("cust"));
        let customer = customer_with(&srv, json!({ "email": to })).await;
        let code = invite(&p, &to).await;
        let msg = outbox_of(&srv, &to).await;
        assert_eq!(msg["status"], "PENDING", "{msg}");
        assert!(msg["unsent_reason"].is_null());
        assert_eq!(drain(&w).await, 1);
        assert_eq!(drain(&w).await, 0, "sent once");
        let got = sink.received();
        assert_eq!(got.len(), 1);
        assert!(got[0].to[0].contains(&to), "{:?}", got[0].to);
        // zh-CN by default; the link and code in the text work.
        let (subject, text, html) = parts(&got[0].data);
        assert!(subject.contains("邀请"), "{subject}");
        let mailed = after(&text, "邀请码：");
        assert_eq!(mailed, code);
        assert!(html.contains(&code) && html.contains("<a href="), "{html}");
        let link = after(&text, "POST ");
        assert!(
            link.starts_with("http://") && link.ends_with("/accept"),
            "{link}"
        );
        let path = &link[link.find("/v2/").unwrap()..];
        assert!(path.contains(&mailed));
        customer.client.post(path, json!({})).await.expect(204, "");
        let msg = outbox_of(&srv, &to).await;
        assert_eq!(
            (msg["status"].as_str(), msg["attempts"].as_i64()),
            (Some("SENT"), Some(1))
        );
        assert!(msg["sent_time"].is_string() && msg["next_attempt_time"].is_null());
        // An admin who reads English gets the English template.
        let me = format!("/v2/partners/users/{}", p.admin.id);
        let v = p
            .client()
            .put(&me, json!({"language": "en"}))
            .await
            .expect(200, "");
        assert_eq!(v["language"], "en");
        assert_eq!(
            p.client().get(&me, &[]).await.expect(200, "")["language"],
            "en"
        );
        p.client()
            .put(&me, json!({"language": "fr"}))
            .await
            .expect(400, "");
        let to_en = format!("{}@example.com", unique("en"));
        let code = invite(&p, &to_en).await;
        assert_eq!(drain(&w).await, 1);
        let got = sink.received();
        let (subject, text, _) = parts(&got[1].data);
        assert!(subject.contains("invites you"), "{subject}");
        assert_eq!(after(&text, "Invitation code: "), code);
        srv.stop().await;
    }

    tests::run_on_both_backends!(run);
}

mod without_smtp_the_outbox_says_why {
    use super::*;

    async fn run(backend: Backend) {
        let srv = start(backend, false).await;
        let p = org(&srv, "RESELLER").await;
        let to = format!("{}@example.com", unique("cust"));
        invite(&p, &to).await;
        let msg = outbox_of(&srv, &to).await;
        assert_eq!(msg["status"], "UNSENT", "{msg}");
        assert_eq!(
            msg["unsent_reason"],
            "no SMTP server configured (BSS_SMTP_URL)"
        );
        assert_eq!(msg["attempts"], 0);
        assert!(msg["subject"].is_string() && msg["content"].is_string());
        let mobile = phone();
        code_for(&srv, p.client(), &mobile).await;
        let sms = outbox_of(&srv, &mobile).await;
        assert_eq!(sms["status"], "UNSENT");
        assert_eq!(
            sms["unsent_reason"],
            "no SMS gateway configured (BSS_SMS_GATEWAY_URL)"
        );
        srv.stop().await;
    }

    tests::run_on_both_backends!(run);
}

mod a_failing_smtp_server_is_retried {
    use super::*;

    async fn run(backend: Backend) {
        let srv = start(backend, true).await;
        let port = closed_port();
        let w = mailer(&srv, &format!("smtp://user:s3cr3tpw@127.0.0.1:{port}"));
        let p = org(&srv, "RESELLER").await;
        let to = format!("{}@example.com", unique("cust"));
        invite(&p, &to).await;
        assert_eq!(drain(&w).await, 1);
        let msg = outbox_of(&srv, &to).await;
        assert_eq!(
            (msg["status"].as_str(), msg["attempts"].as_i64()),
            (Some("PENDING"), Some(1))
        );
        let err = msg["last_error"].as_str().unwrap();
        assert!(!err.is_empty() && !err.contains("s3cr3tpw"), "{err}");
        let next = chrono::DateTime::parse_from_rfc3339(msg["next_attempt_time"].as_str().unwrap())
            .unwrap()
            .timestamp();
        let now = srv.clock.now_ts();
        assert!(next > now && next <= now + 60, "{next} vs {now}");
        // Not due yet: nothing is taken.
        assert_eq!(drain(&w).await, 0);
        // A second failure backs off further.
        srv.clock.advance(chrono::Duration::seconds(61));
        assert_eq!(drain(&w).await, 1);
        let msg = outbox_of(&srv, &to).await;
        assert_eq!(
            (msg["status"].as_str(), msg["attempts"].as_i64()),
            (Some("PENDING"), Some(2))
        );
        let later =
            chrono::DateTime::parse_from_rfc3339(msg["next_attempt_time"].as_str().unwrap())
                .unwrap()
                .timestamp();
        assert!(later - srv.clock.now_ts() > 30, "backoff grows");
        // The server comes up on that port; the next due attempt delivers.
        let sink = SmtpSink::on(port).await;
        srv.clock.advance(chrono::Duration::seconds(600));
        let mut sent = 0;
        for _ in 0..5 {
            sent += drain(&w).await;
            if !sink.received().is_empty() {
                break;
            }
        }
        let msg = outbox_of(&srv, &to).await;
        assert_eq!(sent, 1, "{msg} now {}", srv.clock.now_ts());
        assert_eq!(sink.received().len(), 1);
        let msg = outbox_of(&srv, &to).await;
        assert_eq!(
            (msg["status"].as_str(), msg["attempts"].as_i64()),
            (Some("SENT"), Some(3))
        );
        srv.stop().await;
    }

    tests::run_on_both_backends!(run);
}

/// SMS go through the gateway: a verification code reaches the stub signed, and the outbox
/// shows it sent once.
mod verification_codes_over_the_sms_gateway {
    use super::*;
    use api::delivery::gateway::{GatewayConfig, GatewaySecret, SmsSender};
    use tests::gateway_stub::{verify, GatewayStub};

    const SECRET: &str = "test-gateway-secret-0123456789";

    async fn run(backend: Backend) {
        let mut opts = Options::default();
        opts.config = ApiConfig {
            outbox_channels: vec!["SMS"],
            ..opts.config
        };
        let srv = TestServer::start_with(backend, opts).await;
        let stub = GatewayStub::start().await;
        let config = GatewayConfig {
            sms_url: Some(format!("{}/sms", stub.base)),
            secret: Some(GatewaySecret::new(SECRET).unwrap()),
            ..GatewayConfig::default()
        };
        let sms: Arc<dyn Sender> = Arc::new(SmsSender::new(config).unwrap());
        let w = OutboxWorker::new(srv.db.clone(), Arc::new(srv.clock.clone()), vec![sms]);
        let p = org(&srv, "RESELLER").await;
        let mobile = phone();
        let code = code_for(&srv, p.client(), &mobile).await;
        assert_eq!(outbox_of(&srv, &mobile).await["status"], "PENDING");
        assert_eq!(drain(&w).await, 1);
        assert_eq!(drain(&w).await, 0, "sent once");
        let seen = stub.seen();
        assert_eq!(seen.len(), 1);
        assert!(verify(SECRET, &seen[0]), "bad signature: {:?}", seen[0]);
        assert_eq!(seen[0].path, "/sms");
        assert!(
            seen[0].body.contains(&mobile) && seen[0].body.contains(&code),
            "{}",
            seen[0].body
        );
        let msg = outbox_of(&srv, &mobile).await;
        assert_eq!(
            (msg["status"].as_str(), msg["attempts"].as_i64()),
            (Some("SENT"), Some(1)),
            "{msg}"
        );
        stub.stop().await;
        srv.stop().await;
    }

    tests::run_on_both_backends!(run);
}
