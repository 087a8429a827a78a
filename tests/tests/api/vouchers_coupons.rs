//! CreatePartnerCoupons, ListIssuedPartnerCoupons and ReclaimPartnerCoupons: per-customer
//! failures in `error_details`, whole-request failures as 400, reclaim back to the quota.

use serde_json::json;
use tests::both_backends;
use tests::fixtures::{customer, sub_customer};
use tests::fixtures_vouchers::*;

const EBS: &str = "hws.service.type.ebs";

both_backends!(
    issue_per_customer_and_whole_request_failures,
    |srv: tests::TestServer| async move {
        let d = desk(&srv, "DISTRIBUTOR").await;
        let other = desk(&srv, "SOLUTION_PROVIDER").await;
        let c = resale(&srv, &d.party, 3).await;
        let referral = sub_customer(&srv, &d.party, "1").await.id;
        let foreign = sub_customer(&srv, &other.party, "2").await.id;
        let stranger = customer(&srv).await.id;
        let q = quota(&srv, d.id(), "100", json!({"limit_infos": [
            {"limit_key": "FACE_VALUE", "limit_values": [{"value1": "10", "value2": "50"}]},
            {"limit_key": "CLOUD_SERVICE_TYPE", "limit_values": [{"value1": EBS}, {"value1": "hws.service.type.ec2"}]}
        ]}))
        .await;
        let ids = vec![
            c[0].clone(),
            c[1].clone(),
            c[2].clone(),
            referral.clone(),
            foreign.clone(),
            stranger.clone(),
        ];
        let v = issue(&d.client, &q, &ids, "40").await;
        assert_eq!(coupon_ids(&v).len(), 2, "{v}");
        assert_eq!(v["coupon_infos"][0]["id"], c[0].as_str());
        let errors: Vec<(String, String)> = v["error_details"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["id"].as_str().unwrap().to_owned(),
                    e["error_code"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        assert_eq!(
            errors,
            [
                (c[2].clone(), "CBC.99000013".to_owned()),
                (referral.clone(), "CBC.99000014".to_owned()),
                (foreign.clone(), "CBC.99000035".to_owned()),
                (stranger.clone(), "CBC.99000035".to_owned()),
            ]
        );
        let view = quota_view(&d.client, &q).await;
        assert_eq!(view["balance"].to_string(), "20.00");
        assert_eq!(view["quota_value"].to_string(), "100.00");
        assert_eq!(view["limit_infos"][0]["limit_key"], "FACE_VALUE");
        assert_eq!(view["limit_infos"][0]["limit_values"][0]["value2"], "50.00");
        let body = |extra: serde_json::Value| {
            let mut b = json!({"quota_id": q, "customer_ids": [c[2]], "face_value": "10"});
            for (k, val) in extra.as_object().unwrap() {
                b[k] = val.clone();
            }
            b
        };
        for (extra, code) in [
            (json!({"face_value": "9.99"}), "CBC.99000018"),
            (json!({"face_value": 50.01}), "CBC.99000019"),
            (json!({"face_value": "1.001"}), "CBC.0100"),
            (
                json!({"cloud_service_types": ["hws.service.type.obs"]}),
                "CBC.99000023",
            ),
            (json!({"quota_id": "nope"}), "CBC.99000012"),
            (json!({"valid_time": "2020-01-01T00:00:00Z"}), "CBC.0100"),
            (json!({"expire_time": "2030-01-01T00:00:00Z"}), "CBC.0100"),
            (json!({"customer_ids": []}), "CBC.0100"),
            (json!({"customer_ids": [c[2], c[2]]}), "CBC.0100"),
            (
                json!({"customer_ids": (0..101).map(|i| format!("c{i}")).collect::<Vec<_>>()}),
                "CBC.0100",
            ),
            (json!({"indirect_partner_id": other.id()}), "CBC.99000037"),
        ] {
            d.client
                .post(COUPONS, body(extra.clone()))
                .await
                .expect(400, code);
        }
        let theirs = quota(&srv, other.id(), "100", json!({})).await;
        d.client
            .post(COUPONS, body(json!({"quota_id": theirs})))
            .await
            .expect(400, "CBC.99000012");
        let ok = d
            .client
            .post(
                COUPONS,
                body(json!({"cloud_service_types": [EBS], "memo": ""})),
            )
            .await
            .expect(200, "");
        assert_eq!(coupon_ids(&ok).len(), 1);
        let reader = tests::fixtures::user(&srv, &d.party, &["account_manager"])
            .await
            .client;
        reader
            .post(COUPONS, body(json!({})))
            .await
            .expect(403, "CBC.0151");
        srv.anonymous()
            .post(COUPONS, body(json!({})))
            .await
            .expect(401, "APIGW.0301");
        let listed = reader
            .get(COUPONS, &[("customer_id", &c[2])])
            .await
            .expect(200, "");
        assert_eq!(listed["total_count"], 1);
        let coupon = &listed["user_coupons"][0];
        assert_eq!(coupon["use_limits"][0]["limit_key"], "cloudServiceType");
        assert_eq!(coupon["use_limits"][0]["value1"], EBS);
        assert_eq!(coupon["face_value"].to_string(), "10.00");
        assert_eq!(coupon["coupon_type"], 1);
        assert_eq!(coupon["status"], 2);
        assert_vouchers(&srv).await;
    }
);

both_backends!(
    list_filters_and_reclaim,
    |srv: tests::TestServer| async move {
        let d = desk(&srv, "DISTRIBUTOR").await;
        let c = resale(&srv, &d.party, 2).await;
        let q = quota(&srv, d.id(), "100", json!({})).await;
        let first = coupon_ids(&issue(&d.client, &q, &c, "30").await);
        srv.clock.advance(chrono::Duration::seconds(60));
        let later = coupon_ids(&issue(&d.client, &q, &c[..1], "5").await);
        let total = |v: serde_json::Value| v["total_count"].as_i64().unwrap();
        let list = |q: Vec<(&'static str, String)>| {
            let c = d.client.clone();
            async move {
                let q: Vec<(&str, &str)> = q.iter().map(|(k, v)| (*k, v.as_str())).collect();
                c.get(COUPONS, &q).await.expect(200, "")
            }
        };
        assert_eq!(total(list(vec![]).await), 3);
        assert_eq!(total(list(vec![("customer_id", c[0].clone())]).await), 2);
        assert_eq!(total(list(vec![("coupon_id", later[0].clone())]).await), 1);
        assert_eq!(total(list(vec![("coupon_type", "4".into())]).await), 0);
        assert_eq!(total(list(vec![("status", "2".into())]).await), 3);
        let created = list(vec![("coupon_id", first[0].clone())]).await["user_coupons"][0]
            ["create_time"]
            .as_str()
            .unwrap()
            .to_owned();
        assert_eq!(
            total(list(vec![("create_time_begin", created.clone())]).await),
            1,
            "strict bound"
        );
        assert_eq!(
            total(list(vec![("create_time_end", created.clone())]).await),
            0,
            "strict bound"
        );
        let page = list(vec![("limit", "1".into()), ("offset", "1".into())]).await;
        assert_eq!(page["user_coupons"].as_array().unwrap().len(), 1);
        assert_eq!(page["total_count"], 3);
        d.client
            .get(COUPONS, &[("coupon_type", "2")])
            .await
            .expect(400, "CBC.0100");
        d.client
            .get(COUPONS, &[("status", "9")])
            .await
            .expect(400, "CBC.0100");
        d.client
            .get(COUPONS, &[("create_time_begin", "yesterday")])
            .await
            .expect(400, "CBC.0100");

        let r = d.client.post(RECLAIM, json!({"coupon_id": first[0]})).await;
        assert_eq!(r.status, 204, "{}", r.text);
        assert_eq!(
            quota_view(&d.client, &q).await["balance"].to_string(),
            "65.00"
        );
        let again = d
            .client
            .post(RECLAIM, json!({"coupon_id": first[0]}))
            .await
            .expect(200, "CBC.99000048");
        assert!(again["error_msg"].as_str().unwrap().contains("reclaimed"));
        d.client
            .post(RECLAIM, json!({"coupon_id": "CPnothing"}))
            .await
            .expect(400, "CBC.99100054");
        let other = desk(&srv, "DISTRIBUTOR").await;
        other
            .client
            .post(RECLAIM, json!({"coupon_id": first[1]}))
            .await
            .expect(400, "CBC.99100054");
        assert_eq!(total(list(vec![("status", "5".into())]).await), 1);
        // A customer whose association became referral: its coupon cannot be reclaimed.
        let referral = c[1].clone();
        let db = srv.db.clone();
        tokio::task::spawn_blocking(move || {
            use diesel::prelude::*;
            use persistence::schema::customers;
            db.write(|conn| {
                diesel::update(customers::table.find(&referral))
                    .set(customers::association_type.eq("1"))
                    .execute(conn)?;
                Ok::<_, persistence::StoreError>(())
            })
        })
        .await
        .unwrap()
        .unwrap();
        d.client
            .post(RECLAIM, json!({"coupon_id": first[1]}))
            .await
            .expect(400, "CBC.99000045");
        assert_eq!(
            total(list(vec![]).await),
            2,
            "only resale customers' coupons are listed"
        );
        assert_vouchers(&srv).await;
    }
);

both_backends!(
    idempotent_issue_and_acting_for_a_reseller,
    |srv: tests::TestServer| async move {
        let (d, r1, _) = channel(&srv).await;
        let c = resale(&srv, &r1.party, 1).await;
        let q = quota(&srv, r1.id(), "100", json!({})).await;
        let body = json!({"quota_id": q, "customer_ids": c, "face_value": "10", "indirect_partner_id": r1.id()});
        let keyed = d.client.clone().with_idempotency_key("issue-1");
        let first = keyed.post(COUPONS, body.clone()).await.expect(200, "");
        let again = keyed.post(COUPONS, body.clone()).await.expect(200, "");
        assert_eq!(first, again, "a retry answers the first result");
        let mut other = body.clone();
        other["face_value"] = json!("11");
        keyed.post(COUPONS, other).await.expect(409, "CBC.0260");
        assert_eq!(
            quota_view(&r1.client, &q).await["balance"].to_string(),
            "90.00"
        );
        let theirs = r1.client.get(COUPONS, &[]).await.expect(200, "");
        assert_eq!(theirs["total_count"], 1, "issued from and by the reseller");
        let coupon = coupon_ids(&first)[0].clone();
        let reclaim = d.client.clone().with_idempotency_key("reclaim-1");
        let body = json!({"coupon_id": coupon, "indirect_partner_id": r1.id()});
        assert_eq!(reclaim.post(RECLAIM, body.clone()).await.status, 204);
        assert_eq!(
            reclaim.post(RECLAIM, body).await.status,
            204,
            "replayed, not refused"
        );
        d.client
            .post(RECLAIM, json!({"coupon_id": coupon}))
            .await
            .expect(400, "CBC.99100054");
        assert_eq!(
            quota_view(&r1.client, &q).await["balance"].to_string(),
            "100.00"
        );
        assert_vouchers(&srv).await;
    }
);
