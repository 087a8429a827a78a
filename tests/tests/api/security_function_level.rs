//! Function-level authorization: every operator operation (derived from the OpenAPI paths
//! under /v2/operator/) answers 403 CBC.0151 to every partner and customer identity, with real
//! ids and a plausible body, and changes nothing.

use futures_util::future::join_all;
use tests::authz::Side;
use tests::authz_request::build;
use tests::both_backends;
use tests::digest::{changes, digest};
use tests::openapi_walk::{document, operations, IdParam, Place};

both_backends!(
    operator_operations_refuse_partners_and_customers,
    |srv: tests::TestServer| async move {
        let a = Side::build(&srv, "A").await;
        let doc = document();
        let before = digest(&srv).await;
        let mut calls = Vec::new();
        let operator_ops: Vec<_> = operations(&doc)
            .into_iter()
            .filter(|o| o.path.starts_with("/v2/operator/"))
            .collect();
        assert!(
            operator_ops.len() >= 30,
            "{} operator operations",
            operator_ops.len()
        );
        // No parameter is under test here: a name that matches nothing leaves every id the
        // caller's own.
        let none = IdParam {
            place: Place::Body,
            name: "-".into(),
        };
        for op in &operator_ops {
            let req = build(&doc, &op.path, &op.op, &none, "", &a);
            for who in &a.identities {
                let (client, label, method, path) = (
                    who.client.clone(),
                    who.label.clone(),
                    op.method.clone(),
                    op.path.clone(),
                );
                let req = req.clone();
                calls.push(async move {
                    let r = req.send(&client, &method).await;
                    (format!("{method} {path} as {label}"), r)
                });
            }
        }
        let total = calls.len();
        let wrong: Vec<String> = join_all(calls)
            .await
            .into_iter()
            .filter(|(_, r)| r.status != 403 || r.code() != "CBC.0151")
            .map(|(what, r)| format!("{what}: {} {}", r.status, r.text))
            .collect();
        assert!(
            wrong.is_empty(),
            "{} of {total} calls were not refused:\n{}",
            wrong.len(),
            wrong.join("\n")
        );
        let diff = changes(&before, &digest(&srv).await);
        assert!(diff.is_empty(), "refused calls changed data: {diff:?}");
        eprintln!(
            "function level: {} operator operations × {} identities = {total} calls refused",
            operator_ops.len(),
            a.identities.len()
        );
    }
);
