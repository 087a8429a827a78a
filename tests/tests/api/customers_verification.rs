//! SendVerificationMessageCode: parameters, the outbox, and the per-phone limits (15 an hour,
//! 60 a day), also under concurrency.

use serde_json::json;
use tests::both_backends;
use tests::channel::{last_code, org, phone};
use tests::fixtures::{customer, user};

const SEND: &str = "/v2/bases/verificationcode/send";

both_backends!(
    codes_go_to_the_outbox_and_parameters_are_checked,
    |srv: tests::TestServer| async move {
        let p = org(&srv, "SOLUTION_PROVIDER").await;
        let c = p.client();
        let ph = phone();
        c.post(
            SEND,
            json!({"receiver_type": 1, "mobile_phone": ph, "lang": "en-us", "timeout": 30}),
        )
        .await
        .expect(204, "");
        let out = srv
            .operator()
            .get("/v2/operator/outbox", &[("recipient", ph.as_str())])
            .await
            .expect(200, "");
        assert_eq!(out["total_count"], 1);
        let m = &out["messages"][0];
        assert_eq!(m["channel"], "SMS");
        assert_eq!(m["purpose"], "VERIFICATION_CODE");
        let text = m["content"].as_str().unwrap();
        assert!(text.contains("valid for 30 minutes"), "{text}");
        assert_eq!(last_code(&srv, &ph).await.len(), 6);
        // Only the operator reads the outbox.
        srv.operator()
            .send("GET", "/v2/operator/outbox", &[], Some("{}".into()))
            .await
            .expect(400, "CBC.0100");
        c.get("/v2/operator/outbox", &[])
            .await
            .expect(403, "CBC.0151");
        let stranger = tests::channel::customer_with(&srv, json!({})).await;
        let own = tests::fixtures::customer(&srv).await;
        tests::channel::with_db(&srv, {
            let (cid, pid) = (own.id.clone(), p.id().to_owned());
            move |conn| persistence::repo::customers::associate(conn, &cid, &pid, "2", 0)
        })
        .await;
        for (body, field) in [
            (json!({"mobile_phone": ph}), "receiver_type"),
            (
                json!({"receiver_type": 2, "mobile_phone": ph}),
                "receiver_type",
            ),
            (json!({"receiver_type": 1}), "mobile_phone"),
            (
                json!({"receiver_type": 1, "mobile_phone": "12345"}),
                "mobile_phone",
            ),
            (
                json!({"receiver_type": 1, "mobile_phone": ph, "lang": "fr"}),
                "lang",
            ),
            (
                json!({"receiver_type": 1, "mobile_phone": ph, "scene": 7}),
                "scene",
            ),
            (
                json!({"receiver_type": 1, "mobile_phone": ph, "scene": 18}),
                "customer_id",
            ),
            (
                json!({"receiver_type": 1, "mobile_phone": ph, "timeout": 0}),
                "timeout",
            ),
            (
                json!({"receiver_type": "one", "mobile_phone": ph}),
                "receiver_type",
            ),
        ] {
            let e = c.post(SEND, body).await;
            e.expect(400, "CBC.0100");
            assert!(e.msg().contains(field), "{}", e.msg());
        }
        // Scene 18 needs one of the caller's customers.
        c.post(SEND, json!({"receiver_type": 1, "mobile_phone": ph, "scene": 18, "customer_id": stranger.id}))
            .await
            .expect(400, "CBC.99000035");
        c.post(
            SEND,
            json!({"receiver_type": 1, "mobile_phone": ph, "scene": 18, "customer_id": own.id}),
        )
        .await
        .expect(204, "");
        // Identities: customers and the operator may not send; 403 before 400.
        let cust = customer(&srv).await;
        cust.client
            .post(SEND, json!({}))
            .await
            .expect(403, "CBC.0151");
        srv.operator()
            .post(SEND, json!({}))
            .await
            .expect(403, "CBC.0151");
        let fin = user(&srv, &p.party, &["finance"]).await;
        fin.client
            .post(SEND, json!({"receiver_type": 1, "mobile_phone": ph}))
            .await
            .expect(403, "CBC.0151");
    }
);

both_backends!(
    fifteen_an_hour_and_sixty_a_day_per_phone,
    |srv: tests::TestServer| async move {
        let a = org(&srv, "DISTRIBUTOR").await;
        let b = org(&srv, "RESELLER").await;
        let ph = phone();
        let send = |c: tests::Client, ph: String| async move {
            c.post(SEND, json!({"receiver_type": 1, "mobile_phone": ph}))
                .await
        };
        // The limit is per phone, whoever asks.
        for i in 0..15 {
            let c = if i % 2 == 0 { a.client() } else { b.client() };
            send(c.clone(), ph.clone()).await.expect(204, "");
        }
        let over = send(a.client().clone(), ph.clone()).await;
        over.expect(400, "CBC.99004015");
        assert!(over.msg().contains("15 an hour"));
        send(a.client().clone(), phone()).await.expect(204, "");
        // Hourly windows refill; the day caps at 60.
        for _ in 0..3 {
            srv.clock.advance(chrono::Duration::minutes(61));
            for _ in 0..15 {
                send(a.client().clone(), ph.clone()).await.expect(204, "");
            }
        }
        srv.clock.advance(chrono::Duration::minutes(61));
        send(a.client().clone(), ph.clone())
            .await
            .expect(400, "CBC.99004015");
        srv.clock.advance(chrono::Duration::hours(21));
        send(a.client().clone(), ph.clone()).await.expect(204, "");
    }
);

both_backends!(
    concurrent_sends_respect_the_limit,
    |srv: tests::TestServer| async move {
        let a = org(&srv, "DISTRIBUTOR").await;
        let ph = phone();
        let tasks: Vec<_> = (0..24)
            .map(|_| {
                let (c, ph) = (a.client().clone(), ph.clone());
                tokio::spawn(async move {
                    c.post(SEND, json!({"receiver_type": 1, "mobile_phone": ph}))
                        .await
                })
            })
            .collect();
        let mut ok = 0;
        for t in tasks {
            let r = t.await.unwrap();
            match r.status {
                204 => ok += 1,
                _ => assert_eq!(r.code(), "CBC.99004015", "{}", r.text),
            }
        }
        assert_eq!(ok, 15);
    }
);
