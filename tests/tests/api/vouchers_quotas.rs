//! Quotas: the operator's grant, UpdateCouponQuotas (per-reseller results), ReclaimCouponQuotas,
//! ListQuotaCoupons, ListIssuedCouponQuotas and ListCouponQuotasRecords.

use serde_json::{json, Value};
use tests::both_backends;
use tests::fixtures_vouchers::*;

fn codes(v: &Value) -> Vec<(String, String)> {
    v["error_details"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["id"].as_str().unwrap().to_owned(),
                e["error_code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

both_backends!(
    pass_quota_to_resellers_and_take_it_back,
    |srv: tests::TestServer| async move {
        let (d, r1, r2) = channel(&srv).await;
        let stranger = desk(&srv, "RESELLER").await;
        let q = quota(&srv, d.id(), "1000", json!({})).await;
        let body = |ids: Vec<&str>, amount: &str| json!({"quota_id": q, "indirect_partner_ids": ids, "quota_amount": amount});
        let v = d
            .client
            .post(ADJUST, body(vec![r1.id(), r2.id(), stranger.id()], "300"))
            .await
            .expect(200, "");
        assert_eq!(
            codes(&v),
            [(stranger.id().to_owned(), "CBC.99000037".to_owned())]
        );
        let infos = v["simple_quota_infos"].as_array().unwrap();
        assert_eq!(infos.len(), 2);
        assert_eq!(infos[0]["id"], r1.id());
        let c1 = infos[0]["quota_id"].as_str().unwrap().to_owned();
        let c2 = infos[1]["quota_id"].as_str().unwrap().to_owned();
        assert_eq!(
            quota_view(&d.client, &q).await["balance"].to_string(),
            "400.00"
        );
        let again = d
            .client
            .post(ADJUST, body(vec![r1.id()], "200"))
            .await
            .expect(200, "");
        assert_eq!(
            again["simple_quota_infos"][0]["quota_id"],
            c1.as_str(),
            "the same child grows"
        );
        let child = quota_view(&r1.client, &c1).await;
        assert_eq!(child["quota_value"].to_string(), "500.00");
        assert_eq!(child["balance"].to_string(), "500.00");
        // 200 left: the first reseller gets 150, the second finds too little.
        let partial = d
            .client
            .post(ADJUST, body(vec![r1.id(), r2.id()], "150"))
            .await
            .expect(200, "");
        assert_eq!(
            codes(&partial),
            [(r2.id().to_owned(), "CBC.99000013".to_owned())]
        );
        assert_eq!(
            quota_view(&d.client, &q).await["balance"].to_string(),
            "50.00"
        );
        for (b, code) in [
            (body(vec![], "1"), "CBC.0100"),
            (body(vec![r1.id(), r1.id()], "1"), "CBC.0100"),
            (body(vec![r1.id()], "0"), "CBC.0100"),
            (body(vec![r1.id()], "0.001"), "CBC.0100"),
            (
                json!({"quota_id": "nope", "indirect_partner_ids": [r1.id()], "quota_amount": 1}),
                "CBC.99000012",
            ),
            (
                json!({"quota_id": c1, "indirect_partner_ids": [r1.id()], "quota_amount": 1}),
                "CBC.99000012",
            ),
        ] {
            d.client.post(ADJUST, b).await.expect(400, code);
        }
        r1.client
            .post(ADJUST, body(vec![r2.id()], "1"))
            .await
            .expect(403, "CBC.0151");
        r1.client
            .get(ISSUED_QUOTAS, &[])
            .await
            .expect(403, "CBC.0151");
        r1.client
            .get(QUOTA_RECORDS, &[])
            .await
            .expect(403, "CBC.0151");

        // The reseller issues from its quota; the distributor sees it acting for the reseller.
        let cust = resale(&srv, &r1.party, 1).await;
        issue(&r1.client, &c1, &cust, "50").await;
        let seen = d
            .client
            .post(QUOTAS, json!({"indirect_partner_id": r1.id()}))
            .await
            .expect(200, "");
        assert_eq!(seen["total_count"], 1);
        assert_eq!(seen["quotas"][0]["balance"].to_string(), "600.00");
        d.client
            .post(QUOTAS, json!({"indirect_partner_id": stranger.id()}))
            .await
            .expect(400, "CBC.99000037");
        let issued = d.client.get(ISSUED_QUOTAS, &[]).await.expect(200, "");
        assert_eq!(issued["total_count"], 2);
        let mine = d
            .client
            .get(ISSUED_QUOTAS, &[("indirect_partner_id", r2.id())])
            .await
            .expect(200, "");
        assert_eq!(mine["quotas"][0]["quota_id"], c2.as_str());
        assert_eq!(mine["quotas"][0]["parent_quota_id"], q.as_str());
        assert_eq!(mine["quotas"][0]["indirect_partner_id"], r2.id());
        assert!(mine["quotas"][0]["indirect_partner_account_name"].is_string());
        assert_eq!(
            d.client
                .get(ISSUED_QUOTAS, &[("parent_quota_id", "")])
                .await
                .expect(200, "")["total_count"],
            0
        );
        assert_eq!(
            d.client
                .get(ISSUED_QUOTAS, &[("quota_id", &c1)])
                .await
                .expect(200, "")["total_count"],
            1
        );
        d.client
            .get(ISSUED_QUOTAS, &[("indirect_partner_id", stranger.id())])
            .await
            .expect(400, "CBC.99000037");

        let back = d
            .client
            .post(
                RECLAIM_QUOTAS,
                json!({"quota_ids": [c1, "nope"], "remark": "year end"}),
            )
            .await
            .expect(200, "");
        assert_eq!(
            codes(&back),
            [("nope".to_owned(), "CBC.99000012".to_owned())]
        );
        assert_eq!(back["simple_quota_infos"][0]["quota_id"], c1.as_str());
        assert_eq!(
            back["simple_quota_infos"][0]["quota_balance"].to_string(),
            "0.00"
        );
        assert_eq!(
            quota_view(&d.client, &q).await["balance"].to_string(),
            "650.00"
        );
        let reclaimed = quota_view(&r1.client, &c1).await;
        assert_eq!(reclaimed["quota_status"], 6);
        r1.client
            .post(
                COUPONS,
                json!({"quota_id": c1, "customer_ids": cust, "face_value": 1}),
            )
            .await
            .expect(400, "CBC.99000012");
        let empty = d
            .client
            .post(RECLAIM_QUOTAS, json!({"quota_ids": [c1]}))
            .await
            .expect(200, "");
        assert_eq!(
            codes(&empty)[0].1,
            "CBC.99000012",
            "nothing left to reclaim"
        );
        // The reseller's coupon comes back into its reclaimed quota, which can be reclaimed again.
        let coupon = r1.client.get(COUPONS, &[]).await.expect(200, "")["user_coupons"][0]
            ["coupon_id"]
            .as_str()
            .unwrap()
            .to_owned();
        assert_eq!(
            r1.client
                .post(RECLAIM, json!({"coupon_id": coupon}))
                .await
                .status,
            204
        );
        d.client
            .post(RECLAIM_QUOTAS, json!({"quota_ids": [c1]}))
            .await
            .expect(200, "");
        assert_eq!(
            quota_view(&d.client, &q).await["balance"].to_string(),
            "700.00"
        );
        // Passing again makes a new child.
        let fresh = d
            .client
            .post(ADJUST, body(vec![r1.id()], "10"))
            .await
            .expect(200, "");
        assert_ne!(fresh["simple_quota_infos"][0]["quota_id"], c1.as_str());
        // Each reseller hears of every move of its quota; the stranger of none.
        let quota_events = |all: Vec<(String, Value)>| -> Vec<(String, Value)> {
            all.into_iter()
                .filter(|(t, _)| t.starts_with("coupon_quota."))
                .collect()
        };
        let seen = quota_events(tests::fixtures::events_of(&srv, &r1.party).await);
        let kinds: Vec<&str> = seen.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(kinds.first(), Some(&"coupon_quota.granted"), "{seen:?}");
        assert_eq!(kinds.get(1), Some(&"coupon_quota.adjusted"), "{seen:?}");
        assert_eq!(seen[0].1["quota_id"], c1.as_str());
        assert_eq!(seen[0].1["amount"], "300.00");
        assert_eq!(seen[1].1["amount"], "200.00");
        assert!(kinds.contains(&"coupon_quota.reclaimed"), "{seen:?}");
        assert_eq!(
            kinds.last(),
            Some(&"coupon_quota.granted"),
            "the fresh child"
        );
        let r2_seen = quota_events(tests::fixtures::events_of(&srv, &r2.party).await);
        assert_eq!(r2_seen[0].0, "coupon_quota.granted");
        assert_eq!(r2_seen[0].1["quota_id"], c2.as_str());
        assert!(quota_events(tests::fixtures::events_of(&srv, &stranger.party).await).is_empty());
        d.client
            .post(RECLAIM_QUOTAS, json!({"quota_ids": []}))
            .await
            .expect(400, "CBC.0100");
        let eleven: Vec<String> = (0..11).map(|i| format!("q{i}")).collect();
        d.client
            .post(RECLAIM_QUOTAS, json!({"quota_ids": eleven}))
            .await
            .expect(400, "CBC.0100");
        assert_vouchers(&srv).await;
    }
);

both_backends!(
    quota_lists_and_records,
    |srv: tests::TestServer| async move {
        let (d, r1, r2) = channel(&srv).await;
        let q = quota(&srv, d.id(), "100", json!({"effective_time": "2026-11-25T00:00:00Z", "expire_time": "2027-06-01T00:00:00Z"})).await;
        let cash = quota(&srv, d.id(), "50", json!({"quota_type": 1})).await;
        let total = |v: Value| v["total_count"].as_i64().unwrap();
        assert_eq!(
            total(d.client.post(QUOTAS, json!({})).await.expect(200, "")),
            1,
            "voucher quotas by default"
        );
        assert_eq!(
            total(
                d.client
                    .post(QUOTAS, json!({"quota_type": 1}))
                    .await
                    .expect(200, "")
            ),
            1
        );
        assert_eq!(
            total(
                d.client
                    .post(QUOTAS, json!({"quota_ids": [cash]}))
                    .await
                    .expect(200, "")
            ),
            0
        );
        assert_eq!(
            total(
                d.client
                    .post(QUOTAS, json!({"quota_status_list": [3]}))
                    .await
                    .expect(200, "")
            ),
            0
        );
        assert_eq!(
            total(
                d.client
                    .post(QUOTAS, json!({"quota_status_list": [0], "quota_ids": []}))
                    .await
                    .expect(200, "")
            ),
            1
        );
        assert_eq!(
            total(
                d.client
                    .post(
                        QUOTAS,
                        json!({"effective_time_begin": "2026-11-25T00:00:00Z"})
                    )
                    .await
                    .expect(200, "")
            ),
            0,
            "strict"
        );
        assert_eq!(
            total(
                d.client
                    .post(QUOTAS, json!({"expire_time_end": "2027-06-01T00:00:01Z"}))
                    .await
                    .expect(200, "")
            ),
            1
        );
        for bad in [
            json!({"quota_type": 2}),
            json!({"quota_status_list": [9]}),
            json!({"limit": 0}),
            json!({"create_time_begin": "2026-11-25"}),
        ] {
            d.client.post(QUOTAS, bad).await.expect(400, "CBC.0100");
        }
        let v = d.client.post(ADJUST, json!({"quota_id": q, "indirect_partner_ids": [r1.id(), r2.id()], "quota_amount": "60"})).await.expect(200, "");
        let c1 = v["simple_quota_infos"][0]["quota_id"]
            .as_str()
            .unwrap()
            .to_owned();
        srv.clock.advance(chrono::Duration::seconds(10));
        d.client
            .post(RECLAIM_QUOTAS, json!({"quota_ids": [c1], "remark": "done"}))
            .await
            .expect(200, "");
        let recs = d.client.get(QUOTA_RECORDS, &[]).await.expect(200, "");
        assert_eq!(total(recs.clone()), 3, "{recs}");
        let newest = &recs["records"][0];
        assert_eq!(newest["operation_type"], "11");
        assert_eq!(newest["amount"].to_string(), "60.00");
        assert_eq!(newest["remark"], "done");
        assert_eq!(newest["quota_id"], c1.as_str());
        assert_eq!(newest["parent_quota_id"], q.as_str());
        assert_eq!(newest["result"], "0");
        assert_eq!(newest["indirect_partner_id"], r1.id());
        assert!(newest["operator"].as_str().unwrap().starts_with('u'));
        let failed = &recs["records"][1];
        assert_eq!(
            (failed["operation_type"].as_str(), failed["result"].as_str()),
            (Some("10"), Some("-1"))
        );
        let q_ = |k: &'static str, v: &str| vec![(k, v.to_owned())];
        for (query, n) in [
            (q_("operation_type", "10"), 2),
            (q_("operation_type", "11"), 1),
            (q_("operation_type", "99"), 3),
            (q_("indirect_partner_id", r2.id()), 1),
            (q_("quota_id", &c1), 2),
            (q_("parent_quota_id", &q), 3),
            (q_("parent_quota_id", ""), 0),
            (
                q_(
                    "operation_time_end",
                    newest["operation_time"].as_str().unwrap(),
                ),
                2,
            ),
            (
                q_(
                    "operation_time_begin",
                    newest["operation_time"].as_str().unwrap(),
                ),
                0,
            ),
        ] {
            let qs: Vec<(&str, &str)> = query.iter().map(|(k, v)| (*k, v.as_str())).collect();
            assert_eq!(
                total(d.client.get(QUOTA_RECORDS, &qs).await.expect(200, "")),
                n,
                "{query:?}"
            );
        }
        d.client
            .get(QUOTA_RECORDS, &[("operation_time_begin", "")])
            .await
            .expect(400, "CBC.0100");
        assert_vouchers(&srv).await;
    }
);
