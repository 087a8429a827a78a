//! The operator's review queues: every partner's applications by status, oldest first.

use crate::programs_subsidy::{apply, team};
use serde_json::json;
use tests::both_backends;
use tests::fixtures::user;
use tests::fixtures_programs::{business_info, project, review, set_stage, COMPANY};
use tests::TestServer;

both_backends!(
    operator_finds_what_to_review,
    |srv: TestServer| async move {
        let t = team(&srv).await;
        let admin = user(&srv, &t.p, &["admin", "finance"]).await.client;
        set_stage(&srv, &t.p, "SOFTWARE", "JOINED").await;
        set_stage(&srv, &t.p, "SERVICE", "ROLE_CERTIFIED").await;
        let cert = admin
            .post(
                "/v2/partners/development-paths/SOFTWARE/differentiation-certifications",
                json!({"business_plan": "p"}),
            )
            .await
            .expect(201, "");
        let fh = admin
            .post(
                "/v2/partners/incentives/fh/qualifications",
                json!({"path_type": "SERVICE", "agreement_signed": true, "specialist_ids": [t.pm]}),
            )
            .await
            .expect(201, "");
        let members = [(t.dev.as_str(), "DELIVERY")];
        let pid = project(&t.client, "CN", "10", &members).await;
        assert_eq!(apply(&t.client, &pid).await.0, ["CBC.99100033"]);
        let pm2 = user(&srv, &t.p, &["project_specialist"]).await.id;
        tests::fixtures_programs::profile(&srv, &t.p, &pm2, "NONE", false, true).await;
        t.client
        .put(&format!("/v2/partners/projects/{pid}/members"),
            json!({"members": [{"user_id": pm2, "role": "PROJECT_MANAGER"}, {"user_id": t.dev, "role": "DELIVERY"}]}))
        .await
        .expect(200, "");
        let (_, sub) = apply(&t.client, &pid).await;
        let bi = admin
            .put(
                "/v2/partners/business-info",
                business_info(COMPANY, "CORPORATE"),
            )
            .await
            .expect(200, "");
        let op = srv.operator();
        let partner = t.p.id.as_str();
        for (collection, list, id) in [
            ("certifications", "certifications", &cert["application_id"]),
            (
                "fh-qualifications",
                "qualifications",
                &fh["qualification_id"],
            ),
            (
                "subsidy-applications",
                "subsidy_applications",
                &sub["application_id"],
            ),
            (
                "business-info-certifications",
                "certifications",
                &bi["certification_id"],
            ),
        ] {
            let path = format!("/v2/operator/{collection}");
            let q = op
                .get(&path, &[("status", "REVIEWING"), ("partner_id", partner)])
                .await
                .expect(200, "");
            assert_eq!(q["total_count"], 1, "{collection}: {q}");
            let first = &q[list][0];
            let got = [
                &first["application_id"],
                &first["qualification_id"],
                &first["certification_id"],
            ];
            assert!(got.contains(&id), "{collection}: {q}");
            op.get(&path, &[("status", "DONE")])
                .await
                .expect(400, "CBC.0100");
            admin.get(&path, &[]).await.expect(403, "CBC.0151");
            let id = id.as_str().unwrap();
            let action = if collection == "fh-qualifications" {
                "reject"
            } else {
                "approve"
            };
            review(
                &srv,
                collection,
                id,
                action,
                json!({"reason_codes": ["OK"]}),
            )
            .await;
            let q = op
                .get(&path, &[("status", "REVIEWING"), ("partner_id", partner)])
                .await
                .expect(200, "");
            assert_eq!(q["total_count"], 0, "{collection}: {q}");
        }
        let q = op
            .get(
                "/v2/operator/business-info-certifications",
                &[("partner_id", partner)],
            )
            .await
            .expect(200, "");
        assert_eq!(q["certifications"][0]["status"], "CERTIFIED");
        assert_eq!(q["certifications"][0]["partner_id"], partner);
        assert_eq!(
            q["certifications"][0]["bank_account"]["account_number"],
            "****7890"
        );
    }
);
