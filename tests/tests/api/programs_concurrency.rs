//! The "one at a time" rules hold under concurrent requests: a person holds FH in one path,
//! a project has one live subsidy application, a path one pending certification, an
//! incentive one payout.

use crate::programs_subsidy::team;
use futures_util::future::join_all;
use serde_json::json;
use tests::both_backends;
use tests::fixtures::user;
use tests::fixtures_programs::{certified_business_info, incentive, project, set_stage};
use tests::{Client, Response, TestServer};

const N: usize = 8;

/// Sends `N` requests at once; asserts exactly one succeeded and the rest were refused with
/// `code`.
async fn one_wins(requests: Vec<(Client, String, serde_json::Value)>, code: &str) {
    let sent = requests
        .into_iter()
        .map(|(c, path, body)| async move { c.post(&path, body).await });
    let answers: Vec<Response> = join_all(sent).await;
    let won = answers.iter().filter(|r| r.status == 201).count();
    assert_eq!(
        won,
        1,
        "{:?}",
        answers.iter().map(|r| &r.text).collect::<Vec<_>>()
    );
    for r in answers.iter().filter(|r| r.status != 201) {
        r.expect(400, code);
    }
}

both_backends!(one_at_a_time_under_races, |srv: TestServer| async move {
    let t = team(&srv).await;
    let admin = user(&srv, &t.p, &["admin"]).await.client;
    set_stage(&srv, &t.p, "SERVICE", "ROLE_CERTIFIED").await;
    set_stage(&srv, &t.p, "CONSULTING_SI", "CAPABILITY_DIFFERENTIATED").await;
    set_stage(&srv, &t.p, "SOFTWARE", "JOINED").await;
    // The same specialist named by concurrent applications on both FH paths.
    let fh = "/v2/partners/incentives/fh/qualifications".to_owned();
    let races = (0..N)
        .map(|i| {
            let path = if i % 2 == 0 {
                "SERVICE"
            } else {
                "CONSULTING_SI"
            };
            let body =
                json!({"path_type": path, "agreement_signed": true, "specialist_ids": [t.dev]});
            (admin.clone(), fh.clone(), body)
        })
        .collect();
    one_wins(races, "CBC.99100023").await;
    // Concurrent subsidy applications for one project.
    let members = [
        (t.pm.as_str(), "PROJECT_MANAGER"),
        (t.pm.as_str(), "PROJECT_MANAGER"),
    ];
    let id = project(&t.client, "CN", "100", &members[..1]).await;
    let other = user(&srv, &t.p, &["project_specialist"]).await.id;
    tests::fixtures_programs::profile(&srv, &t.p, &other, "WORK", true, false).await;
    t.client
        .put(&format!("/v2/partners/projects/{id}/members"),
            json!({"members": [{"user_id": t.pm, "role": "PROJECT_MANAGER"}, {"user_id": other, "role": "DELIVERY"}]}))
        .await
        .expect(200, "");
    let path = format!("/v2/partners/projects/{id}/subsidy-applications");
    one_wins(
        (0..N)
            .map(|_| (t.client.clone(), path.clone(), json!({})))
            .collect(),
        "CBC.99100044",
    )
    .await;
    // Concurrent certification applications on one path.
    let cert = "/v2/partners/development-paths/SOFTWARE/differentiation-certifications".to_owned();
    let body = json!({"business_plan": "plan"});
    one_wins(
        (0..N)
            .map(|_| (admin.clone(), cert.clone(), body.clone()))
            .collect(),
        "CBC.99100044",
    )
    .await;
    // Concurrent payouts of one incentive.
    let fin = user(&srv, &t.p, &["finance"]).await.client;
    certified_business_info(&srv, &fin).await;
    let inc = incentive(&srv, &t.p, "10").await;
    let payout = format!("/v2/partners/incentives/{inc}/payout-applications");
    one_wins(
        (0..N)
            .map(|_| (fin.clone(), payout.clone(), json!({})))
            .collect(),
        "CBC.99100050",
    )
    .await;
});
