//! S14: a payout is refused until the business information (corporate bank account in the
//! company's name, tax info) is certified, with an error telling the partner to complete it.

use serde_json::json;
use tests::both_backends;
use tests::fixtures::{partner, user};
use tests::fixtures_programs::{business_info, failing, incentive, refused, review, COMPANY};
use tests::TestServer;

both_backends!(
    payout_waits_for_certification,
    |srv: TestServer| async move {
        let p = partner(&srv, "SOLUTION_PROVIDER").await;
        let fin = user(&srv, &p, &["finance"]).await.client;
        let inc = incentive(&srv, &p, "8000.50").await;
        let list = fin
            .get("/v2/partners/incentives", &[])
            .await
            .expect(200, "");
        assert_eq!(list["total_count"], 1);
        assert_eq!(list["incentives"][0]["amount"].to_string(), "8000.50");
        assert_eq!(list["incentives"][0]["payout"], json!(null));
        let payout = format!("/v2/partners/incentives/{inc}/payout-applications");
        let refusal = |status: &str| {
            let status = status.to_owned();
            let fin = fin.clone();
            let payout = payout.clone();
            async move {
                let e = fin
                    .get(&format!("{payout}/eligibility"), &[])
                    .await
                    .expect(200, "");
                assert_eq!(failing(&e), ["CBC.99100041"]);
                let r = fin.post(&payout, json!({})).await;
                let body = r.expect(400, "CBC.99100041");
                assert_eq!(refused(&body), ["CBC.99100041"]);
                let msg = r.msg();
                assert!(
                    msg.contains("complete business information certification"),
                    "{msg}"
                );
                assert!(msg.contains(&status), "{msg}");
            }
        };
        refusal("NOT_SUBMITTED").await;
        // A personal account, or one in another name, is refused with every failing rule.
        let r = fin
            .put(
                "/v2/partners/business-info",
                business_info("Zhang San", "PERSONAL"),
            )
            .await;
        assert_eq!(
            refused(&r.expect(400, "CBC.99100048")),
            ["CBC.99100048", "CBC.99100049"]
        );
        let r = fin
            .put(
                "/v2/partners/business-info",
                business_info("Other Co", "CORPORATE"),
            )
            .await;
        assert_eq!(refused(&r.expect(400, "CBC.99100049")), ["CBC.99100049"]);
        // The company's name as a bank writes it is the same name.
        let v = fin
            .put(
                "/v2/partners/business-info",
                business_info("  TEST  PARTNER ", "CORPORATE"),
            )
            .await
            .expect(200, "");
        assert_eq!(v["status"], "REVIEWING");
        assert_eq!(v["company_name"], COMPANY);
        assert_eq!(v["bank_account"]["account_number"], "****7890");
        let first = v["certification_id"].as_str().unwrap().to_owned();
        refusal("REVIEWING").await;
        review(
            &srv,
            "business-info-certifications",
            &first,
            "reject",
            json!({"reason_codes": ["BANK_LETTER_REQUIRED"], "reason": "Bank data differs"}),
        )
        .await;
        let c = fin
            .get("/v2/partners/business-info/certification", &[])
            .await
            .expect(200, "");
        assert_eq!(c["status"], "FAILED");
        assert_eq!(c["reason_codes"], json!(["BANK_LETTER_REQUIRED"]));
        refusal("FAILED").await;
        // Fixed and certified: the payout goes through, once.
        let v = fin
            .put(
                "/v2/partners/business-info",
                business_info(COMPANY, "CORPORATE"),
            )
            .await
            .expect(200, "");
        let second = v["certification_id"].as_str().unwrap().to_owned();
        review(
            &srv,
            "business-info-certifications",
            &second,
            "approve",
            json!({}),
        )
        .await;
        let c = fin
            .get("/v2/partners/business-info/certification", &[])
            .await
            .expect(200, "");
        assert_eq!(c["status"], "CERTIFIED");
        let e = fin
            .get(&format!("{payout}/eligibility"), &[])
            .await
            .expect(200, "");
        assert_eq!(e["eligible"], true);
        let paid = fin.post(&payout, json!({})).await.expect(201, "");
        assert_eq!(paid["status"], "SUBMITTED");
        assert_eq!(paid["business_info_certification_id"], second.as_str());
        let r = fin.post(&payout, json!({})).await;
        assert_eq!(refused(&r.expect(400, "CBC.99100050")), ["CBC.99100050"]);
        let list = fin
            .get("/v2/partners/incentives", &[])
            .await
            .expect(200, "");
        assert_eq!(list["incentives"][0]["payout"]["status"], "SUBMITTED");
        let view = srv
            .operator()
            .get(&format!("/v2/operator/partners/{}", p.id), &[])
            .await
            .expect(200, "");
        assert_eq!(view["business_info_certification_status"], "CERTIFIED");
        // New bank details must be certified again before the next payout.
        fin.put(
            "/v2/partners/business-info",
            business_info(COMPANY, "CORPORATE"),
        )
        .await
        .expect(200, "");
        let next = incentive(&srv, &p, "10").await;
        fin.post(
            &format!("/v2/partners/incentives/{next}/payout-applications"),
            json!({}),
        )
        .await
        .expect(400, "CBC.99100041");
        // The superseded certification can no longer be decided.
        srv.operator()
            .post(
                &format!("/v2/operator/business-info-certifications/{first}/approve"),
                json!({}),
            )
            .await
            .expect(400, "CBC.99100045");
    }
);

both_backends!(
    incentives_of_others_and_parameters,
    |srv: TestServer| async move {
        let p = partner(&srv, "SOLUTION_PROVIDER").await;
        let q = partner(&srv, "SOLUTION_PROVIDER").await;
        let fin = user(&srv, &p, &["finance"]).await.client;
        let theirs = incentive(&srv, &q, "1").await;
        let foreign = fin
            .post(
                &format!("/v2/partners/incentives/{theirs}/payout-applications"),
                json!({}),
            )
            .await;
        let missing = fin
            .post(
                "/v2/partners/incentives/nope/payout-applications",
                json!({}),
            )
            .await;
        foreign.expect(404, "CBC.99100002");
        assert_eq!(foreign.text, missing.text);
        fin.get(
            &format!("/v2/partners/incentives/{theirs}/payout-applications/eligibility"),
            &[],
        )
        .await
        .expect(404, "CBC.99100002");
        let mut bad = business_info(COMPANY, "CORPORATE");
        bad["bank_account"]["account_number"] = json!("12-34");
        fin.put("/v2/partners/business-info", bad)
            .await
            .expect(400, "CBC.0100");
        let mut bad = business_info(COMPANY, "CORPORATE");
        bad["tax_info"]["taxpayer_type"] = json!("BIG");
        fin.put("/v2/partners/business-info", bad)
            .await
            .expect(400, "CBC.0100");
        let mut bad = business_info(COMPANY, "CORPORATE");
        bad["bank_account"]["account_type"] = json!("SAVINGS");
        fin.put("/v2/partners/business-info", bad)
            .await
            .expect(400, "CBC.0100");
        let op = srv.operator();
        let base = format!("/v2/operator/partners/{}/incentives", p.id);
        op.post(&base, json!({"incentive_type": "BONUS", "amount": "1"}))
            .await
            .expect(400, "CBC.0100");
        op.post(&base, json!({"incentive_type": "FH", "amount": "1.001"}))
            .await
            .expect(400, "CBC.0100");
        op.post(
            &base,
            json!({"incentive_type": "FH", "amount": "1", "currency": "EUR"}),
        )
        .await
        .expect(400, "CBC.0100");
        op.post(
            "/v2/operator/partners/nope/incentives",
            json!({"incentive_type": "FH", "amount": "1"}),
        )
        .await
        .expect(404, "CBC.99100002");
    }
);
