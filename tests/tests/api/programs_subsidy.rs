//! S5 project subsidy and S7 personnel: registration without a gate, the scale threshold per
//! currency, each personnel rule's pass and fail, one live application per project.

use serde_json::{json, Value};
use tests::both_backends;
use tests::fixtures::{partner, user, Party};
use tests::fixtures_programs::{
    failing, grant_label, person, profile, project, refused, review, set_stage,
};
use tests::{Client, TestServer};

/// `(user_id, role)` of a project's team.
type Members<'a> = Vec<(&'a str, &'a str)>;

pub fn subsidy_path(project_id: &str) -> String {
    format!("/v2/partners/projects/{project_id}/subsidy-applications")
}

/// Reads the eligibility, then applies: both must agree. Returns the failing codes and body.
pub async fn apply(c: &Client, project_id: &str) -> (Vec<String>, Value) {
    let path = subsidy_path(project_id);
    let e = c
        .get(&format!("{path}/eligibility"), &[])
        .await
        .expect(200, "");
    let want = failing(&e);
    let r = c.post(&path, json!({})).await;
    if want.is_empty() {
        assert_eq!(e["eligible"], true);
        (want, r.expect(201, ""))
    } else {
        assert_eq!(e["eligible"], false);
        let body = r.expect(400, &want[0]);
        assert_eq!(refused(&body), want, "the refusal lists every failing rule");
        (want, body)
    }
}

/// A service partner (on the SERVICE path) with a qualified project manager and delivery
/// member.
pub struct Team {
    pub p: Party,
    pub client: Client,
    pub pm: String,
    pub dev: String,
}

pub async fn team(srv: &TestServer) -> Team {
    team_of(srv, "SOLUTION_PROVIDER", Some("SERVICE")).await
}

/// A partner of `partner_type`, on `path` if given, with a qualified project manager and
/// delivery member.
pub async fn team_of(srv: &TestServer, partner_type: &str, path: Option<&str>) -> Team {
    let p = partner(srv, partner_type).await;
    if let Some(path) = path {
        set_stage(srv, &p, path, "JOINED").await;
    }
    let client = user(srv, &p, &["project_specialist"]).await.client;
    let pm = person(srv, &p, &["project_specialist"]).await.id;
    let dev = person(srv, &p, &["project_specialist"]).await.id;
    profile(srv, &p, &pm, "NONE", false, true).await;
    profile(srv, &p, &dev, "WORK", true, false).await;
    Team { p, client, pm, dev }
}

both_backends!(
    registration_has_no_gate_and_threshold_by_currency,
    |srv: TestServer| async move {
        let t = team(&srv).await;
        let c = &t.client;
        let big = c
            .post(
                "/v2/partners/projects",
                json!({"project_name": "Huge", "country_code": "CN", "annual_scale": 50000000}),
            )
            .await
            .expect(201, "");
        assert_eq!(big["currency"], "CNY");
        assert_eq!(big["label_threshold"].to_string(), "1000000.00");
        let abroad = c
        .post("/v2/partners/projects", json!({"project_name": "EU", "country_code": "DE", "currency": "USD", "annual_scale": "1.5"}))
        .await
        .expect(201, "");
        assert_eq!(abroad["label_threshold"].to_string(), "125000.00");
        c.post("/v2/partners/projects", json!({"project_name": "EU", "country_code": "DE", "currency": "CNY", "annual_scale": 1}))
        .await
        .expect(400, "CBC.99100025");
        c.post(
            "/v2/partners/projects",
            json!({"project_name": "x", "country_code": "CN", "annual_scale": 0}),
        )
        .await
        .expect(400, "CBC.0100");
        let members = [
            (t.pm.as_str(), "PROJECT_MANAGER"),
            (t.dev.as_str(), "DELIVERY"),
        ];
        let label: &[&str] = &["CBC.99100031"];
        let none: &[&str] = &[];
        let cases: [(&str, &str, &[&str]); 6] = [
            ("CN", "999999.99", none),
            ("CN", "1000000", label),
            ("CN", "8000000", label),
            ("US", "124999.99", none),
            ("US", "125000", label),
            ("SG", "200000", label),
        ];
        for (country, scale, want) in cases {
            let id = project(c, country, scale, &members).await;
            assert_eq!(apply(c, &id).await.0, want, "{country} {scale}");
        }
        // With a label every one of them is accepted.
        grant_label(&srv, &t.p, "CLOUD_MIGRATION", None).await;
        let id = project(c, "CN", "8000000", &members).await;
        let (codes, body) = apply(c, &id).await;
        assert!(codes.is_empty());
        assert_eq!(
            body["capability_labels_at_application"],
            json!(["CLOUD_MIGRATION"])
        );
        assert_eq!(body["status"], "REVIEWING");
    }
);

// S5: at or above the threshold the subsidy is only for service partners (on the SERVICE
// path) holding a capability label at the time of the application. A distributor holding
// only a SOFTWARE label is refused; below the threshold it may apply.
both_backends!(
    large_projects_only_for_service_partners,
    |srv: TestServer| async move {
        let t = team_of(&srv, "DISTRIBUTOR", Some("SOFTWARE")).await;
        let c = &t.client;
        srv.operator()
            .put(
                &format!(
                    "/v2/operator/partners/{}/capability-labels/SAAS_READY",
                    t.p.id
                ),
                json!({"path_type": "SOFTWARE"}),
            )
            .await
            .expect(200, "");
        let members = [
            (t.pm.as_str(), "PROJECT_MANAGER"),
            (t.dev.as_str(), "DELIVERY"),
        ];
        let not_service: &[&str] = &["CBC.99100035"];
        let cases: [(&str, &str, &[&str]); 4] = [
            ("CN", "5000000", not_service),
            ("CN", "1000000", not_service),
            ("US", "125000", not_service),
            ("CN", "999999.99", &[]),
        ];
        for (country, scale, want) in cases {
            let id = project(c, country, scale, &members).await;
            let (codes, body) = apply(c, &id).await;
            assert_eq!(codes, want, "{country} {scale}");
            if !want.is_empty() {
                assert_eq!(body["error_code"], "CBC.99100035");
                assert!(
                    body["error_msg"]
                        .as_str()
                        .unwrap()
                        .contains("service partners"),
                    "{body}"
                );
            }
        }
        // Without a label either, both rules are listed.
        let bare = team_of(&srv, "DISTRIBUTOR", None).await;
        let members = [
            (bare.pm.as_str(), "PROJECT_MANAGER"),
            (bare.dev.as_str(), "DELIVERY"),
        ];
        let id = project(&bare.client, "CN", "5000000", &members).await;
        assert_eq!(
            apply(&bare.client, &id).await.0,
            ["CBC.99100035", "CBC.99100031"]
        );
        // Once on the SERVICE path (with the label it holds) it is subsidised.
        set_stage(&srv, &t.p, "SERVICE", "JOINED").await;
        let members = [
            (t.pm.as_str(), "PROJECT_MANAGER"),
            (t.dev.as_str(), "DELIVERY"),
        ];
        let id = project(c, "CN", "5000000", &members).await;
        let (codes, body) = apply(c, &id).await;
        assert!(codes.is_empty());
        assert_eq!(
            body["capability_labels_at_application"],
            json!(["SAAS_READY"])
        );
    }
);

both_backends!(personnel_rules, |srv: TestServer| async move {
    let t = team(&srv).await;
    let c = &t.client;
    let p = &t.p;
    let pm_nocert = person(&srv, p, &["project_specialist"]).await.id;
    let entry = person(&srv, p, &["project_specialist"]).await.id;
    let no_infosec = person(&srv, p, &["project_specialist"]).await.id;
    let expert = person(&srv, p, &["project_specialist"]).await.id;
    let fh_dev = person(&srv, p, &["project_specialist"]).await.id;
    let fh_pm = person(&srv, p, &["project_specialist"]).await.id;
    profile(&srv, p, &pm_nocert, "EXPERT", true, false).await;
    profile(&srv, p, &entry, "ENTRY", true, false).await;
    profile(&srv, p, &no_infosec, "WORK", false, false).await;
    profile(&srv, p, &expert, "EXPERT", true, false).await;
    profile(&srv, p, &fh_pm, "NONE", false, true).await;
    // fh_dev and fh_pm hold FH: they are not counted, for good or ill.
    set_stage(&srv, p, "SERVICE", "ROLE_CERTIFIED").await;
    let admin = user(&srv, p, &["admin"]).await.client;
    admin
        .post("/v2/partners/incentives/fh/qualifications",
            json!({"path_type": "SERVICE", "agreement_signed": true, "specialist_ids": [fh_dev, fh_pm]}))
        .await
        .expect(201, "");
    let (pm, dev) = (t.pm.as_str(), t.dev.as_str());
    let (pm_nocert, entry, no_infosec) = (pm_nocert.as_str(), entry.as_str(), no_infosec.as_str());
    let (expert, fh_dev, fh_pm) = (expert.as_str(), fh_dev.as_str(), fh_pm.as_str());
    let (m, d) = ("PROJECT_MANAGER", "DELIVERY");
    let cases: Vec<(Members, Vec<&str>)> = vec![
        (vec![(pm, m), (dev, d)], vec![]),
        (vec![(pm, m), (expert, d)], vec![]),
        (vec![(pm_nocert, m), (dev, d)], vec!["CBC.99100033"]),
        (vec![(dev, d)], vec!["CBC.99100033"]),
        (vec![(pm, m), (entry, d)], vec!["CBC.99100034"]),
        (vec![(pm, m), (no_infosec, d)], vec!["CBC.99100034"]),
        (vec![(pm, m), (dev, d), (fh_dev, d)], vec![]),
        (vec![(pm, m), (fh_dev, d)], vec!["CBC.99100047"]),
        (vec![(fh_pm, m), (dev, d)], vec!["CBC.99100033"]),
        (vec![], vec!["CBC.99100033", "CBC.99100047"]),
        (
            vec![(pm_nocert, m), (entry, d), (no_infosec, d)],
            vec!["CBC.99100033", "CBC.99100034"],
        ),
    ];
    for (members, want) in cases {
        let id = project(c, "CN", "100", &members).await;
        let (codes, body) = apply(c, &id).await;
        assert_eq!(codes, want, "{members:?}");
        if want.contains(&"CBC.99100034") {
            let msg = body["error_msg"].as_str().unwrap();
            assert!(msg.contains("lacks"), "{msg}");
        }
    }
    // The team can be fixed after registration and the application then passes.
    let id = project(c, "CN", "100", &[(pm, m), (entry, d)]).await;
    assert_eq!(apply(c, &id).await.0, ["CBC.99100034"]);
    let v = c
        .put(
            &format!("/v2/partners/projects/{id}/members"),
            json!({"members": [{"user_id": pm, "role": m}, {"user_id": expert, "role": d}]}),
        )
        .await
        .expect(200, "");
    assert_eq!(v["members"].as_array().unwrap().len(), 2);
    assert!(apply(c, &id).await.0.is_empty());
});

both_backends!(
    one_live_application_and_ownership,
    |srv: TestServer| async move {
        let t = team(&srv).await;
        let c = &t.client;
        let members = [
            (t.pm.as_str(), "PROJECT_MANAGER"),
            (t.dev.as_str(), "DELIVERY"),
        ];
        let id = project(c, "CN", "100", &members).await;
        let (_, first) = apply(c, &id).await;
        assert_eq!(apply(c, &id).await.0, ["CBC.99100044"]);
        let app = first["application_id"].as_str().unwrap();
        review(
            &srv,
            "subsidy-applications",
            app,
            "reject",
            json!({"reason_codes": ["SCALE_UNPROVEN"]}),
        )
        .await;
        srv.clock.advance(chrono::Duration::minutes(1));
        assert!(
            apply(c, &id).await.0.is_empty(),
            "a rejected application does not block a new one"
        );
        let list = c.get(&subsidy_path(&id), &[]).await.expect(200, "");
        assert_eq!(list["total_count"], 2);
        assert_eq!(list["subsidy_applications"][1]["status"], "REJECTED");
        // Another partner's project, or its people, are not this partner's.
        let other = team(&srv).await;
        let foreign = other.client.post(&subsidy_path(&id), json!({})).await;
        let missing = other.client.post(&subsidy_path("nope"), json!({})).await;
        foreign.expect(404, "CBC.99100002");
        assert_eq!(foreign.text, missing.text);
        other
            .client
            .get(&format!("{}/eligibility", subsidy_path(&id)), &[])
            .await
            .expect(404, "CBC.99100002");
        other
            .client
            .get(&format!("/v2/partners/projects/{id}"), &[])
            .await
            .expect(404, "CBC.99100002");
        let r = other
            .client
            .post(
                "/v2/partners/projects",
                json!({"project_name": "x", "country_code": "CN", "annual_scale": 1,
            "members": [{"user_id": t.pm, "role": "PROJECT_MANAGER"}]}),
            )
            .await;
        r.expect(400, "CBC.99100026");
        assert!(r.msg().contains("members[0].user_id"), "{}", r.msg());
        let listed = other
            .client
            .get("/v2/partners/projects", &[])
            .await
            .expect(200, "");
        assert_eq!(listed["total_count"], 0);
    }
);
