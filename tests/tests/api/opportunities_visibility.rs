//! S13 visibility matrix: for each role the exact set of opportunities seen on lists, reads,
//! updates, closes and exports; an invisible id answers exactly like a missing one. (A
//! distributor's writes on its resellers' opportunities: `opportunities_read_only`.)

use serde_json::json;
use std::collections::BTreeSet;
use tests::both_backends;
use tests::fixtures_opportunities::{
    create_opportunity, exported_ids, opportunity_body, sales_org, visible_ids, OPPS, OPPS_QUERY,
};
use tests::Client;

fn set(ids: &[&String]) -> BTreeSet<String> {
    ids.iter().map(|s| (*s).clone()).collect()
}

/// Status, code and message of an answer, to compare invisible with missing.
async fn answer(
    c: &Client,
    method: &str,
    path: &str,
    body: serde_json::Value,
) -> (u16, String, String) {
    let body = (!body.is_null()).then(|| body.to_string());
    let r = c.send(method, path, &[], body).await;
    (r.status, r.code(), r.msg())
}

both_backends!(
    each_role_sees_exactly_its_opportunities,
    |srv: tests::TestServer| async move {
        let o = sales_org(&srv).await;
        let admin = &o.d_admin.client;
        let o_a1 = create_opportunity(admin, opportunity_body(&o.cd.id, Some(&o.a1.name))).await;
        let o_a2 = create_opportunity(admin, opportunity_body(&o.cd.id, Some(&o.a2.name))).await;
        let o_sup = create_opportunity(&o.sup.client, opportunity_body(&o.cd.id, None)).await;
        let o_none = create_opportunity(admin, opportunity_body(&o.cd.id, None)).await;
        let o_r = create_opportunity(
            &o.r_admin.client,
            opportunity_body(&o.cr.id, Some(&o.r_am.name)),
        )
        .await;
        let o_x = create_opportunity(&o.x_admin.client, opportunity_body(&o.cx.id, None)).await;
        let all = [&o_a1, &o_a2, &o_sup, &o_none, &o_r, &o_x];
        let matrix: Vec<(&str, &Client, BTreeSet<String>)> = vec![
            ("account manager a1", &o.a1.client, set(&[&o_a1])),
            ("account manager a2", &o.a2.client, set(&[&o_a2])),
            ("supervisor", &o.sup.client, set(&[&o_a1, &o_sup])),
            (
                "distributor admin",
                admin,
                set(&[&o_a1, &o_a2, &o_sup, &o_none, &o_r]),
            ),
            ("reseller admin", &o.r_admin.client, set(&[&o_r])),
            ("reseller account manager", &o.r_am.client, set(&[&o_r])),
            ("another partner", &o.x_admin.client, set(&[&o_x])),
        ];
        let missing = "0123456789abcdef0123456789abcdef";
        for (who, c, want) in &matrix {
            assert_eq!(&visible_ids(c, json!({})).await, want, "list of {who}");
            assert_eq!(&exported_ids(c, json!({})).await, want, "export of {who}");
            let gone_get = answer(c, "GET", &format!("{OPPS}/{missing}"), json!(null)).await;
            let gone_put = answer(
                c,
                "PUT",
                &format!("{OPPS}/{missing}"),
                json!({"confidence": 70}),
            )
            .await;
            let gone_close = answer(
                c,
                "POST",
                &format!("{OPPS}/{missing}/close"),
                json!({"result": "LOST"}),
            )
            .await;
            assert_eq!(gone_get.0, 404);
            assert_eq!(gone_get.1, "CBC.99100002");
            for id in all {
                let get = answer(c, "GET", &format!("{OPPS}/{id}"), json!(null)).await;
                let put =
                    answer(c, "PUT", &format!("{OPPS}/{id}"), json!({"confidence": 70})).await;
                if want.contains(id.as_str()) {
                    assert_eq!(get.0, 200, "{who} reads {id}");
                    if *who == "distributor admin" && id == &o_r {
                        // Its reseller's: read-only to the distributor.
                        assert_eq!((put.0, put.1.as_str()), (403, "CBC.0151"), "{who} {put:?}");
                    } else {
                        assert_eq!(put.0, 200, "{who} updates {id}: {put:?}");
                    }
                } else {
                    assert_eq!(
                        get, gone_get,
                        "{who} reads an invisible one like a missing one"
                    );
                    assert_eq!(
                        put, gone_put,
                        "{who} updates an invisible one like a missing one"
                    );
                    let close = answer(
                        c,
                        "POST",
                        &format!("{OPPS}/{id}/close"),
                        json!({"result": "LOST"}),
                    )
                    .await;
                    assert_eq!(
                        close, gone_close,
                        "{who} closes an invisible one like a missing one"
                    );
                }
            }
        }
        // A user with no sales role sees nothing at all.
        let r = o.fin.client.post(OPPS_QUERY, json!({})).await;
        r.expect(403, "CBC.0151");
        // Nothing invisible was changed by the refused updates and closes.
        let v = o
            .x_admin
            .client
            .get(&format!("{OPPS}/{o_x}"), &[])
            .await
            .expect(200, "");
        assert_eq!(v["stage"], "QUALIFIED");
        // The distributor's admin narrows to one reseller; others may not name it.
        assert_eq!(
            visible_ids(admin, json!({"indirect_partner_id": o.r.id})).await,
            set(&[&o_r])
        );
        assert!(
            visible_ids(&o.a1.client, json!({"indirect_partner_id": o.r.id}))
                .await
                .is_empty()
        );
        o.x_admin
            .client
            .post(OPPS_QUERY, json!({"indirect_partner_id": o.r.id}))
            .await
            .expect(400, "CBC.99000037");
        // Closing takes effect for the owner and its supervisor alike, and ends changes.
        o.a1.client
            .post(
                &format!("{OPPS}/{o_a1}/close"),
                json!({"result": "WON", "reason": "signed"}),
            )
            .await
            .expect(200, "");
        let v = o
            .sup
            .client
            .get(&format!("{OPPS}/{o_a1}"), &[])
            .await
            .expect(200, "");
        assert_eq!(v["stage"], "WON");
        assert!(v["close_time"].as_str().is_some());
        o.sup
            .client
            .put(&format!("{OPPS}/{o_a1}"), json!({"confidence": 10}))
            .await
            .expect(400, "CBC.99100110");
        let _ = &o.d;
        let _ = &o.x;
    }
);

both_backends!(
    owners_are_assigned_within_the_scope,
    |srv: tests::TestServer| async move {
        let o = sales_org(&srv).await;
        let admin = &o.d_admin.client;
        // A supervisor assigns within the team, not outside it.
        let id =
            create_opportunity(&o.sup.client, opportunity_body(&o.cd.id, Some(&o.a1.name))).await;
        assert_eq!(visible_ids(&o.a1.client, json!({})).await.len(), 1);
        o.sup
            .client
            .put(
                &format!("{OPPS}/{id}"),
                json!({"account_manager_id": o.a2.name}),
            )
            .await
            .expect(400, "CBC.99100111");
        for bad in [&o.a2.name, &o.r_am.name, &o.fin.name, &"nobody".to_owned()] {
            o.sup
                .client
                .post(OPPS, opportunity_body(&o.cd.id, Some(bad)))
                .await
                .expect(400, "CBC.99100111");
        }
        // An account manager owns what it creates and cannot give it away.
        let mine = create_opportunity(&o.a2.client, opportunity_body(&o.cd.id, None)).await;
        let v =
            o.a2.client
                .get(&format!("{OPPS}/{mine}"), &[])
                .await
                .expect(200, "");
        assert_eq!(v["account_manager_id"], o.a2.name.as_str());
        o.a2.client
            .put(
                &format!("{OPPS}/{mine}"),
                json!({"account_manager_id": o.a1.name}),
            )
            .await
            .expect(400, "CBC.99100111");
        // The admin moves it; it leaves a2's view and enters a1's and the supervisor's.
        let v = admin
            .put(
                &format!("{OPPS}/{mine}"),
                json!({"account_manager_id": o.a1.name}),
            )
            .await
            .expect(200, "");
        assert_eq!(v["account_manager_id"], o.a1.name.as_str());
        o.a2.client
            .get(&format!("{OPPS}/{mine}"), &[])
            .await
            .expect(404, "CBC.99100002");
        assert!(visible_ids(&o.sup.client, json!({})).await.contains(&mine));
        // Customers out of reach: another partner's, and a reseller's for its distributor's
        // account managers.
        o.a1.client
            .post(OPPS, opportunity_body(&o.cx.id, None))
            .await
            .expect(400, "CBC.99000035");
        o.a1.client
            .post(OPPS, opportunity_body(&o.cr.id, None))
            .await
            .expect(400, "CBC.99000035");
        o.r_admin
            .client
            .post(OPPS, opportunity_body(&o.cd.id, None))
            .await
            .expect(400, "CBC.99000035");
    }
);
