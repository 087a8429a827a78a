//! Development paths, capability labels and personnel facts: the operator's set-up, the
//! partner's read, the operator's partner view, and who may call what.

use serde_json::json;
use tests::both_backends;
use tests::fixtures::{partner, user};
use tests::fixtures_programs::{grant_label, leave_path, person, remove_label, set_stage};

both_backends!(
    operator_sets_paths_and_labels_partner_reads_them,
    |srv: tests::TestServer| async move {
        let p = partner(&srv, "SOLUTION_PROVIDER").await;
        let me = user(&srv, &p, &["account_manager"]).await;
        let empty = me
            .client
            .get("/v2/partners/development-paths", &[])
            .await
            .expect(200, "");
        assert_eq!(empty["development_paths"], json!([]));
        set_stage(&srv, &p, "SERVICE", "JOINED").await;
        set_stage(&srv, &p, "SERVICE", "ROLE_CERTIFIED").await;
        set_stage(&srv, &p, "SOFTWARE", "JOINED").await;
        grant_label(&srv, &p, "CLOUD_MIGRATION", None).await;
        grant_label(&srv, &p, "BIG_DATA", Some("2026-12-01T00:00:00Z")).await;
        let v = me
            .client
            .get("/v2/partners/development-paths", &[])
            .await
            .expect(200, "");
        let paths = v["development_paths"].as_array().unwrap();
        assert_eq!(paths.len(), 2);
        assert_eq!(paths[0]["path_type"], "SERVICE");
        assert_eq!(paths[0]["stage"], "ROLE_CERTIFIED");
        assert!(paths[0]["certified_on"].as_str().unwrap().ends_with('Z'));
        assert_eq!(paths[1]["stage"], "JOINED");
        assert_eq!(paths[1]["certified_on"], json!(null));
        let labels = v["capability_labels"].as_array().unwrap();
        assert_eq!(labels[0]["label_code"], "BIG_DATA");
        assert_eq!(labels[0]["expire_time"], "2026-12-01T00:00:00Z");
        assert_eq!(labels[0]["held"], true);
        // The operator's view of the partner shows the same.
        let op = srv
            .operator()
            .get(&format!("/v2/operator/partners/{}", p.id), &[])
            .await
            .expect(200, "");
        assert_eq!(op["development_paths"].as_array().unwrap().len(), 2);
        assert_eq!(op["capability_labels"].as_array().unwrap().len(), 2);
        assert_eq!(op["business_info_certification_status"], "NOT_SUBMITTED");
        assert_eq!(op["differentiation_certifications"], json!([]));
        // Expired labels are listed but no longer held.
        srv.clock.advance(chrono::Duration::days(10));
        let v = me
            .client
            .get("/v2/partners/development-paths", &[])
            .await
            .expect(200, "");
        assert_eq!(v["capability_labels"][0]["held"], false);
        assert_eq!(v["capability_labels"][1]["held"], true);
        leave_path(&srv, &p, "SOFTWARE").await;
        srv.operator()
            .send(
                "DELETE",
                &format!("/v2/operator/partners/{}/development-paths/SOFTWARE", p.id),
                &[],
                None,
            )
            .await
            .expect(404, "CBC.99100002");
        remove_label(&srv, &p, "CLOUD_MIGRATION").await;
        let v = me
            .client
            .get("/v2/partners/development-paths", &[])
            .await
            .expect(200, "");
        assert_eq!(v["capability_labels"].as_array().unwrap().len(), 1);
    }
);

both_backends!(
    set_up_parameters_and_missing_objects,
    |srv: tests::TestServer| async move {
        let op = srv.operator();
        let p = partner(&srv, "SOLUTION_PROVIDER").await;
        let base = format!("/v2/operator/partners/{}", p.id);
        let bad_path = op
            .put(
                &format!("{base}/development-paths/CLOUD"),
                json!({"stage": "JOINED"}),
            )
            .await;
        bad_path.expect(400, "CBC.0100");
        assert!(bad_path.msg().contains("path_type"), "{}", bad_path.msg());
        let bad_stage = op
            .put(
                &format!("{base}/development-paths/SERVICE"),
                json!({"stage": "DONE"}),
            )
            .await;
        bad_stage.expect(400, "CBC.0100");
        assert!(bad_stage.msg().contains("stage"));
        op.put(
            "/v2/operator/partners/nope/development-paths/SERVICE",
            json!({"stage": "JOINED"}),
        )
        .await
        .expect(404, "CBC.99100002");
        op.put(&format!("{base}/capability-labels/lower-case"), json!({}))
            .await
            .expect(400, "CBC.0100");
        op.put(
            &format!("{base}/capability-labels/A"),
            json!({"expire_time": "2020-01-01T00:00:00Z"}),
        )
        .await
        .expect(400, "CBC.99100027");
        op.send(
            "DELETE",
            &format!("{base}/capability-labels/NOT_HELD"),
            &[],
            None,
        )
        .await
        .expect(404, "CBC.99100002");
        // Personnel facts only for the partner's own users.
        let other = partner(&srv, "SOLUTION_PROVIDER").await;
        let stranger = person(&srv, &other, &["project_specialist"]).await;
        let body = json!({"certification_level": "WORK", "infosec_exam_passed": true, "pm_certified": false});
        op.put(
            &format!("{base}/users/{}/personnel-profile", stranger.id),
            body.clone(),
        )
        .await
        .expect(404, "CBC.99100002");
        let mine = person(&srv, &p, &["project_specialist"]).await;
        let v = op
            .put(&format!("{base}/users/{}/personnel-profile", mine.id), body)
            .await
            .expect(200, "");
        assert_eq!(v["certification_level"], "WORK");
        op.put(
            &format!("{base}/users/{}/personnel-profile", mine.id),
            json!({"certification_level": "HCIE", "infosec_exam_passed": true, "pm_certified": false}),
        )
        .await
        .expect(400, "CBC.0100");
    }
);

both_backends!(
    identities_and_roles_are_checked_first,
    |srv: tests::TestServer| async move {
        let p = partner(&srv, "SOLUTION_PROVIDER").await;
        let am = user(&srv, &p, &["account_manager"]).await;
        // Partners may not set themselves up; the operator may not act as a partner.
        am.client
            .put(
                &format!("/v2/operator/partners/{}/development-paths/SERVICE", p.id),
                json!({"stage": "CAPABILITY_DIFFERENTIATED"}),
            )
            .await
            .expect(403, "CBC.0151");
        srv.operator()
            .get("/v2/partners/development-paths", &[])
            .await
            .expect(403, "CBC.0151");
        // Applying for certification or FH is for admins; payouts for finance; projects for
        // project specialists and account managers — each checked before the body.
        am.client
            .post(
                "/v2/partners/development-paths/SERVICE/differentiation-certifications",
                json!("not an object"),
            )
            .await
            .expect(403, "CBC.0151");
        am.client
            .post("/v2/partners/incentives/fh/qualifications", json!({}))
            .await
            .expect(403, "CBC.0151");
        am.client
            .put("/v2/partners/business-info", json!({}))
            .await
            .expect(403, "CBC.0151");
        am.client
            .post("/v2/partners/incentives/x/payout-applications", json!({}))
            .await
            .expect(403, "CBC.0151");
        let fin = user(&srv, &p, &["finance"]).await;
        fin.client
            .post("/v2/partners/projects", json!({}))
            .await
            .expect(403, "CBC.0151");
        srv.anonymous()
            .get("/v2/partners/projects", &[])
            .await
            .expect(401, "APIGW.0301");
    }
);
