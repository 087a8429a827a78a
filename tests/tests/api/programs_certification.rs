//! S18 capability-differentiation certification: apply, review with reasons, fix and
//! resubmit, approval advancing the stage and granting labels.

use serde_json::json;
use tests::both_backends;
use tests::fixtures::{partner, user};
use tests::fixtures_programs::{failing, refused, review, set_stage};

const BASE: &str = "/v2/partners/development-paths/SOFTWARE/differentiation-certifications";

both_backends!(
    apply_reject_resubmit_approve,
    |srv: tests::TestServer| async move {
        let p = partner(&srv, "SOLUTION_PROVIDER").await;
        let admin = user(&srv, &p, &["admin"]).await.client;
        let plan = json!({"business_plan": "Plan v1", "requested_labels": ["SAAS_READY"]});
        // Not on the path: the read says why, the application refuses with the same code.
        let e = admin
            .get(&format!("{BASE}/eligibility"), &[])
            .await
            .expect(200, "");
        assert_eq!(e["eligible"], false);
        assert_eq!(failing(&e), ["CBC.99100042"]);
        assert_eq!(e["rules"].as_array().unwrap().len(), 3);
        let r = admin.post(BASE, plan.clone()).await;
        assert_eq!(refused(&r.expect(400, "CBC.99100042")), ["CBC.99100042"]);
        // On the path: accepted for review; a second one waits for the first.
        set_stage(&srv, &p, "SOFTWARE", "JOINED").await;
        let e = admin
            .get(&format!("{BASE}/eligibility"), &[])
            .await
            .expect(200, "");
        assert_eq!(e["eligible"], true);
        let app = admin.post(BASE, plan.clone()).await.expect(201, "");
        assert_eq!(app["status"], "REVIEWING");
        assert_eq!(app["submission_count"], 1);
        let id = app["application_id"].as_str().unwrap().to_owned();
        admin
            .post(BASE, plan.clone())
            .await
            .expect(400, "CBC.99100044");
        // Rejected with reasons, which the partner sees.
        let op = srv.operator();
        op.post(
            &format!("/v2/operator/certifications/{id}/reject"),
            json!({"reason": "no"}),
        )
        .await
        .expect(400, "CBC.0100");
        let rej = review(
            &srv,
            "certifications",
            &id,
            "reject",
            json!({"reason_codes": ["BUSINESS_PLAN_INCOMPLETE"], "reason": "Add references"}),
        )
        .await;
        assert_eq!(rej["status"], "REJECTED");
        let list = admin.get(BASE, &[]).await.expect(200, "");
        assert_eq!(list["total_count"], 1);
        assert_eq!(
            list["certifications"][0]["reason_codes"],
            json!(["BUSINESS_PLAN_INCOMPLETE"])
        );
        assert_eq!(list["certifications"][0]["reason"], "Add references");
        // Fixed and resubmitted; only a rejected one can be.
        let fixed =
            json!({"business_plan": "Plan v2 with references", "requested_labels": ["SAAS_READY"]});
        let again = admin
            .post(&format!("{BASE}/{id}/resubmit"), fixed.clone())
            .await
            .expect(200, "");
        assert_eq!(again["status"], "REVIEWING");
        assert_eq!(again["submission_count"], 2);
        assert_eq!(again["business_plan"], "Plan v2 with references");
        admin
            .post(&format!("{BASE}/{id}/resubmit"), fixed.clone())
            .await
            .expect(400, "CBC.99100045");
        // Approved: the stage advances and the labels are granted.
        let ok = review(
            &srv,
            "certifications",
            &id,
            "approve",
            json!({"capability_labels": ["SAAS_READY"]}),
        )
        .await;
        assert_eq!(ok["status"], "APPROVED");
        assert_eq!(ok["granted_labels"], json!(["SAAS_READY"]));
        op.post(
            &format!("/v2/operator/certifications/{id}/reject"),
            json!({"reason_codes": ["X"]}),
        )
        .await
        .expect(400, "CBC.99100045");
        let paths = admin
            .get("/v2/partners/development-paths", &[])
            .await
            .expect(200, "");
        assert_eq!(
            paths["development_paths"][0]["stage"],
            "CAPABILITY_DIFFERENTIATED"
        );
        assert_eq!(paths["capability_labels"][0]["label_code"], "SAAS_READY");
        assert_eq!(
            paths["capability_labels"][0]["certification_id"],
            id.as_str()
        );
        let view = op
            .get(&format!("/v2/operator/partners/{}", p.id), &[])
            .await
            .expect(200, "");
        assert_eq!(
            view["differentiation_certifications"][0]["status"],
            "APPROVED"
        );
        // Already differentiated: nothing more to apply for on this path.
        let r = admin.post(BASE, plan).await;
        assert_eq!(refused(&r.expect(400, "CBC.99100043")), ["CBC.99100043"]);
    }
);

both_backends!(
    applications_of_others_are_invisible,
    |srv: tests::TestServer| async move {
        let p = partner(&srv, "SOLUTION_PROVIDER").await;
        let q = partner(&srv, "SOLUTION_PROVIDER").await;
        let mine = user(&srv, &p, &["admin"]).await.client;
        let theirs = user(&srv, &q, &["admin"]).await.client;
        set_stage(&srv, &p, "SOFTWARE", "ROLE_CERTIFIED").await;
        set_stage(&srv, &q, "SOFTWARE", "ROLE_CERTIFIED").await;
        let app = mine
            .post(BASE, json!({"business_plan": "p"}))
            .await
            .expect(201, "");
        let id = app["application_id"].as_str().unwrap();
        review(
            &srv,
            "certifications",
            id,
            "reject",
            json!({"reason_codes": ["R"]}),
        )
        .await;
        let foreign = theirs
            .post(
                &format!("{BASE}/{id}/resubmit"),
                json!({"business_plan": "x"}),
            )
            .await;
        let missing = theirs
            .post(
                &format!("{BASE}/nope/resubmit"),
                json!({"business_plan": "x"}),
            )
            .await;
        foreign.expect(404, "CBC.99100002");
        assert_eq!(
            foreign.text, missing.text,
            "a foreign id answers exactly like a missing one"
        );
        // Resubmitting under another path is not that application.
        mine.post(&format!("/v2/partners/development-paths/SERVICE/differentiation-certifications/{id}/resubmit"), json!({"business_plan": "x"}))
            .await
            .expect(404, "CBC.99100002");
        assert_eq!(
            theirs.get(BASE, &[]).await.expect(200, "")["total_count"],
            0
        );
        srv.operator()
            .post("/v2/operator/certifications/nope/approve", json!({}))
            .await
            .expect(404, "CBC.99100002");
        mine.post(BASE, json!({"business_plan": ""}))
            .await
            .expect(400, "CBC.0100");
        mine.post(
            BASE,
            json!({"business_plan": "p", "requested_labels": ["bad label"]}),
        )
        .await
        .expect(400, "CBC.0100");
        mine.get(
            "/v2/partners/development-paths/NOPE/differentiation-certifications/eligibility",
            &[],
        )
        .await
        .expect(400, "CBC.0100");
    }
);
