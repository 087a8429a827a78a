//! Operator money endpoints: recharges and credit limits write ledger rows; idempotency keys.

use serde_json::json;
use tests::both_backends;
use tests::fixtures::{customer, partner};

async fn ledger_ok(srv: &tests::TestServer) {
    tests::fixtures::assert_ledger(srv).await;
}

both_backends!(
    recharge_and_credit_limit_write_the_ledger,
    |srv: tests::TestServer| async move {
        let op = srv.operator();
        let p = partner(&srv, "DISTRIBUTOR").await;
        op.post(
            &format!("/v2/operator/partners/{}/recharge", p.id),
            json!({"amount": "100.10"}),
        )
        .await
        .expect(200, "");
        op.put(
            &format!("/v2/operator/partners/{}/credit-limit", p.id),
            json!({"credit_limit": 500}),
        )
        .await
        .expect(200, "");
        op.put(
            &format!("/v2/operator/partners/{}/credit-limit", p.id),
            json!({"credit_limit": "200.5"}),
        )
        .await
        .expect(200, "");
        op.put(
            &format!("/v2/operator/partners/{}/credit-limit", p.id),
            json!({"credit_limit": -1}),
        )
        .await
        .expect(400, "CBC.0100");
        op.post("/v2/operator/partners/nope/recharge", json!({"amount": 1}))
            .await
            .expect(404, "CBC.99100002");
        let pid = p.id.clone();
        let accounts = {
            let db = srv.db.clone();
            tokio::task::spawn_blocking(move || {
                db.read(|c| persistence::repo::accounts::for_owner(c, "partner", &pid))
            })
            .await
            .unwrap()
            .unwrap()
        };
        let cash = accounts.iter().find(|a| a.account_type == 1).unwrap();
        let credit = accounts.iter().find(|a| a.account_type == 2).unwrap();
        assert_eq!(cash.balance_cents, 10010);
        assert_eq!(credit.balance_cents, 20050);
        assert_eq!(credit.credit_limit_cents, 20050);
        ledger_ok(&srv).await;
    }
);

both_backends!(
    resale_customers_are_not_recharged_directly,
    |srv: tests::TestServer| async move {
        let op = srv.operator();
        let c = customer(&srv).await;
        op.post(
            &format!("/v2/operator/customers/{}/recharge", c.id),
            json!({"amount": 3}),
        )
        .await
        .expect(200, "");
        op.put(
            &format!("/v2/operator/customers/{}/credit-limit", c.id),
            json!({"credit_limit": 30}),
        )
        .await
        .expect(200, "");
        op.post("/v2/operator/customers/nope/recharge", json!({"amount": 1}))
            .await
            .expect(404, "CBC.99100002");
        ledger_ok(&srv).await;
    }
);

both_backends!(
    idempotency_key_replays_and_conflicts,
    |srv: tests::TestServer| async move {
        let p = partner(&srv, "DISTRIBUTOR").await;
        let path = format!("/v2/operator/partners/{}/recharge", p.id);
        let op = srv.operator().with_idempotency_key("key-1");
        let a = op.post(&path, json!({"amount": 5})).await.expect(200, "");
        let b = op.post(&path, json!({"amount": 5})).await.expect(200, "");
        assert_eq!(a["trans_id"], b["trans_id"]);
        op.post(&path, json!({"amount": 6}))
            .await
            .expect(409, "CBC.0260");
        srv.operator()
            .with_idempotency_key(&"k".repeat(256))
            .post(&path, json!({"amount": 5}))
            .await
            .expect(400, "CBC.0100");
        // After 24 h the key may be used again.
        srv.clock.advance(chrono::Duration::hours(25));
        let mut later = op.clone();
        later.set_clock(srv.clock.clone());
        let c = later
            .post(&path, json!({"amount": 5}))
            .await
            .expect(200, "");
        assert_ne!(c["trans_id"], a["trans_id"]);
        ledger_ok(&srv).await;
    }
);

both_backends!(
    fifty_parallel_retries_move_money_once,
    |srv: tests::TestServer| async move {
        let p = partner(&srv, "DISTRIBUTOR").await;
        let path = format!("/v2/operator/partners/{}/recharge", p.id);
        let op = srv.operator().with_idempotency_key("parallel-key");
        let tasks: Vec<_> = (0..50)
            .map(|_| {
                let op = op.clone();
                let path = path.clone();
                tokio::spawn(async move { op.post(&path, json!({"amount": "7.00"})).await })
            })
            .collect();
        let mut ids = std::collections::HashSet::new();
        for t in tasks {
            let r = t.await.unwrap();
            // A concurrent duplicate either replays the first answer or is told it is in progress.
            match r.status {
                200 => {
                    ids.insert(r.json()["trans_id"].as_str().unwrap().to_owned());
                }
                409 => assert_eq!(r.code(), "CBC.0260"),
                s => panic!("unexpected {s}: {}", r.text),
            }
        }
        assert_eq!(ids.len(), 1, "one effect, one trans_id");
        let pid = p.id.clone();
        let db = srv.db.clone();
        let cash = tokio::task::spawn_blocking(move || {
            db.read(|c| persistence::repo::accounts::find(c, "partner", &pid, 1))
        })
        .await
        .unwrap()
        .unwrap()
        .unwrap();
        assert_eq!(cash.balance_cents, 700);
        ledger_ok(&srv).await;
    }
);
