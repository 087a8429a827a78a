//! S16 outbound calls through the voice gateway (#21): a real gateway stub on loopback gets a
//! signed bridge request holding the lead's number, which no answer to the partner holds; the
//! gateway's signed callback is recorded on the call and its follow-up, once; unsigned, stale
//! or wrongly signed callbacks answer 401; without a gateway the call is refused. The SMS
//! client sends a signed request to the same stub.

use api::delivery::gateway::{Gateway, GatewayConfig, GatewaySecret};
use api::ApiConfig;
use serde_json::{json, Value};
use std::time::Duration;
use tests::fixtures_opportunities::{contact, dispatch_lead, partner_with, staff};
use tests::gateway_stub::{sign, verify, GatewayStub};
use tests::server::{NowTs, Options};
use tests::{Backend, TestServer};

const LEADS: &str = "/v2/partners/leads";
const SECRET: &str = "test-gateway-secret-0123456789";

fn gateway_config(stub: &GatewayStub) -> GatewayConfig {
    GatewayConfig {
        sms_url: Some(format!("{}/sms", stub.base)),
        voice_url: Some(format!("{}/voice", stub.base)),
        secret: Some(GatewaySecret::new(SECRET).unwrap()),
        timeout: Duration::from_secs(5),
    }
}

async fn start(backend: Backend, gateway: Option<GatewayConfig>) -> TestServer {
    let mut opts = Options::default();
    opts.config = ApiConfig {
        gateway: gateway.unwrap_or_default(),
        ..opts.config
    };
    TestServer::start_with(backend, opts).await
}

/// A callback as the gateway sends it: `ts` and the signature over `ts.body`.
async fn callback(
    srv: &TestServer,
    call_id: &str,
    body: &Value,
    ts: i64,
    secret: &str,
) -> (u16, Value) {
    let body = body.to_string();
    let r = reqwest::Client::new()
        .post(format!("{}/v2/callbacks/voice/{call_id}", srv.base))
        .header("content-type", "application/json")
        .header("X-Bss-Timestamp", ts.to_string())
        .header("X-Bss-Signature", sign(secret, ts, &body))
        .body(body)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let text = r.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

async fn bridged_and_recorded(backend: Backend) {
    let stub = GatewayStub::start().await;
    let srv = start(backend, Some(gateway_config(&stub))).await;
    let p = partner_with(&srv, "RESELLER", json!({"marketing_plan_version": "2.0"})).await;
    let admin = staff(&srv, &p, &["admin"], None).await;
    let am = staff(&srv, &p, &["account_manager"], None).await;
    let (am_phone, _) = contact();
    admin
        .client
        .put(
            &format!("/v2/partners/users/{}", am.id),
            json!({"mobile_phone": am_phone}),
        )
        .await
        .expect(200, "");
    let (phone, email) = contact();
    let lead = dispatch_lead(&srv, &p, &phone, &email).await;
    let c = &am.client;
    let mut answers: Vec<String> = Vec::new();

    let r = c
        .post(&format!("{LEADS}/{lead}/outbound-calls"), json!({}))
        .await;
    let v = r.expect(201, "");
    answers.push(r.text.clone());
    assert_eq!(v["status"], "DIALING");
    assert_eq!(v["callee"], format!("{}****{}", &phone[..3], &phone[7..]));
    assert_eq!(v["user_id"], am.id.as_str());
    let call_id = v["call_id"].as_str().unwrap().to_owned();

    // The gateway got one signed bridge request with both numbers and the callback path.
    let seen = stub.seen();
    assert_eq!(seen.len(), 1, "{seen:?}");
    let req = &seen[0];
    assert_eq!(req.path, "/voice");
    assert!(verify(SECRET, req), "bad signature: {req:?}");
    assert!(!verify("another-secret-0123456789", req));
    assert_eq!(req.request_id, call_id);
    assert!(req.content_type.starts_with("application/json"));
    let body: Value = serde_json::from_str(&req.body).unwrap();
    assert_eq!(body["type"], "voice.bridge");
    assert_eq!(body["call_id"], call_id.as_str());
    assert_eq!(body["callee"], phone.as_str());
    assert_eq!(body["caller"], am_phone.as_str());
    assert_eq!(
        body["callback_path"],
        format!("/v2/callbacks/voice/{call_id}")
    );

    let show = format!("{LEADS}/{lead}/outbound-calls/{call_id}");
    let r = c.get(&show, &[]).await;
    assert_eq!(r.expect(200, "")["status"], "DIALING");
    answers.push(r.text.clone());

    // Signed outcome: recorded once; the same report again changes nothing.
    let now = srv.clock.now_ts();
    let outcome = json!({"call_id": call_id, "status": "ANSWERED", "duration_seconds": 95});
    assert_eq!(callback(&srv, &call_id, &outcome, now, SECRET).await.0, 204);
    assert_eq!(callback(&srv, &call_id, &outcome, now, SECRET).await.0, 204);
    let (s, e) = callback(
        &srv,
        &call_id,
        &json!({"call_id": call_id, "status": "BUSY", "duration_seconds": 0}),
        now,
        SECRET,
    )
    .await;
    assert_eq!((s, e["error_code"].as_str()), (409, Some("CBC.99100262")));
    // Unsigned, wrongly signed, stale, or signed for another call.
    let (s, _) = callback(&srv, &call_id, &outcome, now, "wrong-secret-0123456789").await;
    assert_eq!(s, 401);
    let (s, _) = callback(&srv, &call_id, &outcome, now - 600, SECRET).await;
    assert_eq!(s, 401);
    let unsigned = reqwest::Client::new()
        .post(format!("{}/v2/callbacks/voice/{call_id}", srv.base))
        .header("content-type", "application/json")
        .body(outcome.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(unsigned.status().as_u16(), 401);
    let (s, _) = callback(&srv, "f".repeat(32).as_str(), &outcome, now, SECRET).await;
    assert_eq!(s, 400, "call_id of the body must match the path");
    let other = json!({"call_id": "f".repeat(32), "status": "ANSWERED", "duration_seconds": 1});
    let (s, e) = callback(&srv, &"f".repeat(32), &other, now, SECRET).await;
    assert_eq!((s, e["error_code"].as_str()), (404, Some("CBC.99100002")));
    let bad = json!({"call_id": call_id, "status": "HUNG_UP", "duration_seconds": 1});
    let (s, e) = callback(&srv, &call_id, &bad, now, SECRET).await;
    assert_eq!((s, e["error_code"].as_str()), (400, Some("CBC.0100")));

    let r = c.get(&show, &[]).await;
    let v = r.expect(200, "");
    answers.push(r.text.clone());
    assert_eq!(v["status"], "ANSWERED");
    assert_eq!(v["duration_seconds"], 95);
    assert!(v["end_time"].is_string(), "{v}");
    let r = c.get(&format!("{LEADS}/{lead}/follow-ups"), &[]).await;
    let v = r.expect(200, "");
    answers.push(r.text.clone());
    let f = &v["follow_ups"][0];
    assert_eq!(f["kind"], "OUTBOUND_CALL");
    assert_eq!(f["follow_up_id"], call_id.as_str());
    assert_eq!(f["content"], "ANSWERED, 95 s");
    let r = c.get(&format!("{LEADS}/{lead}"), &[]).await;
    assert_eq!(r.expect(200, "")["status"], "FOLLOWING");
    answers.push(r.text.clone());

    // A gateway that refuses: the call is recorded FAILED at once.
    stub.answer(503);
    let r = c
        .post(&format!("{LEADS}/{lead}/outbound-calls"), json!({}))
        .await;
    assert_eq!(r.expect(201, "")["status"], "FAILED");
    answers.push(r.text.clone());

    // Another partner's call answers like a missing one.
    let q = partner_with(&srv, "RESELLER", json!({})).await;
    let stranger = staff(&srv, &q, &["admin"], None).await;
    let foreign = stranger.client.get(&show, &[]).await;
    foreign.expect(404, "CBC.99100002");
    let missing = c
        .get(
            &format!("{LEADS}/{lead}/outbound-calls/{}", "e".repeat(32)),
            &[],
        )
        .await;
    missing.expect(404, "CBC.99100002");

    // The partner's events feed, like every answer, never holds the number.
    let r = admin.client.get("/v2/partners/events", &[]).await;
    r.expect(200, "");
    answers.push(r.text.clone());
    for a in &answers {
        assert!(!a.contains(&phone), "the lead's number leaked: {a}");
    }
    srv.stop().await;
    stub.stop().await;
}

async fn refused_without_gateway(backend: Backend) {
    let srv = start(backend, None).await;
    let p = partner_with(&srv, "RESELLER", json!({})).await;
    let admin = staff(&srv, &p, &["admin"], None).await;
    let am = staff(&srv, &p, &["account_manager"], None).await;
    let (phone, email) = contact();
    let lead = dispatch_lead(&srv, &p, &phone, &email).await;
    let path = format!("{LEADS}/{lead}/outbound-calls");
    // The caller needs a phone for the gateway to ring first.
    am.client
        .post(&path, json!({}))
        .await
        .expect(400, "CBC.99100261");
    let (am_phone, _) = contact();
    admin
        .client
        .put(
            &format!("/v2/partners/users/{}", am.id),
            json!({"mobile_phone": am_phone}),
        )
        .await
        .expect(200, "");
    let r = am.client.post(&path, json!({})).await;
    r.expect(400, "CBC.99100260");
    assert!(r.msg().contains("voice gateway"), "{}", r.msg());
    // Nothing was recorded, and the lead did not move.
    let v = am
        .client
        .get(&format!("{LEADS}/{lead}/follow-ups"), &[])
        .await
        .expect(200, "");
    assert_eq!(v["total_count"], 0);
    // Without a secret no callback is believed.
    let body = json!({"call_id": "x", "status": "ANSWERED", "duration_seconds": 1});
    let (s, _) = callback(&srv, "x", &body, srv.clock.now_ts(), SECRET).await;
    assert_eq!(s, 401);
    srv.stop().await;
}

mod outbound_calls_are_bridged_and_recorded {
    use super::*;
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        bridged_and_recorded(Backend::Sqlite).await;
    }
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        bridged_and_recorded(Backend::Postgres).await;
    }
}

mod outbound_calls_need_a_voice_gateway {
    use super::*;
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        refused_without_gateway(Backend::Sqlite).await;
    }
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        refused_without_gateway(Backend::Postgres).await;
    }
}

/// The SMS client the outbox worker sends with: one signed JSON POST to the SMS gateway.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sms_goes_to_the_gateway_signed() {
    let stub = GatewayStub::start().await;
    let gateway = Gateway::new(gateway_config(&stub)).unwrap();
    assert!(gateway.sms_ready() && gateway.voice_ready());
    gateway
        .send_sms("msg-1", "+8613812345678", "Your code is 123456")
        .await
        .unwrap();
    let seen = stub.seen();
    assert_eq!(seen.len(), 1);
    let r = &seen[0];
    assert_eq!(r.path, "/sms");
    assert!(verify(SECRET, r), "{r:?}");
    assert_eq!(r.request_id, "msg-1");
    let body: Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(
        body,
        json!({"type": "sms", "id": "msg-1", "to": "+8613812345678", "text": "Your code is 123456"})
    );
    stub.answer(500);
    let e = gateway.send_sms("msg-2", "+86138", "x").await.unwrap_err();
    assert_eq!(
        e,
        api::delivery::gateway::GatewayError::Refused { status: 500 }
    );
    let off = Gateway::new(GatewayConfig::default()).unwrap();
    assert_eq!(
        off.send_sms("msg-3", "+86138", "x").await.unwrap_err(),
        api::delivery::gateway::GatewayError::NotConfigured
    );
    stub.stop().await;
}
