//! S5's time-of-application rule with a movable clock: the label must be held when the
//! application is made; a label granted later does not revive a refused application, and a
//! label that expires or is removed later does not undo an accepted one.

use crate::programs_subsidy::{apply, subsidy_path, team};
use chrono::Duration;
use serde_json::json;
use tests::both_backends;
use tests::fixtures_programs::{grant_label, project, remove_label, review};
use tests::TestServer;

both_backends!(
    labels_count_at_the_time_of_application,
    |srv: TestServer| async move {
        let t = team(&srv).await;
        let c = &t.client;
        let members = [
            (t.pm.as_str(), "PROJECT_MANAGER"),
            (t.dev.as_str(), "DELIVERY"),
        ];
        let a = project(c, "CN", "2000000", &members).await;
        let b = project(c, "CN", "2000000", &members).await;
        let d = project(c, "CN", "2000000", &members).await;
        // The clock stands at 2026-11-25T12:00:00Z; the label is held until 2026-12-25.
        grant_label(&srv, &t.p, "CLOUD_MIGRATION", Some("2026-12-25T00:00:00Z")).await;
        let (codes, accepted) = apply(c, &a).await;
        assert!(codes.is_empty());
        assert_eq!(accepted["applied_on"], "2026-11-25T12:00:00Z");
        assert_eq!(
            accepted["capability_labels_at_application"],
            json!(["CLOUD_MIGRATION"])
        );
        // A month later the label has expired: a new application is refused ...
        srv.clock.advance(Duration::days(31));
        let (codes, _) = apply(c, &b).await;
        assert_eq!(codes, ["CBC.99100031"]);
        // ... while the accepted one stays accepted and can be approved, with its subsidy.
        let a_app = accepted["application_id"].as_str().unwrap();
        let listed = c.get(&subsidy_path(&a), &[]).await.expect(200, "");
        assert_eq!(listed["subsidy_applications"][0]["status"], "REVIEWING");
        let approved = review(
            &srv,
            "subsidy-applications",
            a_app,
            "approve",
            json!({"subsidy_amount": "50000"}),
        )
        .await;
        assert_eq!(approved["status"], "APPROVED");
        let incentive = approved["incentive_id"].as_str().unwrap().to_owned();
        // A label granted later does not revive the refused application: nothing was recorded
        // for it, and only a new application, judged at its own time, is accepted.
        srv.clock.advance(Duration::days(1));
        grant_label(&srv, &t.p, "DATA_GOVERNANCE", None).await;
        let refused_list = c.get(&subsidy_path(&b), &[]).await.expect(200, "");
        assert_eq!(refused_list["total_count"], 0);
        let (codes, again) = apply(c, &b).await;
        assert!(codes.is_empty());
        assert_eq!(again["applied_on"], "2026-12-27T12:00:00Z");
        assert_eq!(
            again["capability_labels_at_application"],
            json!(["DATA_GOVERNANCE"])
        );
        // A label removed after an application does not undo it either.
        let (_, accepted_d) = apply(c, &d).await;
        remove_label(&srv, &t.p, "DATA_GOVERNANCE").await;
        let fresh = project(c, "CN", "2000000", &members).await;
        assert_eq!(apply(c, &fresh).await.0, ["CBC.99100031"]);
        let d_app = accepted_d["application_id"].as_str().unwrap();
        let approved = review(&srv, "subsidy-applications", d_app, "approve", json!({})).await;
        assert_eq!(approved["status"], "APPROVED");
        assert_eq!(
            approved["capability_labels_at_application"],
            json!(["DATA_GOVERNANCE"])
        );
        // The approved subsidy became an incentive the partner can see.
        let fin = tests::fixtures::user(&srv, &t.p, &["finance"]).await.client;
        let list = fin
            .get("/v2/partners/incentives", &[])
            .await
            .expect(200, "");
        assert_eq!(list["total_count"], 1);
        assert_eq!(list["incentives"][0]["incentive_id"], incentive.as_str());
        assert_eq!(list["incentives"][0]["incentive_type"], "PROJECT_SUBSIDY");
        assert_eq!(list["incentives"][0]["source_id"], a_app);
        assert_eq!(list["incentives"][0]["amount"].to_string(), "50000.00");
        // A label granted before the clock's time but read at an earlier moment is not held:
        // the eligibility read judges at its own time, shown in checked_on.
        let e = c
            .get(&format!("{}/eligibility", subsidy_path(&fresh)), &[])
            .await
            .expect(200, "");
        assert_eq!(e["checked_on"], "2026-12-27T12:00:00Z");
    }
);
