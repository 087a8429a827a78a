//! Mass assignment: no partner or customer request body declares a field that only the platform
//! may set (the request types are what the server deserializes, so an undeclared field is
//! ignored), and sending such fields anyway to every partner and customer operation with a body
//! changes nothing they name: no balance or credit limit takes the injected value, no row gets
//! the other partner's id, no status is set from outside.

use serde_json::{json, Value};
use tests::authz::Side;
use tests::authz_request::build;
use tests::both_backends;
use tests::digest::digest;
use tests::openapi_walk::{body_schema, document, operations, resolve, IdParam, Place};

/// Fields that only the platform sets.
const PRIVILEGED: &[&str] = &[
    "balance",
    "balance_cents",
    "credit_limit",
    "designated_amount",
    "partner_id",
    "owner_id",
    "owner_kind",
    "status",
    "roles",
    "partner_type",
    "domain_id",
    "created_at",
    "reviewed_by",
    "approved_at",
];

/// Where a privileged name is not an assignment: the filters of query and export bodies, and
/// the one field of a status-transition operation (the domain's state machine checks the move).
fn declared_on_purpose(path: &str, field: &str) -> bool {
    let filter = path.ends_with("/query") || path.ends_with("/export");
    let transition = path.ends_with("/status") && field == "status";
    // An access key's own status (its owner or the partner's admin disables it), and the
    // roles a partner's admin gives its own users (the last active admin is kept).
    let key_status = path.contains("/access-keys/{access_key}") && field == "status";
    let admin_roles = path.starts_with("/v2/partners/users") && field == "roles";
    // The voice gateway (HMAC-signed, no partner or customer) reports a call's outcome.
    let gateway_report = path.starts_with("/v2/callbacks/voice/") && field == "status";
    (filter && !field.contains('.')) || transition || key_status || admin_roles || gateway_report
}

fn property_names(doc: &Value, s: &Value, prefix: &str, out: &mut Vec<String>, depth: u32) {
    if depth > 6 {
        return;
    }
    let s = resolve(doc, s);
    if let Some(items) = s.get("items") {
        property_names(doc, items, prefix, out, depth + 1);
    }
    for (k, v) in s["properties"].as_object().into_iter().flatten() {
        out.push(format!("{prefix}{k}"));
        property_names(doc, v, &format!("{prefix}{k}."), out, depth + 1);
    }
}

#[test]
fn no_partner_or_customer_body_declares_a_privileged_field() {
    let doc = document();
    let mut found = Vec::new();
    for op in operations(&doc) {
        if op.path.starts_with("/v2/operator/") {
            continue;
        }
        let Some(s) = body_schema(&op.op) else {
            continue;
        };
        let mut names = Vec::new();
        property_names(&doc, s, "", &mut names, 0);
        for n in names {
            let last = n.rsplit('.').next().unwrap_or(&n);
            if PRIVILEGED.contains(&last) && !declared_on_purpose(&op.path, &n) {
                found.push(format!("{} {}: {n}", op.method, op.path));
            }
        }
    }
    assert!(
        found.is_empty(),
        "privileged fields in request bodies:\n{}",
        found.join("\n")
    );
}

both_backends!(
    injected_privileged_fields_change_nothing,
    |srv: tests::TestServer| async move {
        let a = Side::build(&srv, "A").await;
        let b = Side::build(&srv, "B").await;
        let doc = document();
        let none = IdParam {
            place: Place::Body,
            name: "-".into(),
        };
        let b_ids: Vec<String> = b.ids.values().cloned().collect();
        let marker = "987654321";
        let injected = json!({
            "balance": marker, "balance_cents": marker, "credit_limit": marker,
            "designated_amount": marker, "partner_id": b.distributor.id, "owner_id": b.ids["customer"],
            "status": "APPROVED", "roles": ["admin"], "partner_type": "DISTRIBUTOR",
            "domain_id": b.distributor.domain_id, "created_at": 1, "approved_at": 1
        });
        let mut tried = 0;
        let mut problems = Vec::new();
        for op in operations(&doc) {
            if op.path.starts_with("/v2/operator/") || body_schema(&op.op).is_none() {
                continue;
            }
            let mut req = build(&doc, &op.path, &op.op, &none, "", &a);
            let mut body: Value =
                serde_json::from_str(req.body.as_deref().unwrap_or("{}")).unwrap();
            if let (Some(m), Some(extra)) = (body.as_object_mut(), injected.as_object()) {
                for (k, v) in extra {
                    m.entry(k.clone()).or_insert(v.clone());
                }
            }
            req.body = Some(body.to_string());
            let before = digest(&srv).await;
            for who in &a.identities {
                tried += 1;
                let r = req.send(&who.client, &op.method).await;
                if r.status >= 500 {
                    problems.push(format!(
                        "{} {} as {}: {} {}",
                        op.method, op.path, who.label, r.status, r.text
                    ));
                }
            }
            let after = digest(&srv).await;
            for (table, rows) in &after {
                let old = before.get(table).cloned().unwrap_or_default();
                for row in rows.iter().filter(|r| !old.contains(r)) {
                    let named = b_ids.iter().find(|id| row.contains(id.as_str()));
                    if row.contains(marker) || named.is_some() || row.contains("'APPROVED'") {
                        problems.push(format!("{} {} wrote {table}: {row}", op.method, op.path));
                    }
                }
            }
        }
        assert!(
            problems.is_empty(),
            "mass assignment:\n{}",
            problems.join("\n")
        );
        eprintln!(
            "mass assignment: {tried} requests with injected privileged fields, none honoured"
        );
    }
);
