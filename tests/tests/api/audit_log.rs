//! The audit log (#20): one event per successful state-changing request, in its transaction;
//! none for a refused one; read by the operator (all) and a partner admin (its own); chained
//! by hashes that `verify-audit` recomputes.

use persistence::repo::audit::{self, EventRow, Filter};
use serde_json::json;
use tests::authz::Side;
use tests::authz_request;
use tests::both_backends;
use tests::fixtures::{customer, partner, user};
use tests::openapi_walk::{document, operations, IdParam, Place};
use tests::{Backend, Client, TestServer};

async fn count(srv: &TestServer) -> i64 {
    let db = srv.db.clone();
    tokio::task::spawn_blocking(move || db.read(audit::count))
        .await
        .unwrap()
        .unwrap()
}

async fn last(srv: &TestServer) -> EventRow {
    let db = srv.db.clone();
    tokio::task::spawn_blocking(move || db.read(|c| audit::page(c, &Filter::default(), 1)))
        .await
        .unwrap()
        .unwrap()
        .remove(0)
}

async fn verify(srv: &TestServer) -> Result<u64, api::audit::verify::BadEvent> {
    let db = srv.db.clone();
    tokio::task::spawn_blocking(move || api::audit::verify::verify(&db))
        .await
        .unwrap()
        .unwrap()
}

both_backends!(
    a_write_leaves_one_event_and_a_refusal_none,
    |srv: TestServer| async move {
        let before = count(&srv).await;
        let mut op = srv.operator();
        op.extra_headers
            .push(("X-Audit-Reason".into(), "onboarding ticket 42".into()));
        let p = op
            .post(
                "/v2/operator/partners",
                json!({"name": "Audited", "account_name": tests::fixtures::unique("p"), "partner_type": "DISTRIBUTOR", "country_code": "CN"}),
            )
            .await
            .expect(201, "");
        assert_eq!(count(&srv).await, before + 1);
        let e = last(&srv).await;
        assert_eq!(e.operation_id, "create_partner");
        assert_eq!(e.actor_kind, "operator");
        assert_eq!(e.reason.as_deref(), Some("onboarding ticket 42"));
        assert_eq!(e.outcome, "SUCCEEDED");
        assert_eq!(e.method, "POST");
        assert!(!e.request_id.is_empty());
        assert_eq!(e.source.as_deref(), Some("127.0.0.1"));
        let _ = p;

        // Refused: a rule (duplicate name), a bad body, a forbidden caller: no event.
        let c = customer(&srv).await;
        let n = count(&srv).await;
        c.client
            .post(
                "/v2/operator/partners",
                json!({"name": "x", "account_name": "y", "partner_type": "DISTRIBUTOR", "country_code": "CN"}),
            )
            .await
            .expect(403, "CBC.0151");
        srv.operator()
            .put(
                &format!("/v2/operator/customers/{}/access-keys/NOPE", c.id),
                json!({"status": "DISABLED"}),
            )
            .await
            .expect(404, "CBC.99100002");
        assert_eq!(count(&srv).await, n);

        // The actor, its credential and the targets of a customer's change.
        let ak = c.client.access_key().unwrap();
        c.client
            .put(
                &format!("/v2/customers/access-keys/{ak}"),
                json!({"status": "ACTIVE"}),
            )
            .await
            .expect(200, "");
        let e = last(&srv).await;
        assert_eq!(count(&srv).await, n + 1);
        assert_eq!(e.operation_id, "set_own_access_key_status");
        assert_eq!(e.actor_kind, "customer");
        assert_eq!(e.actor_customer_id.as_deref(), Some(c.id.as_str()));
        assert_eq!(
            e.actor_credential.as_deref(),
            Some(format!("ak:{ak}").as_str())
        );
        assert!(e.target_ids.contains(&ak), "{}", e.target_ids);
        // No secret in any event.
        let r = c
            .client
            .post(&format!("/v2/customers/access-keys/{ak}/rotate"), json!({}))
            .await
            .expect(201, "");
        let e = last(&srv).await;
        let sk = r["secret_key"].as_str().unwrap();
        assert!(e.target_ids.contains(r["access_key"].as_str().unwrap()));
        let all = format!("{e:?}");
        assert!(!all.contains(sk));
        assert!(verify(&srv).await.is_ok());
    }
);

both_backends!(
    an_idempotent_replay_changes_nothing_and_says_so,
    |srv: TestServer| async move {
        let p = partner(&srv, "DISTRIBUTOR").await;
        let op = srv.operator().with_idempotency_key("audit-replay-1");
        let path = format!("/v2/operator/partners/{}/recharge", p.id);
        op.post(&path, json!({"amount": "10"}))
            .await
            .expect(200, "");
        let first = last(&srv).await;
        assert_eq!(first.outcome, "SUCCEEDED");
        op.post(&path, json!({"amount": "10"}))
            .await
            .expect(200, "");
        let again = last(&srv).await;
        assert_eq!(again.seq, first.seq + 1);
        assert_eq!(again.outcome, "REPLAYED");
    }
);

both_backends!(
    partners_read_their_own_events_with_filters_paging_and_export,
    |srv: TestServer| async move {
        let d = partner(&srv, "DISTRIBUTOR").await;
        let admin = user(&srv, &d, &["admin"]).await;
        let staff = user(&srv, &d, &["finance"]).await;
        let other = partner(&srv, "DISTRIBUTOR").await;
        let other_admin = user(&srv, &other, &["admin"]).await;
        for _ in 0..3 {
            admin
                .client
                .put(
                    &format!(
                        "/v2/partners/users/{}/access-keys/{}",
                        staff.id,
                        staff.client.access_key().unwrap()
                    ),
                    json!({"status": "ACTIVE"}),
                )
                .await
                .expect(200, "");
        }
        other_admin
            .client
            .post(
                &format!("/v2/partners/users/{}/access-keys", other_admin.id),
                json!({}),
            )
            .await
            .expect(201, "");
        let page = admin
            .client
            .get("/v2/partners/audit-events", &[("limit", "2")])
            .await
            .expect(200, "");
        let events = page["events"].as_array().unwrap();
        assert_eq!(events.len(), 2);
        assert!(events
            .iter()
            .all(|e| e["actor"]["partner_id"] == d.id.as_str()));
        let marker = page["next_marker"].as_i64().unwrap().to_string();
        let rest = admin
            .client
            .get(
                "/v2/partners/audit-events",
                &[("limit", "2"), ("marker", &marker)],
            )
            .await
            .expect(200, "");
        assert_eq!(rest["events"].as_array().unwrap().len(), 1);
        assert!(rest["next_marker"].is_null());
        assert!(rest["events"][0]["id"].as_i64().unwrap() < marker.parse::<i64>().unwrap());
        // Another partner's events are not in the list, whatever the filter says.
        let theirs = admin
            .client
            .get(
                "/v2/partners/audit-events",
                &[("partner_id", other.id.as_str())],
            )
            .await
            .expect(200, "");
        assert_eq!(theirs["events"].as_array().unwrap().len(), 3);
        staff
            .client
            .get("/v2/partners/audit-events", &[])
            .await
            .expect(403, "CBC.0151");
        // The operator filters by partner, operation and target.
        let op = srv
            .operator()
            .get(
                "/v2/operator/audit-events",
                &[
                    ("partner_id", other.id.as_str()),
                    ("operation_id", "create_partner_user_access_key"),
                ],
            )
            .await
            .expect(200, "");
        assert_eq!(op["events"].as_array().unwrap().len(), 1);
        let by_target = srv
            .operator()
            .get(
                "/v2/operator/audit-events",
                &[("target_id", staff.id.as_str())],
            )
            .await
            .expect(200, "");
        assert!(by_target["events"].as_array().unwrap().len() >= 3);
        srv.operator()
            .get(
                "/v2/operator/audit-events",
                &[
                    ("begin_time", "2030-01-01T00:00:00Z"),
                    ("end_time", "2029-01-01T00:00:00Z"),
                ],
            )
            .await
            // A window between well-formed times is a business rule (README).
            .expect(400, "CBC.99100066");
        // The export streams the same events as CSV.
        let r = admin
            .client
            .get("/v2/partners/audit-events/export", &[])
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let csv = r.text;
        let lines: Vec<&str> = csv.lines().collect();
        assert!(lines[0].starts_with("id,time,actor_kind"));
        assert_eq!(lines.len(), 4, "{csv}");
    }
);

both_backends!(
    verify_audit_names_the_first_altered_event,
    |srv: TestServer| async move {
        let c = customer(&srv).await;
        let ak = c.client.access_key().unwrap();
        for _ in 0..3 {
            c.client
                .put(
                    &format!("/v2/customers/access-keys/{ak}"),
                    json!({"status": "ACTIVE"}),
                )
                .await
                .expect(200, "");
        }
        let n = verify(&srv).await.expect("an intact log verifies");
        assert!(n >= 4);
        let mut db = srv.db.connection().unwrap();
        let victim = {
            let db = srv.db.clone();
            let cid = c.id.clone();
            tokio::task::spawn_blocking(move || {
                db.read(|conn| {
                    audit::page(
                        conn,
                        &Filter {
                            actor_customer_id: Some(cid.clone()),
                            ..Filter::default()
                        },
                        10,
                    )
                })
            })
            .await
            .unwrap()
            .unwrap()
            .last()
            .unwrap()
            .id
            .unwrap()
        };
        use diesel::connection::SimpleConnection;
        let change = format!("UPDATE audit_events SET reason = 'forged' WHERE id = {victim}");
        if srv.backend == Backend::Postgres {
            // The table refuses changes.
            assert!(db.batch_execute(&change).is_err());
            assert!(db
                .batch_execute(&format!("DELETE FROM audit_events WHERE id = {victim}"))
                .is_err());
            db.batch_execute("ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change")
                .unwrap();
        }
        db.batch_execute(&change).unwrap();
        let bad = verify(&srv).await.expect_err("an altered event is found");
        assert_eq!(bad.id, victim);
        assert!(bad.why.contains("hash"), "{bad:?}");
    }
);

// Every write operation of `/openapi.json`, called by each identity of a partner world (and
// the operator for its own paths) with the caller's own ids: a success leaves exactly one
// event naming the operation and the caller; a refusal leaves none.
both_backends!(
    every_write_operation_leaves_one_event_per_success,
    |srv: TestServer| async move {
        let side = Side::build(&srv, "A").await;
        let doc = document();
        let none = IdParam {
            place: Place::Query,
            name: "__none__".into(),
        };
        let operator = srv.operator();
        let (mut ok, mut refused, mut failures) = (0usize, 0usize, Vec::<String>::new());
        let mut ops_with_success = std::collections::BTreeSet::new();
        for op in operations(&doc) {
            if !["POST", "PUT", "PATCH", "DELETE"].contains(&op.method.as_str()) {
                continue;
            }
            let op_id = op.op["operationId"].as_str().unwrap_or_default().to_owned();
            let callers: Vec<(&str, &Client)> = if op.path.starts_with("/v2/operator/") {
                vec![("operator", &operator)]
            } else {
                side.identities
                    .iter()
                    .map(|i| (i.label.as_str(), &i.client))
                    .collect()
            };
            for (label, client) in callers {
                let req = authz_request::build(&doc, &op.path, &op.op, &none, "", &side);
                let before = count(&srv).await;
                let r = req.send(client, &op.method).await;
                let after = count(&srv).await;
                let case = format!("{} {} as {label}: {}", op.method, op.path, r.status);
                if (200..300).contains(&r.status) {
                    ok += 1;
                    ops_with_success.insert(op_id.clone());
                    if after != before + 1 {
                        failures.push(format!("{case}: {} events", after - before));
                        continue;
                    }
                    let e = last(&srv).await;
                    let cred = format!("ak:{}", client.access_key().unwrap_or_default());
                    if e.operation_id != op_id || e.actor_credential.as_deref() != Some(&cred) {
                        failures.push(format!(
                            "{case}: event names {} by {:?}",
                            e.operation_id, e.actor_credential
                        ));
                    }
                } else {
                    refused += 1;
                    if after != before {
                        failures.push(format!("{case}: refused but {} events", after - before));
                    }
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        assert!(ops_with_success.len() >= 20, "{ops_with_success:?}");
        assert!(verify(&srv).await.is_ok());
        eprintln!(
            "audit walk: {ok} successful writes ({} operations), {refused} refused, each with exactly its event",
            ops_with_success.len()
        );
    }
);

// The ends of relationships and the payout decisions (#20): one event each, naming the
// operation, the actor and the target; a refusal with blockers leaves none.
both_backends!(
    ends_and_payout_decisions_leave_one_event_each,
    |srv: TestServer| async move {
        use tests::channel::{link_to, org};
        use tests::fixtures_programs::{certified_business_info, incentive};
        let d = org(&srv, "DISTRIBUTOR").await;
        let r = org(&srv, "RESELLER").await;
        link_to(&srv, &d.party, &r.party).await;
        tests::fixtures::recharge(&srv, &d.party, "5").await;
        d.client()
            .post(
                "/v2/accounts/partner-accounts/indirect-partner-adjust",
                json!({"indirect_partner_id": r.id(), "amount": 5}),
            )
            .await
            .expect(200, "");
        let unbind = format!("/v2/partners/indirect-partners/{}/unbind", r.id());
        let n = count(&srv).await;
        d.client()
            .post(&unbind, json!({"reason": "ended"}))
            .await
            .expect(400, "CBC.99100210");
        assert_eq!(count(&srv).await, n);
        d.client()
            .post(
                "/v2/accounts/partner-accounts/indirect-partner-reclaim",
                json!({"indirect_partner_id": r.id(), "amount": 5}),
            )
            .await
            .expect(200, "");
        let n = count(&srv).await;
        d.client()
            .post(&unbind, json!({"reason": "ended"}))
            .await
            .expect(204, "");
        assert_eq!(count(&srv).await, n + 1);
        let e = last(&srv).await;
        assert_eq!(e.operation_id, "unbind_indirect_partner");
        assert_eq!(e.actor_partner_id.as_deref(), Some(d.id()));
        assert!(e.target_ids.contains(r.id()), "{}", e.target_ids);

        let c = tests::fixtures::sub_customer(&srv, &d.party, "1").await;
        d.client()
            .post(
                &format!("/v2/partners/sub-customers/{}/disassociate", c.id),
                json!({"reason": "ended"}),
            )
            .await
            .expect(204, "");
        let e = last(&srv).await;
        assert_eq!(e.operation_id, "disassociate_sub_customer");
        assert!(e.target_ids.contains(&c.id), "{}", e.target_ids);

        let p = partner(&srv, "SOLUTION_PROVIDER").await;
        let fin = user(&srv, &p, &["finance"]).await.client;
        certified_business_info(&srv, &fin).await;
        for (action, body) in [
            (
                "pay",
                json!({"bank_reference": "BOC-9", "paid_amount": "3", "currency": "CNY"}),
            ),
            ("reject", json!({"reason_codes": ["BANK_ACCOUNT_CLOSED"]})),
        ] {
            let inc = incentive(&srv, &p, "3").await;
            let id = fin
                .post(
                    &format!("/v2/partners/incentives/{inc}/payout-applications"),
                    json!({}),
                )
                .await
                .expect(201, "")["payout_application_id"]
                .as_str()
                .unwrap()
                .to_owned();
            let path = format!("/v2/operator/payout-applications/{id}/{action}");
            let n = count(&srv).await;
            srv.operator()
                .post(&path, body.clone())
                .await
                .expect(200, "");
            assert_eq!(count(&srv).await, n + 1);
            let e = last(&srv).await;
            assert_eq!(e.operation_id, format!("{action}_payout_application"));
            assert_eq!(e.actor_kind, "operator");
            assert!(e.target_ids.contains(&id), "{}", e.target_ids);
            // Decided once: the second attempt is refused and leaves no event.
            srv.operator()
                .post(&path, body)
                .await
                .expect(400, "CBC.99100212");
            assert_eq!(count(&srv).await, n + 1);
        }
        assert!(verify(&srv).await.is_ok());
    }
);
