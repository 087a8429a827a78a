//! Authentication: AK/SK signatures, X-Domain-Id, tokens, identities, lockout, flow control.

use serde_json::json;
use tests::fixtures::{customer, partner, user};
use tests::server::Options;
use tests::{both_backends, Client};

both_backends!(
    missing_or_bad_signatures_are_apigw_0301,
    |srv: tests::TestServer| async move {
        let r = srv.anonymous().get("/v2/operator/partners/x", &[]).await;
        let body = r.expect(401, "APIGW.0301");
        assert_eq!(body["request_id"].as_str().unwrap(), r.request_id());
        let wrong = Client::new(
            &srv,
            tests::server::OPERATOR_AK,
            "wrong-secret-wrong-secret",
        );
        wrong
            .get("/v2/operator/partners/x", &[])
            .await
            .expect(401, "APIGW.0301");
        let unknown = Client::new(&srv, "NOSUCHKEY", "whatever-whatever");
        unknown
            .get("/v2/operator/partners/x", &[])
            .await
            .expect(401, "APIGW.0301");
    }
);

both_backends!(
    signatures_older_than_15_minutes_are_refused,
    |srv: tests::TestServer| async move {
        let op = srv.operator();
        let p = tests::fixtures::partner(&srv, "RESELLER").await;
        let path = format!("/v2/operator/partners/{}", p.id);
        // Sign with a date 16 minutes behind the server's clock.
        let server_clock = srv.clock.clone();
        let signer_clock = domain::ManualClock::new(
            domain::Clock::now(&server_clock) - chrono::Duration::minutes(16),
        );
        let mut stale = op.clone();
        stale.set_clock(signer_clock.clone());
        stale.get(&path, &[]).await.expect(401, "APIGW.0301");
        signer_clock.advance(chrono::Duration::minutes(2));
        stale.get(&path, &[]).await.expect(200, "");
    }
);

both_backends!(
    path_and_query_quirks_verify,
    |srv: tests::TestServer| async move {
        let op = srv.operator();
        let p = partner(&srv, "RESELLER").await;
        // Repeated keys, reserved and non-ASCII characters in the query.
        let path = format!("/v2/operator/partners/{}", p.id);
        op.get(
            &path,
            &[
                ("operation_types", "2"),
                ("operation_types", "1"),
                ("coupon_ids", "a b/c"),
                ("x", "中文&=?"),
            ],
        )
        .await
        .expect(200, "");
        // A path parameter with a space and a slash: accepted signature, then "not found".
        let odd = format!("/v2/operator/partners/{}", Client::path(&["a b/c"]));
        op.get(&odd, &[]).await.expect(404, "CBC.99100002");
    }
);

both_backends!(
    domain_id_must_match_the_key,
    |srv: tests::TestServer| async move {
        let p = partner(&srv, "DISTRIBUTOR").await;
        let u = user(&srv, &p, &["admin"]).await;
        let path = format!("/v2/operator/partners/{}", p.id);
        // Right domain: authenticated (and then forbidden, being no operator).
        u.client
            .clone()
            .with_domain(&u.domain_id)
            .get(&path, &[])
            .await
            .expect(403, "CBC.0151");
        u.client
            .clone()
            .with_domain("other-domain")
            .get(&path, &[])
            .await
            .expect(401, "APIGW.0301");
    }
);

both_backends!(wrong_identity_is_403, |srv: tests::TestServer| async move {
    let p = partner(&srv, "DISTRIBUTOR").await;
    let u = user(&srv, &p, &["admin"]).await;
    let c = customer(&srv).await;
    for client in [&u.client, &c.client] {
        client
            .post("/v2/operator/partners", json!({}))
            .await
            .expect(403, "CBC.0151");
        client
            .get(&format!("/v2/operator/partners/{}", p.id), &[])
            .await
            .expect(403, "CBC.0151");
    }
});

both_backends!(
    tokens_for_users_and_customers,
    |srv: tests::TestServer| async move {
        let p = partner(&srv, "DISTRIBUTOR").await;
        let u = user(&srv, &p, &["admin"]).await;
        let anon = srv.anonymous();
        let r = anon
            .post(
                "/v2/auth/tokens",
                json!({"user_name": u.name, "password": "Passw0rd!x"}),
            )
            .await;
        let t = r.expect(200, "");
        let token = t["token"].as_str().unwrap();
        assert!(t["expires_at"].as_str().unwrap().ends_with('Z'));
        let as_user = Client::with_token(&srv, token);
        as_user
            .get(&format!("/v2/operator/partners/{}", p.id), &[])
            .await
            .expect(403, "CBC.0151");
        anon.post(
            "/v2/auth/tokens",
            json!({"user_name": u.name, "password": "nope-nope"}),
        )
        .await
        .expect(401, "CBC.0154");
        anon.post(
            "/v2/auth/tokens",
            json!({"user_name": "nobody-here", "password": "nope-nope"}),
        )
        .await
        .expect(401, "CBC.0154");
        Client::with_token(&srv, "garbage")
            .get(&format!("/v2/operator/partners/{}", p.id), &[])
            .await
            .expect(401, "CBC.0154");
        // After 24 hours the token is refused.
        srv.clock.advance(chrono::Duration::hours(25));
        let mut later = as_user.clone();
        later.set_clock(srv.clock.clone());
        later
            .get(&format!("/v2/operator/partners/{}", p.id), &[])
            .await
            .expect(401, "CBC.0154");
    }
);

both_backends!(
    five_bad_signatures_lock_the_key,
    |srv: tests::TestServer| async move {
        let p = partner(&srv, "DISTRIBUTOR").await;
        let u = user(&srv, &p, &["admin"]).await;
        let path = format!("/v2/operator/partners/{}", p.id);
        let ak = u.client.access_key().unwrap();
        let bad = Client::new(&srv, &ak, "definitely-the-wrong-secret");
        for _ in 0..5 {
            bad.get(&path, &[]).await.expect(401, "APIGW.0301");
        }
        // Now even the right secret is refused, until five minutes pass.
        let r = u.client.get(&path, &[]).await;
        r.expect(401, "APIGW.0301");
        assert!(r.msg().contains("locked"));
        srv.clock.advance(chrono::Duration::minutes(6));
        let mut later = u.client.clone();
        later.set_clock(srv.clock.clone());
        later.get(&path, &[]).await.expect(403, "CBC.0151");
    }
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn flow_control_answers_429_with_retry_after() {
    let opts = Options {
        config: api::ApiConfig {
            rate_limit_per_sec: 10,
            ..api::ApiConfig::default()
        },
        ..Options::default()
    };
    let srv = tests::TestServer::start_with(tests::Backend::Sqlite, opts).await;
    let op = srv.operator();
    let mut statuses = Vec::new();
    for _ in 0..30 {
        let r = op.get("/v2/operator/partners/nope", &[]).await;
        if r.status == 429 {
            assert_eq!(r.code(), "CBC.0250");
            assert!(r.headers.get("retry-after").is_some());
        }
        statuses.push(r.status);
    }
    let admitted = statuses.iter().filter(|s| **s == 404).count();
    assert!((1..=12).contains(&admitted), "admitted {admitted}");
    assert!(statuses.contains(&429));
    assert!(statuses.iter().all(|s| *s == 404 || *s == 429));
    // Another API has its own bucket.
    op.post("/v2/operator/partners", json!({}))
        .await
        .expect(400, "CBC.0100");
}

both_backends!(
    sdk_signed_bodies_of_another_content_type_are_400_naming_it,
    |srv: tests::TestServer| async move {
        let c = customer(&srv).await;
        // Signed as the SDK signs it (UNSIGNED-PAYLOAD): the signature holds, the body is not read.
        let r = c
            .client
            .send_raw(
                "PUT",
                "/v2/orders/customer-orders/cancel",
                "",
                b"order_id=CS1".to_vec(),
                "text/plain",
            )
            .await;
        r.expect(400, "CBC.0100");
        assert!(r.msg().contains("Content-Type"), "{}", r.text);
    }
);

both_backends!(
    sdk_signed_requests_without_a_body_pass_whatever_their_content_type,
    |srv: tests::TestServer| async move {
        let c = customer(&srv).await;
        // More than the five failures that would lock the key, had they failed.
        for content_type in ["text/plain", "text/csv"].repeat(4) {
            c.client
                .send_raw(
                    "GET",
                    "/v2/accounts/customer-accounts/balances",
                    "",
                    vec![],
                    content_type,
                )
                .await
                .expect(200, "");
        }
    }
);
