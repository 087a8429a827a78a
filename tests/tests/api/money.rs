//! S10 money operations: balances, allocations and reclaims, with authorization by object.

use serde_json::json;
use tests::both_backends;
use tests::fixtures::{assert_ledger, cash, link, partner, recharge, sub_customer, user};

const ADJUST: &str = "/v2/accounts/partner-accounts/adjust-amount";
const RECLAIM: &str = "/v2/accounts/partner-accounts/reclaim";
const TO_RESELLER: &str = "/v2/accounts/partner-accounts/indirect-partner-adjust";
const FROM_RESELLER: &str = "/v2/accounts/partner-accounts/indirect-partner-reclaim";

both_backends!(
    allocate_and_reclaim_with_a_customer,
    |srv: tests::TestServer| async move {
        let d = partner(&srv, "DISTRIBUTOR").await;
        let fin = user(&srv, &d, &["finance"]).await;
        let c = sub_customer(&srv, &d, "2").await;
        recharge(&srv, &d, "100").await;
        let t = fin
            .client
            .post(ADJUST, json!({"customer_id": c.id, "amount": "30.50"}))
            .await
            .expect(200, "");
        assert_eq!(t["transfer_id"].as_str().unwrap().len(), 32);
        assert_eq!(cash(&srv, "partner", &d.id).await, 6950);
        assert_eq!(cash(&srv, "customer", &c.id).await, 3050);
        let r = fin
            .client
            .post(RECLAIM, json!({"customer_id": c.id, "amount": 10}))
            .await
            .expect(200, "");
        assert!(r["trans_id"].is_string());
        assert_eq!(cash(&srv, "customer", &c.id).await, 2050);
        // Never more than the giver has; nothing moves.
        fin.client
            .post(ADJUST, json!({"customer_id": c.id, "amount": "79.51"}))
            .await
            .expect(400, "CBC.99005003");
        fin.client
            .post(RECLAIM, json!({"customer_id": c.id, "amount": "20.51"}))
            .await
            .expect(400, "CBC.99005003");
        fin.client
            .post(ADJUST, json!({"customer_id": c.id, "amount": "0.001"}))
            .await
            .expect(400, "CBC.0100");
        assert_eq!(cash(&srv, "partner", &d.id).await, 7950);
        assert_ledger(&srv).await;
    }
);

both_backends!(
    foreign_objects_answer_like_missing_ones,
    |srv: tests::TestServer| async move {
        let d = partner(&srv, "DISTRIBUTOR").await;
        let other = partner(&srv, "DISTRIBUTOR").await;
        let theirs = partner(&srv, "RESELLER").await;
        link(&srv, &other, &theirs).await;
        let fin = user(&srv, &d, &["finance"]).await;
        let foreign_customer = sub_customer(&srv, &other, "2").await;
        recharge(&srv, &d, "100").await;
        let a = fin
            .client
            .post(
                ADJUST,
                json!({"customer_id": foreign_customer.id, "amount": 1}),
            )
            .await;
        let b = fin
            .client
            .post(
                ADJUST,
                json!({"customer_id": "0123456789abcdef0123456789abcdef", "amount": 1}),
            )
            .await;
        a.expect(400, "CBC.99000035");
        assert_eq!(
            a.json(),
            b.json(),
            "foreign and missing customers must look the same"
        );
        let a = fin
            .client
            .post(
                TO_RESELLER,
                json!({"indirect_partner_id": theirs.id, "amount": 1}),
            )
            .await;
        let b = fin
            .client
            .post(
                TO_RESELLER,
                json!({"indirect_partner_id": "nope", "amount": 1}),
            )
            .await;
        a.expect(400, "CBC.99000037");
        assert_eq!(a.json(), b.json());
        let a = fin
            .client
            .get(
                "/v2/accounts/partner-accounts/balances",
                &[("indirect_partner_id", &theirs.id)],
            )
            .await;
        a.expect(400, "CBC.99000037");
        assert_eq!(cash(&srv, "partner", &d.id).await, 10000);
        assert_eq!(cash(&srv, "customer", &foreign_customer.id).await, 0);
    }
);

both_backends!(
    distributor_and_reseller_money,
    |srv: tests::TestServer| async move {
        let d = partner(&srv, "DISTRIBUTOR").await;
        let r = partner(&srv, "RESELLER").await;
        link(&srv, &d, &r).await;
        let fin = user(&srv, &d, &["admin"]).await;
        let rfin = user(&srv, &r, &["finance"]).await;
        let rc = sub_customer(&srv, &r, "2").await;
        recharge(&srv, &d, "50").await;
        fin.client
            .post(
                TO_RESELLER,
                json!({"indirect_partner_id": r.id, "amount": 20}),
            )
            .await
            .expect(200, "");
        fin.client
            .post(
                FROM_RESELLER,
                json!({"indirect_partner_id": r.id, "amount": 5}),
            )
            .await
            .expect(200, "");
        fin.client
            .post(
                FROM_RESELLER,
                json!({"indirect_partner_id": r.id, "amount": 15.01}),
            )
            .await
            .expect(400, "CBC.99005003");
        // The distributor acts for its reseller: the reseller's money funds the reseller's customer.
        fin.client
            .post(
                ADJUST,
                json!({"customer_id": rc.id, "amount": 4, "indirect_partner_id": r.id}),
            )
            .await
            .expect(200, "");
        fin.client
            .post(ADJUST, json!({"customer_id": rc.id, "amount": 1}))
            .await
            .expect(400, "CBC.99000035");
        rfin.client
            .post(ADJUST, json!({"customer_id": rc.id, "amount": "11.01"}))
            .await
            .expect(400, "CBC.99005003");
        rfin.client
            .post(RECLAIM, json!({"customer_id": rc.id, "amount": 4}))
            .await
            .expect(200, "");
        // A reseller is no distributor.
        rfin.client
            .post(
                TO_RESELLER,
                json!({"indirect_partner_id": d.id, "amount": 1}),
            )
            .await
            .expect(403, "CBC.0151");
        assert_eq!(cash(&srv, "partner", &d.id).await, 3500);
        assert_eq!(cash(&srv, "partner", &r.id).await, 1500);
        let b = fin
            .client
            .get(
                "/v2/accounts/partner-accounts/balances",
                &[("indirect_partner_id", &r.id)],
            )
            .await
            .expect(200, "");
        let cash_row = b["account_balances"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["account_type"] == 1)
            .unwrap()
            .clone();
        assert_eq!(cash_row["amount"].to_string(), "15.00");
        assert_ledger(&srv).await;
    }
);

both_backends!(roles_and_identities, |srv: tests::TestServer| async move {
    let d = partner(&srv, "DISTRIBUTOR").await;
    let am = user(&srv, &d, &["account_manager"]).await;
    let c = sub_customer(&srv, &d, "2").await;
    am.client
        .post(ADJUST, json!({"customer_id": c.id, "amount": 1}))
        .await
        .expect(403, "CBC.0151");
    am.client
        .get("/v2/accounts/partner-accounts/balances", &[])
        .await
        .expect(403, "CBC.0151");
    c.client
        .post(ADJUST, json!({"customer_id": c.id, "amount": 1}))
        .await
        .expect(403, "CBC.0151");
    srv.operator()
        .get("/v2/accounts/customer-accounts/balances", &[])
        .await
        .expect(403, "CBC.0151");
    // 403 comes before the body is judged.
    am.client
        .post(ADJUST, json!({"amount": "x"}))
        .await
        .expect(403, "CBC.0151");
});

both_backends!(
    balances_of_partners_and_customers,
    |srv: tests::TestServer| async move {
        let d = partner(&srv, "DISTRIBUTOR").await;
        let fin = user(&srv, &d, &["finance"]).await;
        let c = sub_customer(&srv, &d, "2").await;
        recharge(&srv, &d, "12.3").await;
        srv.operator()
            .put(
                &format!("/v2/operator/partners/{}/credit-limit", d.id),
                json!({"credit_limit": 1000}),
            )
            .await
            .expect(200, "");
        fin.client
            .post(ADJUST, json!({"customer_id": c.id, "amount": 2}))
            .await
            .expect(200, "");
        let b = fin
            .client
            .get("/v2/accounts/partner-accounts/balances", &[])
            .await
            .expect(200, "");
        let rows = b["account_balances"].as_array().unwrap();
        assert_eq!(rows.len(), 2);
        let text = b.to_string();
        assert!(text.contains("\"amount\":10.30"), "{text}");
        assert!(text.contains("\"credit_amount\":1000.00"), "{text}");
        assert_eq!(rows[0]["currency"], "CNY");
        assert_eq!(rows[0]["measure_id"], 1);
        let own = c
            .client
            .get("/v2/accounts/customer-accounts/balances", &[])
            .await
            .expect(200, "");
        assert!(own.to_string().contains("\"amount\":2.00"), "{own}");
        assert_eq!(own["debt_amount"].to_string(), "0.00");
        let batch = fin
            .client
            .post(
                "/v2/accounts/customer-accounts/balances/batch-query",
                json!({"customer_infos": [{"customer_id": c.id}]}),
            )
            .await
            .expect(200, "");
        assert_eq!(batch["customer_balances"][0]["customer_id"], c.id.as_str());
        assert_eq!(batch["customer_balances"][0]["amount"].to_string(), "2.00");
        let other = tests::fixtures::customer(&srv).await;
        fin.client
            .post(
                "/v2/accounts/customer-accounts/balances/batch-query",
                json!({"customer_infos": [{"customer_id": other.id}]}),
            )
            .await
            .expect(400, "CBC.99000035");
        fin.client
            .post(
                "/v2/accounts/customer-accounts/balances/batch-query",
                json!({"customer_infos": []}),
            )
            .await
            .expect(400, "CBC.0100");
    }
);
