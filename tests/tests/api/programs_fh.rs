//! S4/S12 FH qualification: each rule's pass and fail through HTTP, the eligibility read and
//! the application agreeing, one FH path per person.

use serde_json::{json, Value};
use tests::both_backends;
use tests::fixtures::{partner, user, Party};
use tests::fixtures_programs::{failing, person, refused, review, set_stage};
use tests::{Client, TestServer};

const FH: &str = "/v2/partners/incentives/fh/qualifications";

async fn eligibility(c: &Client, path: &str, signed: bool, ids: &[&str]) -> Value {
    let signed = signed.to_string();
    let mut q = vec![("path_type", path), ("agreement_signed", signed.as_str())];
    q.extend(ids.iter().map(|i| ("specialist_ids", *i)));
    c.get(&format!("{FH}/eligibility"), &q)
        .await
        .expect(200, "")
}

/// Reads the eligibility, then applies with the same parameters: both must agree.
async fn apply(c: &Client, path: &str, signed: bool, ids: &[&str]) -> (Vec<String>, Value) {
    let e = eligibility(c, path, signed, ids).await;
    let r = c
        .post(
            FH,
            json!({"path_type": path, "agreement_signed": signed, "specialist_ids": ids}),
        )
        .await;
    let want = failing(&e);
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

async fn setup(srv: &TestServer) -> (Party, Client, String) {
    let p = partner(srv, "SOLUTION_PROVIDER").await;
    let admin = user(srv, &p, &["admin"]).await.client;
    let s = person(srv, &p, &["project_specialist"]).await.id;
    (p, admin, s)
}

both_backends!(stage_rules_per_path, |srv: TestServer| async move {
    let (p, admin, s) = setup(&srv).await;
    let cases = [
        (None, "SERVICE", false),
        (Some("JOINED"), "SERVICE", false),
        (Some("ROLE_CERTIFIED"), "SERVICE", true),
        (Some("CAPABILITY_DIFFERENTIATED"), "SERVICE", true),
        (None, "CONSULTING_SI", false),
        (Some("ROLE_CERTIFIED"), "CONSULTING_SI", false),
        (Some("CAPABILITY_DIFFERENTIATED"), "CONSULTING_SI", true),
    ];
    for (stage, path, pass) in cases {
        let q = partner(&srv, "SOLUTION_PROVIDER").await;
        let a = user(&srv, &q, &["admin"]).await.client;
        let x = person(&srv, &q, &["project_specialist"]).await.id;
        if let Some(stage) = stage {
            set_stage(&srv, &q, path, stage).await;
        }
        let (codes, body) = apply(&a, path, true, &[&x]).await;
        let want: Vec<String> = if pass {
            vec![]
        } else {
            vec!["CBC.99100021".into()]
        };
        assert_eq!(codes, want, "{path} at {stage:?}");
        if pass {
            let fh_type = if path == "SERVICE" {
                "DELIVERY"
            } else {
                "PRESALES"
            };
            assert_eq!(body["fh_type"], fh_type);
            assert_eq!(body["status"], "REVIEWING");
        }
    }
    // The eligibility read explains the stage needed.
    let e = eligibility(&admin, "CONSULTING_SI", true, &[&s]).await;
    let msg = e["rules"][0]["message"].as_str().unwrap();
    assert!(msg.contains("CAPABILITY_DIFFERENTIATED"), "{msg}");
    let _ = p;
});

both_backends!(agreement_and_specialists, |srv: TestServer| async move {
    let (p, admin, s) = setup(&srv).await;
    set_stage(&srv, &p, "SERVICE", "ROLE_CERTIFIED").await;
    let (codes, _) = apply(&admin, "SERVICE", false, &[&s]).await;
    assert_eq!(codes, ["CBC.99100046"]);
    // An admin is not a project specialist; nor is a stranger, nor an unknown id.
    let not_specialist = person(&srv, &p, &["admin", "finance"]).await.id;
    let other = partner(&srv, "SOLUTION_PROVIDER").await;
    let stranger = person(&srv, &other, &["project_specialist"]).await.id;
    for bad in [not_specialist.as_str(), stranger.as_str(), "no-such-user"] {
        let (codes, body) = apply(&admin, "SERVICE", true, &[&s, bad]).await;
        assert_eq!(codes, ["CBC.99100022"], "{bad}");
        assert!(body["error_msg"].as_str().unwrap().contains(bad));
    }
    let (codes, body) = apply(&admin, "SERVICE", true, &[&s]).await;
    assert!(codes.is_empty());
    assert_eq!(body["specialist_ids"], json!([s]));
});

both_backends!(one_fh_path_per_person, |srv: TestServer| async move {
    let (p, admin, s) = setup(&srv).await;
    set_stage(&srv, &p, "SERVICE", "ROLE_CERTIFIED").await;
    set_stage(&srv, &p, "CONSULTING_SI", "CAPABILITY_DIFFERENTIATED").await;
    let (_, first) = apply(&admin, "CONSULTING_SI", true, &[&s]).await;
    let qid = first["qualification_id"].as_str().unwrap().to_owned();
    let (codes, body) = apply(&admin, "SERVICE", true, &[&s]).await;
    assert_eq!(codes, ["CBC.99100023"]);
    assert!(body["error_msg"]
        .as_str()
        .unwrap()
        .contains("CONSULTING_SI"));
    // Approval keeps holding; rejection frees the person for another path.
    review(&srv, "fh-qualifications", &qid, "approve", json!({})).await;
    assert_eq!(
        apply(&admin, "SERVICE", true, &[&s]).await.0,
        ["CBC.99100023"]
    );
    srv.clock.advance(chrono::Duration::minutes(1));
    let q2 = apply(
        &admin,
        "CONSULTING_SI",
        true,
        &[&person(&srv, &p, &["project_specialist"]).await.id],
    )
    .await
    .1;
    let q2 = q2["qualification_id"].as_str().unwrap().to_owned();
    review(
        &srv,
        "fh-qualifications",
        &q2,
        "reject",
        json!({"reason_codes": ["AGREEMENT_INVALID"]}),
    )
    .await;
    srv.operator()
        .post(
            &format!("/v2/operator/fh-qualifications/{q2}/approve"),
            json!({}),
        )
        .await
        .expect(400, "CBC.99100045");
    let list = admin.get(FH, &[]).await.expect(200, "");
    assert_eq!(list["total_count"], 2);
    assert_eq!(list["qualifications"][0]["status"], "REJECTED");
    assert_eq!(
        list["qualifications"][0]["reason_codes"],
        json!(["AGREEMENT_INVALID"])
    );
});

both_backends!(every_failing_rule_at_once, |srv: TestServer| async move {
    let (p, admin, s) = setup(&srv).await;
    set_stage(&srv, &p, "CONSULTING_SI", "CAPABILITY_DIFFERENTIATED").await;
    apply(&admin, "CONSULTING_SI", true, &[&s]).await;
    let outsider = person(&srv, &p, &["finance"]).await.id;
    let (codes, body) = apply(&admin, "SERVICE", false, &[&s, &outsider]).await;
    assert_eq!(
        codes,
        [
            "CBC.99100021",
            "CBC.99100046",
            "CBC.99100022",
            "CBC.99100023"
        ]
    );
    assert!(body["error_msg"]
        .as_str()
        .unwrap()
        .starts_with("4 rules are not met"));
});

both_backends!(fh_parameters, |srv: TestServer| async move {
    let (_, admin, s) = setup(&srv).await;
    let post = |body: Value| admin.post(FH, body);
    for body in [
        json!({"path_type": "SOFTWARE", "agreement_signed": true, "specialist_ids": [s]}),
        json!({"path_type": "SERVICE", "agreement_signed": true, "specialist_ids": []}),
        json!({"path_type": "SERVICE", "agreement_signed": true, "specialist_ids": [s, s]}),
        json!({"path_type": "SERVICE", "specialist_ids": [s]}),
    ] {
        post(body.clone()).await.expect(400, "CBC.0100");
    }
    // Both FH types are well-formed; the path offering the other one is a program rule.
    post(json!({"path_type": "SERVICE", "fh_type": "PRESALES", "agreement_signed": true, "specialist_ids": [s]}))
        .await
        .expect(400, "CBC.99100024");
    admin
        .get(&format!("{FH}/eligibility"), &[("path_type", "SERVICE")])
        .await
        .expect(400, "CBC.0100");
});
