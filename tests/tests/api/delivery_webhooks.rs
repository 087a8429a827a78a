//! #21 events and webhooks: the feed keyed by `after`, webhook management with the secret
//! shown once, and delivery to a real receiver on loopback: signed per Standard Webhooks,
//! retried with the same `webhook-id` after a 500, every event exactly once after
//! de-duplication, by two workers at once, and after a worker died holding a lease.

use api::delivery::{Worker, WorkerConfig};
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::Duration;
use tests::both_backends;
use tests::channel::{org, Org};
use tests::server::NowTs;
use tests::webhook_receiver::{verify, Receiver};
use tests::TestServer;

const INVITE: &str = "/v2/partners/indirect-partners/invitations";
const HOOKS: &str = "/v2/partners/webhooks";
const EVENTS: &str = "/v2/partners/events";

fn worker(srv: &TestServer) -> Worker {
    let config = WorkerConfig {
        allow_private: true,
        poll: Duration::from_millis(20),
        timeout: Duration::from_secs(5),
        ..WorkerConfig::default()
    };
    Worker::new(
        srv.db.clone(),
        Arc::new(srv.clock.clone()),
        srv.vault.clone(),
        config,
    )
    .expect("worker")
}

/// Invites and cancels twice: two `created` and two `cancelled` events for the reseller.
async fn script(d: &Org, r: &Org) {
    for _ in 0..2 {
        let v = d
            .client()
            .post(INVITE, json!({"indirect_partner_id": r.id()}))
            .await
            .expect(201, "");
        let id = v["invitation_id"].as_str().unwrap().to_owned();
        d.client()
            .post(&format!("{INVITE}/{id}/cancel"), json!({}))
            .await
            .expect(204, "");
    }
}

async fn hook(r: &Org, url: &str) -> (String, String) {
    let v = r
        .client()
        .post(
            HOOKS,
            json!({"url": url, "event_types": ["reseller_invitation.created", "reseller_invitation.cancelled"], "description": "erp"}),
        )
        .await
        .expect(201, "");
    let secret = v["secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("whsec_"), "{secret}");
    (v["webhook_id"].as_str().unwrap().to_owned(), secret)
}

async fn until(what: &str, mut done: impl FnMut() -> bool) {
    for _ in 0..500 {
        if done() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("timed out waiting for {what}");
}

fn ids(page: &Value) -> Vec<String> {
    page["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_owned())
        .collect()
}

both_backends!(
    the_feed_pages_by_after_without_gaps,
    |srv: TestServer| async move {
        let d = org(&srv, "DISTRIBUTOR").await;
        let r = org(&srv, "RESELLER").await;
        script(&d, &r).await;
        let all = r.client().get(EVENTS, &[]).await.expect(200, "");
        let events = all["events"].as_array().unwrap();
        let kinds: Vec<&str> = events.iter().map(|e| e["type"].as_str().unwrap()).collect();
        assert_eq!(
            kinds,
            [
                "reseller_invitation.created",
                "reseller_invitation.cancelled",
                "reseller_invitation.created",
                "reseller_invitation.cancelled"
            ]
        );
        let first = &events[0];
        assert_eq!(first["partner_id"], r.id());
        assert_eq!(first["data"]["distributor_id"], d.id());
        assert!(first["data"]["invitation_id"].is_string());
        // Paging by `after` walks the same events, one at a time, then stops.
        let mut after = String::new();
        let mut walked = Vec::new();
        for _ in 0..10 {
            let q: Vec<(&str, &str)> = if after.is_empty() {
                vec![("limit", "1")]
            } else {
                vec![("limit", "1"), ("after", after.as_str())]
            };
            let page = r.client().get(EVENTS, &q).await.expect(200, "");
            let got = ids(&page);
            if got.is_empty() {
                assert_eq!(page["next_after"], after.as_str());
                break;
            }
            walked.extend(got);
            after = page["next_after"].as_str().unwrap().to_owned();
        }
        assert_eq!(walked, ids(&all));
        // A type filter; the distributor sees none of the reseller's events.
        let created = r
            .client()
            .get(EVENTS, &[("types", "reseller_invitation.cancelled")])
            .await
            .expect(200, "");
        assert_eq!(ids(&created), [ids(&all)[1].clone(), ids(&all)[3].clone()]);
        let theirs = d
            .client()
            .get(EVENTS, &[("after", walked[0].as_str())])
            .await;
        // Another partner's event answers exactly like one that does not exist.
        let theirs = theirs.expect(404, "CBC.99100002");
        let missing = d
            .client()
            .get(EVENTS, &[("after", "evt_0f1e2d3c4b5a69788796a5b4c3d2e1f0")])
            .await
            .expect(404, "CBC.99100002");
        assert_eq!(theirs, missing);
        r.client()
            .get(EVENTS, &[("types", "order.lost")])
            .await
            .expect(400, "CBC.0100");
    }
);

both_backends!(
    webhooks_are_managed_and_their_secret_shown_once,
    |srv: TestServer| async move {
        let r = org(&srv, "RESELLER").await;
        let other = org(&srv, "RESELLER").await;
        let (id, secret) = hook(&r, "https://erp.example.com/in").await;
        let shown = r
            .client()
            .get(&format!("{HOOKS}/{id}"), &[])
            .await
            .expect(200, "");
        assert!(shown.get("secret").is_none());
        assert_eq!(shown["enabled"], true);
        let listed = r.client().get(HOOKS, &[]).await.expect(200, "");
        assert_eq!(listed["webhooks"].as_array().unwrap().len(), 1);
        // Another partner's webhook answers like a missing one.
        other
            .client()
            .get(&format!("{HOOKS}/{id}"), &[])
            .await
            .expect(404, "CBC.99100002");
        let changed = r
            .client()
            .put(
                &format!("{HOOKS}/{id}"),
                json!({"url": "https://erp.example.com/v2", "event_types": ["order.paid"], "enabled": false}),
            )
            .await
            .expect(200, "");
        assert_eq!(changed["event_types"], json!(["order.paid"]));
        assert_eq!(changed["enabled"], false);
        assert!(changed["description"].is_null());
        let rotated = r
            .client()
            .post(&format!("{HOOKS}/{id}/rotate-secret"), json!({}))
            .await
            .expect(200, "");
        assert_ne!(rotated["secret"].as_str().unwrap(), secret);
        r.client()
            .post(
                HOOKS,
                json!({"url": "ftp://x", "event_types": ["order.paid"]}),
            )
            .await
            .expect(400, "CBC.0100");
        r.client()
            .post(
                HOOKS,
                json!({"url": "https://x.example", "event_types": []}),
            )
            .await
            .expect(400, "CBC.0100");
        r.client()
            .delete(&format!("{HOOKS}/{id}"))
            .await
            .expect(204, "");
        r.client()
            .get(&format!("{HOOKS}/{id}"), &[])
            .await
            .expect(404, "CBC.99100002");
    }
);

both_backends!(
    deliveries_are_signed_retried_and_deduplicated,
    |srv: TestServer| async move {
        let d = org(&srv, "DISTRIBUTOR").await;
        let r = org(&srv, "RESELLER").await;
        let receiver = Receiver::start(2).await;
        let (hook_id, secret) = hook(&r, &receiver.url).await;
        // Committed before any worker runs: nothing is lost while none is up.
        script(&d, &r).await;
        let feed = ids(&r.client().get(EVENTS, &[]).await.expect(200, ""));
        // Two workers at once, as two replicas would run.
        let w1 = tokio::spawn(worker(&srv).run());
        let w2 = tokio::spawn(worker(&srv).run());
        until("first attempts", || receiver.seen().len() >= 4).await;
        assert_eq!(receiver.delivered_ids().len(), 2, "two answered 500");
        // The retries are due about 5 s later.
        srv.clock.advance(chrono::Duration::seconds(10));
        until("retries", || receiver.delivered_ids().len() == 4).await;
        let seen = receiver.seen();
        assert!(
            seen.iter().all(|x| verify(&secret, x)),
            "every request is signed"
        );
        let failed: Vec<&str> = seen
            .iter()
            .filter(|x| x.answered == 500)
            .map(|x| x.id.as_str())
            .collect();
        assert_eq!(failed.len(), 2);
        for id in &failed {
            let tries = seen.iter().filter(|x| x.id == *id).count();
            assert_eq!(tries, 2, "the retry carries the same webhook-id");
        }
        let mut got = receiver.delivered_ids();
        got.sort();
        let mut want = feed.clone();
        want.sort();
        assert_eq!(got, want, "every event exactly once after de-duplication");
        assert_eq!(seen.len(), 6, "no delivery sent twice by the two workers");
        let body: Value = serde_json::from_str(&seen[0].body).unwrap();
        assert_eq!(body["id"], seen[0].id.as_str());
        assert_eq!(body["partner_id"], r.id());
        // The partner sees the deliveries and can send one again, same webhook-id.
        let page = r
            .client()
            .get(&format!("{HOOKS}/{hook_id}/deliveries"), &[])
            .await
            .expect(200, "");
        let list = page["deliveries"].as_array().unwrap();
        assert_eq!(list.len(), 4);
        assert!(list.iter().all(|x| x["status"] == "SUCCEEDED"));
        assert!(list.iter().any(|x| x["attempts"] == 2));
        assert!(list.iter().all(|x| x["last_status_code"] == 200));
        let one = list[0]["delivery_id"].as_str().unwrap();
        let again = r
            .client()
            .post(
                &format!("{HOOKS}/{hook_id}/deliveries/{one}/redeliver"),
                json!({}),
            )
            .await
            .expect(202, "");
        assert_eq!(again["status"], "PENDING");
        until("redelivery", || receiver.seen().len() == 7).await;
        assert_eq!(receiver.seen()[6].id, list[0]["event_id"].as_str().unwrap());
        w1.abort();
        w2.abort();
        receiver.stop().await;
    }
);

both_backends!(
    a_lease_left_by_a_dead_worker_is_taken_again,
    |srv: TestServer| async move {
        let d = org(&srv, "DISTRIBUTOR").await;
        let r = org(&srv, "RESELLER").await;
        let receiver = Receiver::start(0).await;
        hook(&r, &receiver.url).await;
        script(&d, &r).await;
        // A worker leases everything and dies before sending.
        let now = srv.clock.now_ts();
        let taken = srv
            .db
            .write(|c| api::service::delivery::worker::claim(c, now, 90, 100))
            .unwrap();
        assert_eq!(taken.len(), 4);
        let w = tokio::spawn(worker(&srv).run());
        tokio::time::sleep(Duration::from_millis(200)).await;
        assert!(receiver.seen().is_empty(), "leased rows wait for the lease");
        srv.clock.advance(chrono::Duration::seconds(120));
        until("delivery after the lease", || {
            receiver.delivered_ids().len() == 4
        })
        .await;
        w.abort();
        receiver.stop().await;
    }
);

both_backends!(
    private_addresses_are_refused_unless_allowed,
    |srv: TestServer| async move {
        let d = org(&srv, "DISTRIBUTOR").await;
        let r = org(&srv, "RESELLER").await;
        let receiver = Receiver::start(0).await;
        let (hook_id, _) = hook(&r, &receiver.url).await;
        script(&d, &r).await;
        let strict = Worker::new(
            srv.db.clone(),
            Arc::new(srv.clock.clone()),
            srv.vault.clone(),
            WorkerConfig::default(),
        )
        .unwrap();
        assert_eq!(strict.drain_once().await.unwrap(), 4);
        assert!(receiver.seen().is_empty());
        let page = r
            .client()
            .get(&format!("{HOOKS}/{hook_id}/deliveries"), &[])
            .await
            .expect(200, "");
        let first = &page["deliveries"][0];
        assert_eq!(first["status"], "PENDING");
        assert!(
            first["last_error"].as_str().unwrap().contains("not public"),
            "{first}"
        );
        receiver.stop().await;
    }
);
