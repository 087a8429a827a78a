//! S6 PO opportunities: every violated rule in one answer, drafts, the review with reason
//! codes, fixing and resubmitting a rejected one, and the operator's settings.

use serde_json::json;
use tests::both_backends;
use tests::fixtures_opportunities::{partner_with, po_body, staff};

const PO: &str = "/v2/partners/po-opportunities";

fn codes(v: &serde_json::Value) -> Vec<String> {
    v["error_details"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|d| d["error_code"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

both_backends!(
    a_submission_missing_several_bant_parts_gets_all_their_codes,
    |srv: tests::TestServer| async move {
        let p = partner_with(&srv, "RESELLER", json!({})).await;
        let am = staff(&srv, &p, &["account_manager"], None).await;
        let mut body = po_body();
        body.as_object_mut().unwrap().remove("budget");
        body["decision_maker"] = json!("TBD");
        body["requirement"] = json!("cloud");
        body["purchase_plan"] = json!("   ");
        let r = am.client.post(PO, body.clone()).await;
        let v = r.expect(400, "CBC.99100101");
        assert_eq!(
            codes(&v),
            [
                "CBC.99100101",
                "CBC.99100102",
                "CBC.99100103",
                "CBC.99100104"
            ],
            "{v}"
        );
        assert!(r.msg().starts_with("4 rules are not met"), "{}", r.msg());
        // Completeness and reasonableness come together with BANT.
        body["product_category"] = json!("CATERING");
        body["estimated_revenue"] = json!("0");
        body.as_object_mut().unwrap().remove("customer_name");
        let v = am.client.post(PO, body).await.expect(400, "CBC.99100100");
        assert_eq!(
            codes(&v),
            [
                "CBC.99100100",
                "CBC.99100101",
                "CBC.99100102",
                "CBC.99100103",
                "CBC.99100104",
                "CBC.99100105",
                "CBC.99100106"
            ]
        );
        assert!(v["error_details"][0]["error_msg"]
            .as_str()
            .unwrap()
            .contains("customer_name"));
        // Nothing was stored by the refused submissions.
        let v = am.client.get(PO, &[]).await.expect(200, "");
        assert_eq!(v["total_count"], 0);
        // The check read shows the same rules without storing.
        let v = am
            .client
            .post(&format!("{PO}/check"), json!({"budget": "10"}))
            .await
            .expect(200, "");
        assert_eq!(v["eligible"], false);
        let failing: Vec<&str> = v["rules"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["passed"] == false)
            .map(|r| r["rule"].as_str().unwrap())
            .collect();
        assert_eq!(
            failing,
            [
                "REQUIRED_FIELDS",
                "BANT_AUTHORITY",
                "BANT_NEED",
                "BANT_TIMELINE"
            ]
        );
    }
);

both_backends!(
    draft_review_fix_and_resubmit,
    |srv: tests::TestServer| async move {
        let p = partner_with(&srv, "RESELLER", json!({})).await;
        let am = staff(&srv, &p, &["account_manager"], None).await;
        let op = srv.operator();
        // A draft takes anything well-formed.
        let v = am
            .client
            .post(PO, json!({"submit": false, "customer_name": "ACME"}))
            .await
            .expect(201, "");
        assert_eq!(v["review_status"], "DRAFT");
        let id = v["opportunity_id"].as_str().unwrap().to_owned();
        // Drafts do not reach the operator's queue.
        let q = op
            .get("/v2/operator/po-opportunities", &[("status", "PENDING")])
            .await
            .expect(200, "");
        assert_eq!(q["total_count"], 0);
        am.client
            .post(&format!("{PO}/{id}/submit"), json!({}))
            .await
            .expect(400, "CBC.99100100");
        let v = am
            .client
            .put(&format!("{PO}/{id}"), po_body())
            .await
            .expect(200, "");
        assert_eq!(v["review_status"], "DRAFT");
        let v = am
            .client
            .post(&format!("{PO}/{id}/submit"), json!({}))
            .await
            .expect(200, "");
        assert_eq!(v["review_status"], "PENDING");
        assert_eq!(v["submission_count"], 1);
        // Pending: no edits, no second submission.
        am.client
            .put(&format!("{PO}/{id}"), po_body())
            .await
            .expect(400, "CBC.99100109");
        am.client
            .post(&format!("{PO}/{id}/submit"), json!({}))
            .await
            .expect(400, "CBC.99100109");
        let q = op
            .get(
                "/v2/operator/po-opportunities",
                &[("status", "PENDING"), ("partner_id", &p.id)],
            )
            .await
            .expect(200, "");
        assert_eq!(q["total_count"], 1);
        // The operator rejects with reason codes; the partner sees them, fixes and resubmits.
        op.post(
            &format!("/v2/operator/po-opportunities/{id}/reject"),
            json!({}),
        )
        .await
        .expect(400, "CBC.0100");
        let v = op
            .post(
                &format!("/v2/operator/po-opportunities/{id}/reject"),
                json!({"reason_codes": ["REVENUE_TOO_LOW"], "reason": "too small for a PO"}),
            )
            .await
            .expect(200, "");
        assert_eq!(v["review_status"], "REJECTED");
        let v = am
            .client
            .get(&format!("{PO}/{id}"), &[])
            .await
            .expect(200, "");
        assert_eq!(v["reason_codes"], json!(["REVENUE_TOO_LOW"]));
        op.post(
            &format!("/v2/operator/po-opportunities/{id}/approve"),
            json!({}),
        )
        .await
        .expect(400, "CBC.99100045");
        let mut fixed = po_body();
        fixed["estimated_revenue"] = json!("90000.00");
        am.client
            .put(&format!("{PO}/{id}"), fixed)
            .await
            .expect(200, "");
        let v = am
            .client
            .post(&format!("{PO}/{id}/submit"), json!({}))
            .await
            .expect(200, "");
        assert_eq!(v["submission_count"], 2);
        let v = op
            .post(
                &format!("/v2/operator/po-opportunities/{id}/approve"),
                json!({}),
            )
            .await
            .expect(200, "");
        assert_eq!(v["review_status"], "APPROVED");
        assert_eq!(v["estimated_revenue"].to_string(), "90000.00");
        // The partner heard of both decisions.
        let decided: Vec<(String, String)> = tests::fixtures::events_of(&srv, &p)
            .await
            .into_iter()
            .filter(|(t, d)| t == "review.decided" && d["subject"] == "po_opportunity")
            .map(|(_, d)| {
                let s = |k: &str| d[k].as_str().unwrap_or_default().to_owned();
                (s("application_id"), s("decision"))
            })
            .collect();
        let want = [
            (id.to_string(), "REJECTED".to_owned()),
            (id.to_string(), "APPROVED".to_owned()),
        ];
        assert_eq!(decided, want);
        am.client
            .put(&format!("{PO}/{id}"), po_body())
            .await
            .expect(400, "CBC.99100109");
        // Another partner cannot see it; the queue filters by status.
        let other = partner_with(&srv, "RESELLER", json!({})).await;
        let stranger = staff(&srv, &other, &["admin"], None).await;
        stranger
            .client
            .get(&format!("{PO}/{id}"), &[])
            .await
            .expect(404, "CBC.99100002");
        stranger
            .client
            .post(&format!("{PO}/{id}/submit"), json!({}))
            .await
            .expect(404, "CBC.99100002");
        let q = op
            .get("/v2/operator/po-opportunities", &[("status", "APPROVED")])
            .await
            .expect(200, "");
        assert_eq!(q["total_count"], 1);
        op.get("/v2/operator/po-opportunities", &[("status", "DRAFT")])
            .await
            .expect(400, "CBC.0100");
        am.client
            .get("/v2/operator/po-opportunities", &[])
            .await
            .expect(403, "CBC.0151");
    }
);

both_backends!(
    the_operator_sets_the_reasonableness_rules,
    |srv: tests::TestServer| async move {
        let p = partner_with(&srv, "RESELLER", json!({})).await;
        let am = staff(&srv, &p, &["account_manager"], None).await;
        let op = srv.operator();
        let v = op
            .get("/v2/operator/po-settings", &[])
            .await
            .expect(200, "");
        assert_eq!(v["min_estimated_revenue"].to_string(), "1000.00");
        am.client.post(PO, po_body()).await.expect(201, "");
        op.put(
            "/v2/operator/po-settings",
            json!({"min_estimated_revenue": "50000", "product_categories": ["AI"]}),
        )
        .await
        .expect(200, "");
        let v = am
            .client
            .post(PO, po_body())
            .await
            .expect(400, "CBC.99100105");
        assert_eq!(codes(&v), ["CBC.99100105", "CBC.99100107"]);
        for (body, field) in [
            (
                json!({"min_estimated_revenue": "-1", "product_categories": ["AI"]}),
                "min_estimated_revenue",
            ),
            (
                json!({"min_estimated_revenue": "1", "product_categories": []}),
                "product_categories",
            ),
            (
                json!({"min_estimated_revenue": "1", "product_categories": ["ai"]}),
                "product_categories[0]",
            ),
            (
                json!({"min_estimated_revenue": "1", "product_categories": ["AI", "AI"]}),
                "product_categories[1]",
            ),
        ] {
            let r = op.put("/v2/operator/po-settings", body).await;
            r.expect(400, "CBC.0100");
            assert!(r.msg().contains(field), "{}", r.msg());
        }
        am.client
            .put(
                "/v2/operator/po-settings",
                json!({"min_estimated_revenue": "1", "product_categories": ["AI"]}),
            )
            .await
            .expect(403, "CBC.0151");
        // Format errors name the field even in drafts.
        let r = am
            .client
            .post(
                PO,
                json!({"submit": false, "expected_close_date": "31/03/2027"}),
            )
            .await;
        r.expect(400, "CBC.0100");
        assert!(r.msg().contains("expected_close_date"));
    }
);
