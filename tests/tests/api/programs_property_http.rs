//! The property through HTTP: for generated partner states, each application's eligibility
//! read agrees with the application's decision — accepted exactly when the read says
//! eligible, otherwise refused with exactly the failing rules, the first one as `error_code`.

use chrono::Duration;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};
use tests::fixtures::{partner, user};
use tests::fixtures_programs::{
    business_info, failing, grant_label, incentive, leave_path, person, profile, project, refused,
    review, set_stage, COMPANY,
};
use tests::{both_backends, Client, Response, TestServer};

const CASES: u64 = 12;
const STAGES: [Option<&str>; 4] = [
    None,
    Some("JOINED"),
    Some("ROLE_CERTIFIED"),
    Some("CAPABILITY_DIFFERENTIATED"),
];
const KINDS: [&str; 4] = ["certification", "fh", "subsidy", "payout"];

/// (accepted, refused) per application type, in `KINDS` order.
#[derive(Default, Debug)]
struct Tally([(u32, u32); 4]);

impl Tally {
    /// Checks that the read and the application agree and counts the outcome.
    fn agree(&mut self, kind: usize, read: &Value, resp: &Response) {
        let want = failing(read);
        let what = KINDS[kind];
        if read["eligible"] == true {
            assert!(
                want.is_empty(),
                "{what}: eligible with failing rules: {read}"
            );
            assert_eq!(
                resp.status, 201,
                "{what}: the read said eligible: {read} / {}",
                resp.text
            );
            self.0[kind].0 += 1;
        } else {
            let body = resp.expect(400, &want[0]);
            assert_eq!(refused(&body), want, "{what}: {read} / {}", resp.text);
            self.0[kind].1 += 1;
        }
    }
}

fn pick<T: Copy>(rng: &mut StdRng, from: &[T]) -> T {
    from[rng.gen_range(0..from.len())]
}

/// A generated partner state. FH, subsidy and payout are each steered towards acceptance half
/// of the time, so both outcomes are seen; everything else is random.
struct World {
    admin: Client,
    /// A certified project manager and a qualified delivery member, holding no FH.
    pm_ok: String,
    dev_ok: String,
    /// Other people: (user id, is a project specialist).
    people: Vec<(String, bool)>,
    good_fh: bool,
    good_subsidy: bool,
    fh_path: &'static str,
    payout: String,
}

async fn setup(srv: &TestServer, rng: &mut StdRng) -> World {
    let (good_fh, good_subsidy, good_payout) =
        (rng.gen_bool(0.5), rng.gen_bool(0.5), rng.gen_bool(0.5));
    let p = partner(srv, "SOLUTION_PROVIDER").await;
    let admin = user(srv, &p, &["admin"]).await.client;
    let pm_ok = person(srv, &p, &["project_specialist"]).await.id;
    let dev_ok = person(srv, &p, &["project_specialist"]).await.id;
    profile(srv, &p, &pm_ok, "NONE", false, true).await;
    profile(srv, &p, &dev_ok, "WORK", true, false).await;
    let mut people = Vec::new();
    for _ in 0..rng.gen_range(2..5) {
        let specialist = rng.gen_bool(0.75);
        let role = if specialist {
            "project_specialist"
        } else {
            "finance"
        };
        let id = person(srv, &p, &[role]).await.id;
        let level = pick(rng, &["NONE", "ENTRY", "WORK", "EXPERT"]);
        profile(srv, &p, &id, level, rng.gen_bool(0.7), rng.gen_bool(0.5)).await;
        people.push((id, specialist));
    }
    // Some specialists already hold FH (through a presales qualification).
    let holders: Vec<&String> = people
        .iter()
        .filter(|(_, s)| *s && rng.gen_bool(0.3))
        .map(|(i, _)| i)
        .collect();
    if !holders.is_empty() {
        set_stage(srv, &p, "CONSULTING_SI", "CAPABILITY_DIFFERENTIATED").await;
        let body = json!({"path_type": "CONSULTING_SI", "agreement_signed": true, "specialist_ids": holders});
        admin
            .post("/v2/partners/incentives/fh/qualifications", body)
            .await
            .expect(201, "");
    }
    for path in ["SERVICE", "CONSULTING_SI", "SOFTWARE"] {
        match pick(rng, &STAGES) {
            Some(s) => set_stage(srv, &p, path, s).await,
            // A large project's subsidy is for service partners only.
            None if path == "SERVICE" && good_subsidy => {
                set_stage(srv, &p, path, "JOINED").await;
            }
            None => {
                set_stage(srv, &p, path, "JOINED").await;
                leave_path(srv, &p, path).await;
            }
        }
    }
    let fh_path = pick(rng, &["SERVICE", "CONSULTING_SI"]);
    if good_fh {
        let need = if fh_path == "SERVICE" {
            "ROLE_CERTIFIED"
        } else {
            "CAPABILITY_DIFFERENTIATED"
        };
        set_stage(srv, &p, fh_path, need).await;
    }
    // A label held, expired, or none.
    match if good_subsidy { 0 } else { rng.gen_range(0..3) } {
        0 => grant_label(srv, &p, "CLOUD_MIGRATION", None).await,
        1 => {
            use domain::Clock;
            let soon = (srv.clock.now() + Duration::minutes(1)).format("%Y-%m-%dT%H:%M:%SZ");
            grant_label(srv, &p, "CLOUD_MIGRATION", Some(&soon.to_string())).await;
            srv.clock.advance(Duration::minutes(2));
        }
        _ => {}
    }
    // Business information not submitted, under review, certified or failed.
    let status = if good_payout { 2 } else { rng.gen_range(0..4) };
    if status > 0 {
        let v = admin
            .put(
                "/v2/partners/business-info",
                business_info(COMPANY, "CORPORATE"),
            )
            .await
            .expect(200, "");
        let id = v["certification_id"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let c = "business-info-certifications";
        match status {
            2 => drop(review(srv, c, &id, "approve", json!({})).await),
            3 => drop(review(srv, c, &id, "reject", json!({"reason_codes": ["R"]})).await),
            _ => {}
        }
    }
    let inc = incentive(srv, &p, "100").await;
    let payout = format!("/v2/partners/incentives/{inc}/payout-applications");
    if status == 2 && !good_payout && rng.gen_bool(0.5) {
        admin.post(&payout, json!({})).await.expect(201, "");
    }
    World {
        admin,
        pm_ok,
        dev_ok,
        people,
        good_fh,
        good_subsidy,
        fh_path,
        payout,
    }
}

/// S18 on SOFTWARE, once or twice (the second may meet the first under review).
async fn certification(w: &World, rng: &mut StdRng, t: &mut Tally) {
    let cert = "/v2/partners/development-paths/SOFTWARE/differentiation-certifications";
    for _ in 0..rng.gen_range(1..3) {
        let read = w
            .admin
            .get(&format!("{cert}/eligibility"), &[])
            .await
            .expect(200, "");
        t.agree(
            0,
            &read,
            &w.admin.post(cert, json!({"business_plan": "plan"})).await,
        );
    }
}

/// A subsidy for a project just below or at the threshold, with a random team.
async fn subsidy(w: &World, rng: &mut StdRng, t: &mut Tally) {
    let (country, scales) = pick(
        rng,
        &[
            ("CN", ["999999.99", "1000000"]),
            ("US", ["124999.99", "125000"]),
        ],
    );
    let mut members: Vec<(&str, &str)> = Vec::new();
    if w.good_subsidy {
        members.push((&w.pm_ok, "PROJECT_MANAGER"));
        members.push((&w.dev_ok, "DELIVERY"));
    } else {
        for (id, _) in &w.people {
            if rng.gen_bool(0.8) {
                members.push((
                    id,
                    if rng.gen_bool(0.3) {
                        "PROJECT_MANAGER"
                    } else {
                        "DELIVERY"
                    },
                ));
            }
        }
    }
    let id = project(&w.admin, country, pick(rng, &scales), &members).await;
    let path = format!("/v2/partners/projects/{id}/subsidy-applications");
    let read = w
        .admin
        .get(&format!("{path}/eligibility"), &[])
        .await
        .expect(200, "");
    t.agree(2, &read, &w.admin.post(&path, json!({})).await);
}

/// FH with some of the people, maybe a stranger, maybe unsigned.
async fn fh(w: &World, rng: &mut StdRng, t: &mut Tally) {
    let good = w.good_fh;
    let signed = good || rng.gen_bool(0.7);
    let mut named: Vec<String> = if good {
        vec![w.dev_ok.clone()]
    } else {
        w.people
            .iter()
            .filter(|_| rng.gen_bool(0.6))
            .map(|(i, _)| i.clone())
            .collect()
    };
    if named.is_empty() || (!good && rng.gen_bool(0.2)) {
        named.push(format!("stranger-{}", rng.gen::<u32>()));
    }
    let signed_text = signed.to_string();
    let mut q = vec![
        ("path_type", w.fh_path),
        ("agreement_signed", signed_text.as_str()),
    ];
    q.extend(named.iter().map(|n| ("specialist_ids", n.as_str())));
    let path = "/v2/partners/incentives/fh/qualifications";
    let read = w
        .admin
        .get(&format!("{path}/eligibility"), &q)
        .await
        .expect(200, "");
    let body = json!({"path_type": w.fh_path, "agreement_signed": signed, "specialist_ids": named});
    t.agree(1, &read, &w.admin.post(path, body).await);
}

async fn payout(w: &World, t: &mut Tally) {
    let read = w
        .admin
        .get(&format!("{}/eligibility", w.payout), &[])
        .await
        .expect(200, "");
    t.agree(3, &read, &w.admin.post(&w.payout, json!({})).await);
}

both_backends!(
    eligibility_reads_agree_with_applications,
    |srv: TestServer| async move {
        let mut tally = Tally::default();
        for seed in 0..CASES {
            let mut rng = StdRng::seed_from_u64(900 + seed);
            let w = setup(&srv, &mut rng).await;
            certification(&w, &mut rng, &mut tally).await;
            // The subsidy before FH: an accepted FH changes who the subsidy counts.
            subsidy(&w, &mut rng, &mut tally).await;
            fh(&w, &mut rng, &mut tally).await;
            payout(&w, &mut tally).await;
        }
        eprintln!("(accepted, refused) per {KINDS:?}: {tally:?}");
        for (i, (accepted, refused)) in tally.0.iter().enumerate() {
            assert!(
                *accepted > 0 && *refused > 0,
                "{} saw both outcomes: {tally:?}",
                KINDS[i]
            );
        }
    }
);
