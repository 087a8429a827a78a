//! S14 (#20): the operator pays or rejects a payout application; the partner sees `PAID` with
//! the bank's reference or `REJECTED` with the reasons; an incentive is paid at most once, even
//! by two concurrent payments.

use serde_json::json;
use tests::both_backends;
use tests::fixtures::{events_of, partner, user};
use tests::fixtures_programs::{certified_business_info, incentive, refused};
use tests::{Client, TestServer};

fn path(id: &str, action: &str) -> String {
    format!("/v2/operator/payout-applications/{id}/{action}")
}

async fn apply(fin: &Client, incentive_id: &str) -> String {
    fin.post(
        &format!("/v2/partners/incentives/{incentive_id}/payout-applications"),
        json!({}),
    )
    .await
    .expect(201, "")["payout_application_id"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn payout_of(fin: &Client, incentive_id: &str) -> serde_json::Value {
    let list = fin
        .get("/v2/partners/incentives", &[])
        .await
        .expect(200, "");
    list["incentives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["incentive_id"] == incentive_id)
        .map(|i| i["payout"].clone())
        .unwrap_or_default()
}

both_backends!(
    the_operator_pays_an_incentive_once,
    |srv: TestServer| async move {
        let p = partner(&srv, "SOLUTION_PROVIDER").await;
        let fin = user(&srv, &p, &["finance"]).await.client;
        certified_business_info(&srv, &fin).await;
        let inc = incentive(&srv, &p, "800.50").await;
        let id = apply(&fin, &inc).await;
        let op = srv.operator();
        // Another currency and more than the incentive: both rules named.
        let body = op
            .post(
                &path(&id, "pay"),
                json!({"bank_reference": "BOC-1", "paid_amount": "800.51", "currency": "USD"}),
            )
            .await
            .expect(400, "CBC.99100213");
        assert_eq!(refused(&body), ["CBC.99100213", "CBC.99100213"]);
        op.post(
            &path("0123456789abcdef0123456789abcdef", "pay"),
            json!({"bank_reference": "BOC-1", "paid_amount": "1", "currency": "CNY"}),
        )
        .await
        .expect(404, "CBC.99100002");
        op.post(
            &path(&id, "pay"),
            json!({"bank_reference": "BOC-1", "paid_amount": "0", "currency": "CNY"}),
        )
        .await
        .expect(400, "CBC.0100");
        // Two concurrent payments: exactly one wins.
        let pay = |reference: &'static str| {
            let (op, p) = (srv.operator(), path(&id, "pay"));
            async move {
                op.post(
                    &p,
                    json!({"bank_reference": reference, "paid_amount": "800.50", "currency": "CNY"}),
                )
                .await
            }
        };
        let (a, b) = tokio::join!(pay("BOC-A"), pay("BOC-B"));
        let mut statuses = [a.status, b.status];
        statuses.sort_unstable();
        assert_eq!(statuses, [200, 400], "{} / {}", a.text, b.text);
        let (won, lost) = if a.status == 200 { (a, b) } else { (b, a) };
        lost.expect(400, "CBC.99100212");
        let won = won.expect(200, "");
        assert_eq!(won["status"], "PAID");
        let seen = payout_of(&fin, &inc).await;
        assert_eq!(seen["status"], "PAID");
        assert_eq!(seen["bank_reference"], won["bank_reference"]);
        assert_eq!(seen["paid_amount"].to_string(), "800.50");
        assert_eq!(seen["paid_currency"], "CNY");
        assert!(seen["decided_on"].is_string());
        // The partner heard of the grant and of the one payment, never of the losing one.
        let heard: Vec<(String, serde_json::Value)> = events_of(&srv, &p)
            .await
            .into_iter()
            .filter(|(t, _)| t.starts_with("incentive.") || t.starts_with("payout."))
            .collect();
        let kinds: Vec<&str> = heard.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(kinds, ["incentive.granted", "payout.paid"], "{heard:?}");
        assert_eq!(heard[0].1["incentive_id"], inc.as_str());
        assert_eq!(heard[1].1["application_id"], id.as_str());
        // Paid is final: no rejection, no second payment.
        op.post(
            &path(&id, "reject"),
            json!({"reason_codes": ["BANK_RETURNED"]}),
        )
        .await
        .expect(400, "CBC.99100212");
        // The partner cannot pay itself.
        fin.post(
            &path(&id, "pay"),
            json!({"bank_reference": "X", "paid_amount": "1", "currency": "CNY"}),
        )
        .await
        .expect(403, "CBC.0151");
    }
);

both_backends!(
    a_rejected_payout_shows_its_reasons,
    |srv: TestServer| async move {
        let p = partner(&srv, "SOLUTION_PROVIDER").await;
        let fin = user(&srv, &p, &["finance"]).await.client;
        certified_business_info(&srv, &fin).await;
        let inc = incentive(&srv, &p, "10").await;
        let id = apply(&fin, &inc).await;
        let op = srv.operator();
        op.post(&path(&id, "reject"), json!({"reason_codes": []}))
            .await
            .expect(400, "CBC.0100");
        let v = op
            .post(
                &path(&id, "reject"),
                json!({"reason_codes": ["BANK_ACCOUNT_CLOSED"], "reason": "The account was closed"}),
            )
            .await
            .expect(200, "");
        assert_eq!(v["status"], "REJECTED");
        let seen = payout_of(&fin, &inc).await;
        assert_eq!(seen["status"], "REJECTED");
        assert_eq!(seen["reason_codes"], json!(["BANK_ACCOUNT_CLOSED"]));
        assert_eq!(seen["reason"], "The account was closed");
        assert!(seen.get("bank_reference").is_none(), "{seen}");
        let kinds: Vec<String> = events_of(&srv, &p)
            .await
            .into_iter()
            .map(|(t, _)| t)
            .filter(|t| t.starts_with("payout."))
            .collect();
        assert_eq!(kinds, ["payout.rejected"]);
        op.post(
            &path(&id, "pay"),
            json!({"bank_reference": "BOC-1", "paid_amount": "10", "currency": "CNY"}),
        )
        .await
        .expect(400, "CBC.99100212");
    }
);
