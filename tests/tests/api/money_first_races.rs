//! A customer's first money movements arriving together: the account is created by whichever
//! commits first and the others find it; requests sharing an Idempotency-Key all answer the one
//! result (on PostgreSQL they used to answer 409 "still in progress" or fail on the unique key).

use futures_util::future::join_all;
use serde_json::json;
use tests::both_backends;
use tests::fixtures::{assert_ledger, cash, partner, recharge, sub_customer, user};

const ADJUST: &str = "/v2/accounts/partner-accounts/adjust-amount";

both_backends!(
    first_concurrent_allocations_and_shared_keys_answer_once,
    |srv: tests::TestServer| async move {
        let p = partner(&srv, "DISTRIBUTOR").await;
        recharge(&srv, &p, "1000").await;
        let admin = user(&srv, &p, &["admin"]).await.client;
        for round in 0..3 {
            // Eight different keys, a customer with no account yet: all succeed.
            let c = sub_customer(&srv, &p, "2").await;
            let answers = join_all((0..8).map(|i| {
                let client = admin
                    .clone()
                    .with_idempotency_key(&format!("r{round}-k{i}"));
                let body = json!({"customer_id": c.id, "amount": "1.00"});
                async move { client.post(ADJUST, body).await }
            }))
            .await;
            for r in &answers {
                r.expect(200, "");
            }
            assert_eq!(cash(&srv, "customer", &c.id).await, 800);
            // Eight copies of one request with one key, another fresh customer: one effect,
            // eight identical answers.
            let c = sub_customer(&srv, &p, "2").await;
            let client = admin
                .clone()
                .with_idempotency_key(&format!("shared-{round}"));
            let answers = join_all((0..8).map(|_| {
                let (client, body) = (
                    client.clone(),
                    json!({"customer_id": c.id, "amount": "2.00"}),
                );
                async move { client.post(ADJUST, body).await }
            }))
            .await;
            let first = answers[0].expect(200, "");
            for r in &answers {
                assert_eq!(r.expect(200, ""), first);
            }
            assert_eq!(cash(&srv, "customer", &c.id).await, 200);
        }
        assert_ledger(&srv).await;
    }
);
