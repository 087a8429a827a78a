//! S2 PCE benefits from the operator's configuration, and benefit 3: a shared opportunity a
//! member moves to `WON` grants that partner a `PCE_SHARED_OPPORTUNITY` incentive by the
//! operator's rule (a percentage of the estimated revenue, capped), once per opportunity even
//! under concurrent moves.

use futures_util::future::join_all;
use serde_json::{json, Value};
use tests::both_backends;
use tests::fixtures::{Party, User};
use tests::fixtures_opportunities::{partner_with, staff};
use tests::{Client, Response, TestServer};

const PCE: &str = "/v2/partners/programs/pce";
const SHARED: &str = "/v2/partners/programs/pce/shared-opportunities";
const RULE: &str = "/v2/operator/pce/incentive-rule";
const BENEFITS: &str = "/v2/operator/pce/benefits";

/// A PCE member (joined with a signed agreement) with its admin and an account manager.
async fn member(srv: &TestServer) -> (Party, User, User) {
    let p = partner_with(srv, "SOLUTION_PROVIDER", json!({})).await;
    let admin = staff(srv, &p, &["admin", "finance"], None).await;
    let am = staff(srv, &p, &["account_manager"], None).await;
    admin
        .client
        .post(&format!("{PCE}/join"), json!({"agreement_signed": true}))
        .await
        .expect(200, "");
    (p, admin, am)
}

/// Shares an opportunity with `monthly` expected and has the member confirm it.
async fn confirmed(srv: &TestServer, p: &Party, am: &Client, monthly: &str) -> String {
    let v = srv
        .operator()
        .post(
            "/v2/operator/pce/shared-opportunities",
            json!({"partner_id": p.id, "customer_name": "Globex", "industry": "MANUFACTURING",
                   "product_category": "AI", "expected_monthly_amount": monthly}),
        )
        .await
        .expect(201, "");
    let id = v["opportunity_id"].as_str().unwrap().to_owned();
    am.post(&status_path(&id), json!({"status": "CONFIRMED"}))
        .await
        .expect(200, "");
    id
}

fn status_path(id: &str) -> String {
    format!("{SHARED}/{id}/status")
}

/// The partner's incentives of type `PCE_SHARED_OPPORTUNITY`.
async fn pce_incentives(admin: &Client) -> Vec<Value> {
    let v = admin
        .get("/v2/partners/incentives", &[("limit", "100")])
        .await
        .expect(200, "");
    v["incentives"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["incentive_type"] == "PCE_SHARED_OPPORTUNITY")
        .cloned()
        .collect()
}

both_backends!(
    benefits_are_the_operators_configuration,
    |srv: TestServer| async move {
        let p = partner_with(&srv, "SOLUTION_PROVIDER", json!({})).await;
        let admin = staff(&srv, &p, &["admin"], None).await;
        let op = srv.operator();
        // The seed's three, written by the migration, are the defaults.
        let seed = json!([
            {"code": "OPPORTUNITY_MANAGEMENT", "name": "Access to opportunity management in the partner center"},
            {"code": "BUSINESS_SUPPORT", "name": "Business support from the platform"},
            {"code": "SHARED_OPPORTUNITY_INCENTIVES", "name": "Incentives for shared opportunities"}
        ]);
        assert_eq!(
            op.get(BENEFITS, &[]).await.expect(200, "")["benefits"],
            seed
        );
        let v = admin.client.get(PCE, &[]).await.expect(200, "");
        assert_eq!(v["benefits"], seed);
        assert!(v["shared_opportunity_incentive"].is_null());
        // The operator changes them; partners see the change.
        let mine = json!([
            {"code": "SHARED_OPPORTUNITY_INCENTIVES", "name": "共享机会点激励"},
            {"code": "MARKETING_FUND", "name": "Joint marketing fund"}
        ]);
        let v = op
            .put(BENEFITS, json!({ "benefits": mine }))
            .await
            .expect(200, "");
        assert_eq!(v["benefits"], mine);
        assert_eq!(
            op.get(BENEFITS, &[]).await.expect(200, "")["benefits"],
            mine
        );
        let v = admin.client.get(PCE, &[]).await.expect(200, "");
        assert_eq!(v["benefits"], mine);
        // Malformed lists are refused, naming what is wrong, and change nothing.
        let bad = [
            (json!({"benefits": []}), "benefits"),
            (
                json!({"benefits": [{"code": "a b", "name": "x"}]}),
                "benefits[0].code",
            ),
            (json!({"benefits": [{"code": "A", "name": " "}]}), "name"),
            (
                json!({"benefits": [{"code": "A", "name": "x"}, {"code": "A", "name": "y"}]}),
                "benefits[1].code",
            ),
            (json!({"benefits": [{"code": "A"}]}), "name"),
            (
                json!({"benefits": [{"code": "A", "name": "x"}], "extra": 1}),
                "extra",
            ),
        ];
        for (body, names) in bad {
            let r = op.put(BENEFITS, body.clone()).await;
            let v = r.expect(400, "CBC.0100");
            assert!(
                v["error_msg"].as_str().unwrap().contains(names),
                "{body}: {v}"
            );
        }
        assert_eq!(
            op.get(BENEFITS, &[]).await.expect(200, "")["benefits"],
            mine
        );
        // Only the operator configures them.
        admin
            .client
            .put(BENEFITS, json!({ "benefits": mine }))
            .await
            .expect(403, "CBC.0151");
    }
);

both_backends!(
    the_operator_sets_the_incentive_rule,
    |srv: TestServer| async move {
        let op = srv.operator();
        op.get(RULE, &[]).await.expect(404, "CBC.99100002");
        let rule = json!({"percentage": "5.00", "cap_amount": "10000.00", "currency": "CNY"});
        let v = op.put(RULE, rule).await.expect(200, "");
        // Numbers written with two decimals (arbitrary precision keeps them as written).
        let want: Value = serde_json::from_str(
            r#"{"percentage": 5.00, "cap_amount": 10000.00, "currency": "CNY",
                "incentive_type": "PCE_SHARED_OPPORTUNITY"}"#,
        )
        .unwrap();
        assert_eq!(v, want);
        assert_eq!(v["percentage"].to_string(), "5.00");
        assert_eq!(op.get(RULE, &[]).await.expect(200, ""), want);
        // Exact input: each bad field named, nothing changed.
        let bad = [
            (
                json!({"percentage": "0", "cap_amount": "1", "currency": "CNY"}),
                "percentage",
            ),
            (
                json!({"percentage": "100.01", "cap_amount": "1", "currency": "CNY"}),
                "percentage",
            ),
            (
                json!({"percentage": "5.001", "cap_amount": "1", "currency": "CNY"}),
                "percentage",
            ),
            (
                json!({"percentage": "5", "cap_amount": "0", "currency": "CNY"}),
                "cap_amount",
            ),
            (
                json!({"percentage": "5", "cap_amount": "1.001", "currency": "CNY"}),
                "cap_amount",
            ),
            (
                json!({"percentage": "5", "cap_amount": "1", "currency": "EUR"}),
                "currency",
            ),
            (json!({"percentage": "5", "cap_amount": "1"}), "currency"),
            (
                json!({"percentage": "5", "cap_amount": "1", "currency": "CNY", "cap": 1}),
                "cap",
            ),
        ];
        for (body, names) in bad {
            let v = op.put(RULE, body.clone()).await.expect(400, "CBC.0100");
            assert!(
                v["error_msg"].as_str().unwrap().contains(names),
                "{body}: {v}"
            );
        }
        assert_eq!(op.get(RULE, &[]).await.expect(200, ""), want);
        let v = op
            .put(
                RULE,
                json!({"percentage": 12.5, "cap_amount": 300, "currency": "USD"}),
            )
            .await
            .expect(200, "");
        assert_eq!(v["percentage"].to_string(), "12.50");
        assert_eq!(v["cap_amount"].to_string(), "300.00");
        assert_eq!(v["currency"], "USD");
        // Partners see the rule with the benefits; only the operator sets it.
        let (_, admin, _) = member(&srv).await;
        let pce = admin.client.get(PCE, &[]).await.expect(200, "");
        assert_eq!(pce["shared_opportunity_incentive"], v);
        admin
            .client
            .put(
                RULE,
                json!({"percentage": "5", "cap_amount": "1", "currency": "CNY"}),
            )
            .await
            .expect(403, "CBC.0151");
        admin.client.get(RULE, &[]).await.expect(403, "CBC.0151");
    }
);

both_backends!(
    a_won_shared_opportunity_grants_the_rules_incentive,
    |srv: TestServer| async move {
        let (p, admin, am) = member(&srv).await;
        let am = &am.client;
        // Won before any rule is set: nothing is granted.
        let early = confirmed(&srv, &p, am, "30000.00").await;
        let v = am
            .post(&status_path(&early), json!({"status": "WON"}))
            .await
            .expect(200, "");
        assert!(v["incentive_id"].is_null());
        assert!(pce_incentives(&admin.client).await.is_empty());
        srv.operator()
            .put(
                RULE,
                json!({"percentage": "5.00", "cap_amount": "10000.00", "currency": "CNY"}),
            )
            .await
            .expect(200, "");
        // (expected monthly amount, incentive): 5 % of it, at most 10000.00, to the cent.
        let cases = [
            ("30000.00", Some("1500.00")),
            ("200000.00", Some("10000.00")),
            ("5000000.00", Some("10000.00")),
            ("123.45", Some("6.17")),
            ("0.10", Some("0.01")),
            ("0.09", None),
            ("0", None),
        ];
        let mut granted = Vec::new();
        for (monthly, want) in cases {
            let id = confirmed(&srv, &p, am, monthly).await;
            let v = am
                .post(
                    &status_path(&id),
                    json!({"status": "WON", "reason": "signed"}),
                )
                .await
                .expect(200, "");
            assert_eq!(v["status"], "WON");
            match want {
                Some(amount) => {
                    let incentive = v["incentive_id"].as_str().unwrap().to_owned();
                    granted.push((incentive, id, amount));
                }
                None => assert!(v["incentive_id"].is_null(), "{monthly}: {v}"),
            }
        }
        let listed = pce_incentives(&admin.client).await;
        assert_eq!(listed.len(), granted.len());
        for (incentive, opportunity, amount) in &granted {
            let i = listed
                .iter()
                .find(|i| i["incentive_id"] == incentive.as_str())
                .unwrap();
            assert_eq!(i["amount"].to_string(), *amount, "{i}");
            assert_eq!(i["currency"], "CNY");
            assert_eq!(i["source_id"], opportunity.as_str());
        }
        // A lost one grants nothing; a won one cannot be won again.
        let lost = confirmed(&srv, &p, am, "30000.00").await;
        am.post(&status_path(&lost), json!({"status": "LOST"}))
            .await
            .expect(200, "");
        let (first, won, _) = &granted[0];
        am.post(&status_path(won), json!({"status": "WON"}))
            .await
            .expect(400, "CBC.99100123");
        assert_eq!(pce_incentives(&admin.client).await.len(), granted.len());
        // The listing shows each won opportunity's incentive.
        let list = am.get(SHARED, &[("status", "WON")]).await.expect(200, "");
        let shown = list["opportunities"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["opportunity_id"] == won.as_str())
            .unwrap();
        assert_eq!(shown["incentive_id"], first.as_str());
        // The incentive is paid out like any other (after business-info certification).
        tests::fixtures_programs::certified_business_info(&srv, &admin.client).await;
        admin
            .client
            .post(
                &format!("/v2/partners/incentives/{first}/payout-applications"),
                json!({}),
            )
            .await
            .expect(201, "");
    }
);

both_backends!(
    concurrent_won_moves_grant_once,
    |srv: TestServer| async move {
        let (p, admin, am) = member(&srv).await;
        srv.operator()
            .put(
                RULE,
                json!({"percentage": "5.00", "cap_amount": "10000.00", "currency": "CNY"}),
            )
            .await
            .expect(200, "");
        for round in 0..3 {
            let id = confirmed(&srv, &p, &am.client, "30000.00").await;
            let path = status_path(&id);
            let sent = (0..8).map(|_| {
                let (c, path) = (am.client.clone(), path.clone());
                async move { c.post(&path, json!({"status": "WON"})).await }
            });
            let answers: Vec<Response> = join_all(sent).await;
            let won: Vec<&Response> = answers.iter().filter(|r| r.status == 200).collect();
            assert_eq!(
                won.len(),
                1,
                "round {round}: {:?}",
                answers.iter().map(|r| &r.text).collect::<Vec<_>>()
            );
            for r in answers.iter().filter(|r| r.status != 200) {
                r.expect(400, "CBC.99100123");
            }
            let for_it: Vec<Value> = pce_incentives(&admin.client)
                .await
                .into_iter()
                .filter(|i| i["source_id"] == id.as_str())
                .collect();
            assert_eq!(for_it.len(), 1, "round {round}");
            assert_eq!(for_it[0]["amount"].to_string(), "1500.00");
        }
        assert_eq!(pce_incentives(&admin.client).await.len(), 3);
    }
);
