//! Object-level authorization matrix, generated from the served OpenAPI document: every
//! partner or customer operation that takes an id (path, query or body, at any depth) is called
//! under every identity of one partner world with the other world's id, and again with a
//! missing id of the same shape. Both answers must be identical (status, code and body once the
//! ids are blanked): no existence oracle, no data. The whole database must be unchanged after
//! each operation: no effect. An id parameter without a fixture fails the test by name, so new
//! routes are covered as soon as they are registered (add a line to `tests::authz::REGISTRY`).
//! Operations a distributor may call for its reseller are called again acting for the other
//! world's reseller, with the foreign and the missing id alike.

use futures_util::future::join_all;
use serde_json::Value;
use std::collections::BTreeMap;
use tests::authz::{fixture_for, missing_like, Fixture, Side};
use tests::authz_request::{build, Request};
use tests::digest::{digest, Digest};
use tests::openapi_walk::{document, id_params, operations};
use tests::{both_backends, Client, Response};

/// The body with both ids blanked and per-request values dropped.
fn normalized(r: &Response, ids: &[&str]) -> (u16, String, Value) {
    let mut text = r.text.clone();
    for id in ids {
        text = text.replace(id, "<ID>");
    }
    let text = blank_hex(&text);
    let mut v: Value = serde_json::from_str(&text).unwrap_or(Value::String(text));
    if let Some(m) = v.as_object_mut() {
        m.remove("request_id");
    }
    (r.status, r.code(), v)
}

/// Every 32-hex token (the server's generated ids) blanked too: records created by the calls
/// themselves carry fresh ids.
fn blank_hex(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    for ch in text.chars().chain(std::iter::once(' ')) {
        if ch.is_ascii_hexdigit() {
            run.push(ch);
            continue;
        }
        out.push_str(if run.len() == 32 { "<HEX>" } else { &run });
        run.clear();
        out.push(ch);
    }
    out.pop();
    out
}

/// Rows removed (or changed) and rows added per table between two digests.
fn effect(before: &Digest, after: &Digest) -> (Vec<String>, BTreeMap<String, usize>) {
    let mut removed = Vec::new();
    let mut added = BTreeMap::new();
    for (table, rows) in after {
        let old = before.get(table).cloned().unwrap_or_default();
        removed.extend(
            old.iter()
                .filter(|r| !rows.contains(r))
                .map(|r| format!("{table}: {r}")),
        );
        let n = rows.iter().filter(|r| !old.contains(r)).count();
        if n > 0 {
            added.insert(table.clone(), n);
        }
    }
    (removed, added)
}

/// Whether the operation takes `indirect_partner_id` as a query parameter (a distributor
/// acting for its reseller).
fn acts_for_reseller(op: &Value) -> bool {
    op["parameters"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|p| p["in"] == "query" && p["name"] == "indirect_partner_id")
}

struct Case {
    label: String,
    param: String,
    client: Client,
    /// The same request with the caller's own id (sent for reads only, to show the requests
    /// are otherwise valid).
    own: Option<Request>,
    foreign: (String, Request),
    missing: (String, Request),
}

both_backends!(
    foreign_ids_answer_like_missing_ones_and_change_nothing,
    |srv: tests::TestServer| async move {
        let a = Side::build(&srv, "A").await;
        let b = Side::build(&srv, "B").await;
        // One missing id per side and kind, shaped like the real one.
        let missing: BTreeMap<(&str, &str), String> = [&a, &b]
            .iter()
            .flat_map(|s| s.ids.iter().map(|(k, v)| ((s.name, *k), missing_like(v))))
            .collect();
        let doc = document();
        let operator = srv.operator();
        let mut unregistered = Vec::new();
        let mut failures = Vec::new();
        let (mut cases_run, mut ops_covered) = (0usize, 0usize);
        let mut controls = (0usize, 0usize);
        for op in operations(&doc) {
            let public = openapi::PUBLIC_PATHS.contains(&op.path.as_str());
            if op.path.starts_with("/v2/operator/") || public {
                continue;
            }
            let mut targets = Vec::new();
            for p in id_params(&doc, &op.op) {
                let fixture = p
                    .lookup_names()
                    .iter()
                    .find_map(|n| fixture_for(n, &op.path));
                match fixture {
                    None => unregistered.push(format!(
                        "{} {} {:?} {}",
                        op.method, op.path, p.place, p.name
                    )),
                    Some(Fixture::NotAnObject | Fixture::Directory) => {}
                    Some(Fixture::Object(kind)) => targets.push((p, kind)),
                }
            }
            if targets.is_empty() {
                continue;
            }
            ops_covered += 1;
            let mut cases = Vec::new();
            for (param, kind) in &targets {
                // Each side's identities reach for the other side's object.
                for (own, other) in [(&a, &b), (&b, &a)] {
                    let foreign = other.ids[kind].clone();
                    let absent = missing[&(other.name, *kind)].clone();
                    let mut who: Vec<(String, Client)> = own
                        .identities
                        .iter()
                        .map(|i| (i.label.clone(), i.client.clone()))
                        .collect();
                    if own.name == "A" {
                        who.push(("operator".into(), operator.clone()));
                    }
                    // Acting for the other side's reseller must not reveal either whether
                    // the object exists: the caller's scope is judged first.
                    let acting = acts_for_reseller(&op.op) && *kind != "reseller";
                    for (label, client) in who {
                        let own_id = own.ids[kind].clone();
                        if acting {
                            let act = |mut r: tests::authz_request::Request| {
                                r.query.push((
                                    "indirect_partner_id".into(),
                                    other.ids["reseller"].clone(),
                                ));
                                r
                            };
                            cases.push(Case {
                                own: None,
                                label: format!("{label} acting for the other side's reseller"),
                                param: format!("{:?} {}", param.place, param.name),
                                client: client.clone(),
                                foreign: (
                                    foreign.clone(),
                                    act(build(&doc, &op.path, &op.op, param, &foreign, own)),
                                ),
                                missing: (
                                    absent.clone(),
                                    act(build(&doc, &op.path, &op.op, param, &absent, own)),
                                ),
                            });
                        }
                        cases.push(Case {
                            own: (op.method == "GET")
                                .then(|| build(&doc, &op.path, &op.op, param, &own_id, own)),
                            label,
                            param: format!("{:?} {}", param.place, param.name),
                            client,
                            foreign: (
                                foreign.clone(),
                                build(&doc, &op.path, &op.op, param, &foreign, own),
                            ),
                            missing: (
                                absent.clone(),
                                build(&doc, &op.path, &op.op, param, &absent, own),
                            ),
                        });
                    }
                }
            }
            // All calls with foreign ids, then all with missing ids: each phase must answer
            // alike and leave alike traces (only new rows, as many in the same tables).
            let d0 = digest(&srv).await;
            let with_foreign = join_all(
                cases
                    .iter()
                    .map(|c| c.foreign.1.send(&c.client, &op.method)),
            )
            .await;
            let d1 = digest(&srv).await;
            let with_missing = join_all(
                cases
                    .iter()
                    .map(|c| c.missing.1.send(&c.client, &op.method)),
            )
            .await;
            let d2 = digest(&srv).await;
            for c in cases.iter().filter(|c| !c.label.contains("operator")) {
                if let Some(req) = &c.own {
                    controls.0 += 1;
                    if req.send(&c.client, &op.method).await.status == 200 {
                        controls.1 += 1;
                    }
                }
            }
            for ((c, rf), rm) in cases.iter().zip(&with_foreign).zip(&with_missing) {
                cases_run += 1;
                let ids = [c.foreign.0.as_str(), c.missing.0.as_str()];
                let (nf, nm) = (normalized(rf, &ids), normalized(rm, &ids));
                if rf.status >= 500 || nf != nm {
                    failures.push(format!(
                        "{} {} [{}] as {}: foreign id → {} {}; missing id → {} {}",
                        op.method,
                        op.path,
                        c.param,
                        c.label,
                        rf.status,
                        rf.text,
                        rm.status,
                        rm.text
                    ));
                }
            }
            let (removed_f, added_f) = effect(&d0, &d1);
            let (removed_m, added_m) = effect(&d1, &d2);
            if !removed_f.is_empty() || !removed_m.is_empty() || added_f != added_m {
                failures.push(format!(
                    "{} {} changed data: foreign ids changed {removed_f:?} and added {added_f:?}; missing ids changed {removed_m:?} and added {added_m:?}",
                    op.method, op.path
                ));
            }
        }
        assert!(
            unregistered.is_empty(),
            "id parameters without a fixture; add them to tests::authz::REGISTRY (and the object to Side::build):\n{}",
            unregistered.join("\n")
        );
        assert!(
            failures.is_empty(),
            "{} of {cases_run} cases leak or act across partners:\n{}",
            failures.len(),
            failures.join("\n")
        );
        assert!(
            ops_covered >= 40,
            "only {ops_covered} operations were covered"
        );
        assert!(
            controls.1 * 3 >= controls.0,
            "reads with own ids mostly fail: {controls:?}"
        );
        eprintln!(
            "authorization matrix: {ops_covered} operations, {cases_run} cases (each a foreign and a missing id), 0 failures; reads with the caller's own id: {} of {} answered 200",
            controls.1, controls.0
        );
    }
);
