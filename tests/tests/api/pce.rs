//! S2 PCE: membership by configurable join conditions, the benefits, 403 CBC.0151 for
//! non-members on shared opportunities, and the operator sharing with members.

use serde_json::json;
use tests::both_backends;
use tests::fixtures_opportunities::{partner_with, staff};
use tests::fixtures_programs::set_stage;

const PCE: &str = "/v2/partners/programs/pce";
const SHARED: &str = "/v2/partners/programs/pce/shared-opportunities";

fn share_body(partner_id: &str) -> serde_json::Value {
    json!({"partner_id": partner_id, "customer_name": "Globex", "industry": "MANUFACTURING",
           "product_category": "AI", "expected_monthly_amount": "30000.00"})
}

both_backends!(
    joining_needs_one_condition_and_gates_shared_opportunities,
    |srv: tests::TestServer| async move {
        let p = partner_with(&srv, "SOLUTION_PROVIDER", json!({})).await;
        let admin = staff(&srv, &p, &["admin"], None).await;
        let am = staff(&srv, &p, &["account_manager"], None).await;
        let op = srv.operator();
        let v = admin.client.get(PCE, &[]).await.expect(200, "");
        assert_eq!(v["joined"], false);
        let seen = op
            .get(&format!("/v2/operator/partners/{}", p.id), &[])
            .await
            .expect(200, "");
        assert_eq!(seen["pce"]["joined"], false);
        assert!(seen["pce"]["joined_on"].is_null());
        assert_eq!(v["benefits"].as_array().unwrap().len(), 3);
        assert_eq!(v["join_conditions"].as_array().unwrap().len(), 2);
        // Non-members: 403 CBC.0151 on PCE-only operations; the operator cannot share with them.
        am.client.get(SHARED, &[]).await.expect(403, "CBC.0151");
        am.client
            .post(
                &format!("{SHARED}/0123456789abcdef/status"),
                json!({"status": "CONFIRMED"}),
            )
            .await
            .expect(403, "CBC.0151");
        op.post("/v2/operator/pce/shared-opportunities", share_body(&p.id))
            .await
            .expect(400, "CBC.99100122");
        // No condition met: refused with each condition.
        let v = admin
            .client
            .post(&format!("{PCE}/join"), json!({}))
            .await
            .expect(400, "CBC.99100120");
        assert_eq!(v["error_details"].as_array().unwrap().len(), 2);
        am.client
            .post(&format!("{PCE}/join"), json!({"agreement_signed": true}))
            .await
            .expect(403, "CBC.0151");
        // The operator makes a development-path stage the only condition.
        op.put(
            "/v2/operator/pce/join-conditions",
            json!({"conditions": [{"type": "DEVELOPMENT_PATH_STAGE", "path_type": "SERVICE", "stage": "ROLE_CERTIFIED"}]}),
        )
        .await
        .expect(200, "");
        admin
            .client
            .post(&format!("{PCE}/join"), json!({"agreement_signed": true}))
            .await
            .expect(400, "CBC.99100120");
        set_stage(&srv, &p, "SERVICE", "ROLE_CERTIFIED").await;
        let v = admin.client.get(PCE, &[]).await.expect(200, "");
        assert_eq!(v["join_conditions"][0]["met"], true);
        let v = admin
            .client
            .post(&format!("{PCE}/join"), json!({}))
            .await
            .expect(200, "");
        assert_eq!(v["joined"], true);
        assert_eq!(v["qualified_by"], "DEVELOPMENT_PATH_STAGE");
        // The operator's read of the partner shows the membership.
        let seen = op
            .get(&format!("/v2/operator/partners/{}", p.id), &[])
            .await
            .expect(200, "");
        assert_eq!(seen["pce"]["joined"], true);
        assert_eq!(seen["pce"]["qualified_by"], "DEVELOPMENT_PATH_STAGE");
        admin
            .client
            .post(&format!("{PCE}/join"), json!({}))
            .await
            .expect(400, "CBC.99100121");
        // Members work what is shared with them.
        let s = op
            .post("/v2/operator/pce/shared-opportunities", share_body(&p.id))
            .await
            .expect(201, "");
        let id = s["opportunity_id"].as_str().unwrap().to_owned();
        let v = am
            .client
            .get(SHARED, &[("status", "SHARED")])
            .await
            .expect(200, "");
        assert_eq!(v["total_count"], 1);
        assert_eq!(
            v["opportunities"][0]["expected_monthly_amount"].to_string(),
            "30000.00"
        );
        let status = |s: &str| json!({"status": s});
        am.client
            .post(&format!("{SHARED}/{id}/status"), status("WON"))
            .await
            .expect(400, "CBC.99100123");
        am.client
            .post(&format!("{SHARED}/{id}/status"), status("CONFIRMED"))
            .await
            .expect(200, "");
        let v = am
            .client
            .post(&format!("{SHARED}/{id}/status"), status("WON"))
            .await
            .expect(200, "");
        assert_eq!(v["status"], "WON");
        am.client
            .post(&format!("{SHARED}/{id}/status"), status("LOST"))
            .await
            .expect(400, "CBC.99100123");
        am.client
            .post(&format!("{SHARED}/{id}/status"), status("DONE"))
            .await
            .expect(400, "CBC.0100");
        // Another member does not see it.
        let q = partner_with(&srv, "SOLUTION_PROVIDER", json!({})).await;
        let q_admin = staff(&srv, &q, &["admin"], None).await;
        q_admin
            .client
            .post(&format!("{PCE}/join"), json!({"agreement_signed": false}))
            .await
            .expect(400, "CBC.99100120");
        op.put(
            "/v2/operator/pce/join-conditions",
            json!({"conditions": [{"type": "PCE_AGREEMENT_SIGNED"}]}),
        )
        .await
        .expect(200, "");
        q_admin
            .client
            .post(&format!("{PCE}/join"), json!({"agreement_signed": true}))
            .await
            .expect(200, "");
        q_admin
            .client
            .post(&format!("{SHARED}/{id}/status"), status("CONFIRMED"))
            .await
            .expect(404, "CBC.99100002");
        assert_eq!(
            q_admin.client.get(SHARED, &[]).await.expect(200, "")["total_count"],
            0
        );
    }
);

both_backends!(
    join_conditions_are_validated,
    |srv: tests::TestServer| async move {
        let op = srv.operator();
        let v = op
            .get("/v2/operator/pce/join-conditions", &[])
            .await
            .expect(200, "");
        assert_eq!(v["conditions"][1]["type"], "PCE_AGREEMENT_SIGNED");
        for (body, field) in [
            (json!({"conditions": []}), "conditions"),
            (json!({"conditions": [{"type": "X"}]}), "conditions[0].type"),
            (
                json!({"conditions": [{"type": "PCE_AGREEMENT_SIGNED"}, {"type": "DEVELOPMENT_PATH_STAGE"}]}),
                "conditions[1].stage",
            ),
            (
                json!({"conditions": [{"type": "DEVELOPMENT_PATH_STAGE", "stage": "TOP"}]}),
                "conditions[0].stage",
            ),
            (
                json!({"conditions": [{"type": "DEVELOPMENT_PATH_STAGE", "stage": "JOINED", "path_type": "NONE"}]}),
                "conditions[0].path_type",
            ),
        ] {
            let r = op.put("/v2/operator/pce/join-conditions", body).await;
            r.expect(400, "CBC.0100");
            assert!(r.msg().starts_with(field), "{}", r.msg());
        }
        let r = op
            .post(
                "/v2/operator/pce/shared-opportunities",
                share_body("no-such-partner"),
            )
            .await;
        r.expect(404, "CBC.99100002");
    }
);
