//! Idempotency-Key by Stripe's rule: once executing, the outcome (success or business refusal)
//! is the key's; a request refused before executing stores nothing; bodies compare by meaning.

use serde_json::json;
use tests::both_backends;
use tests::fixtures::{cash, partner, recharge, sub_customer, user};

const ADJUST: &str = "/v2/accounts/partner-accounts/adjust-amount";

both_backends!(
    a_business_refusal_is_replayed_and_moves_nothing_later,
    |srv: tests::TestServer| async move {
        let d = partner(&srv, "DISTRIBUTOR").await;
        let fin = user(&srv, &d, &["finance"]).await;
        let c = sub_customer(&srv, &d, "2").await;
        let keyed = fin.client.clone().with_idempotency_key("refused-once");
        let body = json!({"customer_id": c.id, "amount": "30.00"});
        keyed
            .post(ADJUST, body.clone())
            .await
            .expect(400, "CBC.99005003");
        // The money arrives; the same key and body still answer the first outcome.
        recharge(&srv, &d, "100").await;
        let again = keyed.post(ADJUST, body).await;
        again.expect(400, "CBC.99005003");
        assert_eq!(cash(&srv, "customer", &c.id).await, 0);
        assert_eq!(cash(&srv, "partner", &d.id).await, 10_000);
        // A new key executes.
        let fresh = fin.client.clone().with_idempotency_key("fresh");
        fresh
            .post(ADJUST, json!({"customer_id": c.id, "amount": "30.00"}))
            .await
            .expect(200, "");
        assert_eq!(cash(&srv, "customer", &c.id).await, 3000);
    }
);

both_backends!(
    a_malformed_request_stores_nothing,
    |srv: tests::TestServer| async move {
        let d = partner(&srv, "DISTRIBUTOR").await;
        let fin = user(&srv, &d, &["finance"]).await;
        let c = sub_customer(&srv, &d, "2").await;
        recharge(&srv, &d, "100").await;
        let keyed = fin.client.clone().with_idempotency_key("fix-me");
        keyed
            .post(ADJUST, json!({"customer_id": c.id, "amount": "1.234"}))
            .await
            .expect(400, "CBC.0100");
        keyed
            .post(ADJUST, json!({"customer_id": c.id, "amount": "1.23"}))
            .await
            .expect(200, "");
        assert_eq!(cash(&srv, "customer", &c.id).await, 123);
    }
);

both_backends!(
    bodies_compare_by_meaning,
    |srv: tests::TestServer| async move {
        let d = partner(&srv, "DISTRIBUTOR").await;
        let fin = user(&srv, &d, &["finance"]).await;
        let c = sub_customer(&srv, &d, "2").await;
        recharge(&srv, &d, "100").await;
        let keyed = fin.client.clone().with_idempotency_key("meaning");
        let first = keyed
            .send_raw(
                "POST",
                ADJUST,
                "",
                format!(r#"{{"customer_id":"{}","amount":10.5}}"#, c.id).into_bytes(),
                "application/json",
            )
            .await
            .expect(200, "");
        // Other key order, spacing and number form: the same request.
        let replay = keyed
            .send_raw(
                "POST",
                ADJUST,
                "",
                format!("{{ \"amount\": 10.50,\n \"customer_id\": \"{}\" }}", c.id).into_bytes(),
                "application/json",
            )
            .await
            .expect(200, "");
        assert_eq!(first, replay);
        assert_eq!(cash(&srv, "customer", &c.id).await, 1050);
        // Another meaning with the same key is a conflict.
        keyed
            .post(ADJUST, json!({"customer_id": c.id, "amount": "10.51"}))
            .await
            .expect(409, "CBC.0260");
    }
);
