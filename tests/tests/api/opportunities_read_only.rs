//! S13: a distributor may query (list, read, export) its resellers' customers' opportunities,
//! never create, edit, re-assign or close them. Each write answers `403 CBC.0151` like the
//! other forbidden writes on business opportunities, and changes nothing; the reseller itself
//! still may.

use serde_json::{json, Value};
use tests::both_backends;
use tests::fixtures_opportunities::{
    create_opportunity, exported_ids, opportunity_body, sales_org, visible_ids, SalesOrg, OPPS,
};
use tests::TestServer;

/// The reseller's opportunity, created by the reseller's admin for its account manager.
async fn reseller_opportunity(o: &SalesOrg) -> String {
    create_opportunity(
        &o.r_admin.client,
        opportunity_body(&o.cr.id, Some(&o.r_am.name)),
    )
    .await
}

/// What the opportunity looks like to its reseller.
async fn as_reseller(o: &SalesOrg, id: &str) -> Value {
    o.r_admin
        .client
        .get(&format!("{OPPS}/{id}"), &[])
        .await
        .expect(200, "")
}

/// The distributor still queries it: list, read and export.
async fn distributor_reads(o: &SalesOrg, id: &str) {
    let admin = &o.d_admin.client;
    assert!(visible_ids(admin, json!({})).await.contains(id));
    assert!(exported_ids(admin, json!({})).await.contains(id));
    admin
        .get(&format!("{OPPS}/{id}"), &[])
        .await
        .expect(200, "");
}

fn read_only(body: &Value) {
    let msg = body["error_msg"].as_str().unwrap_or_default();
    assert!(msg.contains("may query"), "{body}");
}

both_backends!(
    distributor_cannot_create_for_a_resellers_customer,
    |srv: TestServer| async move {
        let o = sales_org(&srv).await;
        let body = o
            .d_admin
            .client
            .post(OPPS, opportunity_body(&o.cr.id, None))
            .await
            .expect(403, "CBC.0151");
        read_only(&body);
        // With an owner of the reseller too.
        o.d_admin
            .client
            .post(OPPS, opportunity_body(&o.cr.id, Some(&o.r_am.name)))
            .await
            .expect(403, "CBC.0151");
        // Nothing was created; the reseller creates it, and the distributor sees it.
        assert!(visible_ids(&o.r_admin.client, json!({})).await.is_empty());
        let id = reseller_opportunity(&o).await;
        distributor_reads(&o, &id).await;
        // Its own customer's it still creates.
        create_opportunity(&o.d_admin.client, opportunity_body(&o.cd.id, None)).await;
    }
);

both_backends!(
    distributor_cannot_edit_a_resellers_opportunity,
    |srv: TestServer| async move {
        let o = sales_org(&srv).await;
        let id = reseller_opportunity(&o).await;
        let before = as_reseller(&o, &id).await;
        let body = o
            .d_admin
            .client
            .put(
                &format!("{OPPS}/{id}"),
                json!({"confidence": 90, "stage": "NEGOTIATION", "expected_monthly_amount": "99.00"}),
            )
            .await
            .expect(403, "CBC.0151");
        read_only(&body);
        assert_eq!(as_reseller(&o, &id).await, before, "nothing changed");
        distributor_reads(&o, &id).await;
        // The reseller edits it.
        let v = o
            .r_admin
            .client
            .put(&format!("{OPPS}/{id}"), json!({"confidence": 90}))
            .await
            .expect(200, "");
        assert_eq!(v["confidence"], 90);
    }
);

both_backends!(
    distributor_cannot_reassign_a_resellers_opportunity,
    |srv: TestServer| async move {
        let o = sales_org(&srv).await;
        let id = reseller_opportunity(&o).await;
        let before = as_reseller(&o, &id).await;
        // Neither to one of its own account managers nor to another of the reseller's.
        let other =
            tests::fixtures_opportunities::staff(&srv, &o.r, &["account_manager"], None).await;
        for login in [&o.a1.name, &other.name] {
            let body = o
                .d_admin
                .client
                .put(
                    &format!("{OPPS}/{id}"),
                    json!({ "account_manager_id": login }),
                )
                .await
                .expect(403, "CBC.0151");
            read_only(&body);
        }
        assert_eq!(as_reseller(&o, &id).await, before, "nothing changed");
        assert_eq!(before["account_manager_id"], o.r_am.name.as_str());
        // The reseller's admin re-assigns it.
        let v = o
            .r_admin
            .client
            .put(
                &format!("{OPPS}/{id}"),
                json!({ "account_manager_id": other.name }),
            )
            .await
            .expect(200, "");
        assert_eq!(v["account_manager_id"], other.name.as_str());
    }
);

both_backends!(
    distributor_cannot_close_a_resellers_opportunity,
    |srv: TestServer| async move {
        let o = sales_org(&srv).await;
        let id = reseller_opportunity(&o).await;
        for result in ["WON", "LOST"] {
            let body = o
                .d_admin
                .client
                .post(
                    &format!("{OPPS}/{id}/close"),
                    json!({"result": result, "reason": "closed by the distributor"}),
                )
                .await
                .expect(403, "CBC.0151");
            read_only(&body);
        }
        let v = as_reseller(&o, &id).await;
        assert_eq!(v["stage"], "QUALIFIED");
        assert!(v["close_time"].is_null());
        distributor_reads(&o, &id).await;
        // The reseller closes it; the distributor sees it closed.
        o.r_am
            .client
            .post(&format!("{OPPS}/{id}/close"), json!({"result": "WON"}))
            .await
            .expect(200, "");
        let v = o
            .d_admin
            .client
            .get(&format!("{OPPS}/{id}"), &[])
            .await
            .expect(200, "");
        assert_eq!(v["stage"], "WON");
    }
);
