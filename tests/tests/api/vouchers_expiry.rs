//! Expiry follows the injected clock: usable coupons past their time become expired (4) and
//! their balance returns to the quota with a record of type 4; quotas become invalid (3);
//! coupons expired more than two years ago drop out of the list.

use chrono::Duration;
use serde_json::json;
use tests::both_backends;
use tests::fixtures_vouchers::*;

both_backends!(
    coupons_and_quotas_expire_by_the_clock,
    |srv: tests::TestServer| async move {
        let (d, r1, _) = channel(&srv).await;
        let cust = resale(&srv, &d.party, 1).await;
        let q = quota(
            &srv,
            d.id(),
            "100",
            json!({"expire_time": "2026-12-25T12:00:00Z"}),
        )
        .await;
        let short = d
            .client
            .post(COUPONS, json!({"quota_id": q, "customer_ids": cust, "face_value": "30", "expire_time": "2026-11-26T12:00:00Z"}))
            .await
            .expect(200, "");
        let short = coupon_ids(&short)[0].clone();
        let long = coupon_ids(&issue(&d.client, &q, &cust, "20").await)[0].clone();
        let passed = d
            .client
            .post(
                ADJUST,
                json!({"quota_id": q, "indirect_partner_ids": [r1.id()], "quota_amount": "10"}),
            )
            .await
            .expect(200, "");
        let child = passed["simple_quota_infos"][0]["quota_id"]
            .as_str()
            .unwrap()
            .to_owned();
        assert_eq!(
            quota_view(&d.client, &q).await["balance"].to_string(),
            "40.00"
        );

        srv.clock.advance(Duration::days(2));
        let expired = d
            .client
            .get(COUPONS, &[("status", "4")])
            .await
            .expect(200, "");
        assert_eq!(expired["total_count"], 1);
        assert_eq!(expired["user_coupons"][0]["coupon_id"], short.as_str());
        assert_eq!(expired["user_coupons"][0]["balance"].to_string(), "0.00");
        assert_eq!(
            quota_view(&d.client, &q).await["balance"].to_string(),
            "70.00"
        );
        let recs = d
            .client
            .get(RECORDS, &[("operation_types", "4")])
            .await
            .expect(200, "");
        assert_eq!(recs["total_count"], 1);
        assert_eq!(recs["records"][0]["coupon_id"], short.as_str());
        assert_eq!(recs["records"][0]["operation_amount"].to_string(), "30.00");
        d.client
            .post(RECLAIM, json!({"coupon_id": short}))
            .await
            .expect(200, "CBC.99000048");

        srv.clock.advance(Duration::days(30));
        let v = quota_view(&d.client, &q).await;
        assert_eq!(v["quota_status"], 3);
        assert_eq!(
            v["balance"].to_string(),
            "90.00",
            "the long coupon came back too"
        );
        assert_eq!(quota_view(&r1.client, &child).await["quota_status"], 3);
        d.client
            .post(
                COUPONS,
                json!({"quota_id": q, "customer_ids": cust, "face_value": 1}),
            )
            .await
            .expect(400, "CBC.99000017");
        d.client
            .post(
                ADJUST,
                json!({"quota_id": q, "indirect_partner_ids": [r1.id()], "quota_amount": 1}),
            )
            .await
            .expect(400, "CBC.99000017");
        // An expired child can still be taken back.
        let back = d
            .client
            .post(RECLAIM_QUOTAS, json!({"quota_ids": [child]}))
            .await
            .expect(200, "");
        assert_eq!(back["simple_quota_infos"][0]["quota_id"], child.as_str());
        let mine = cust[0].clone();
        let customer_view = d
            .client
            .get(COUPONS, &[("customer_id", &mine), ("coupon_id", &long)])
            .await
            .expect(200, "");
        assert_eq!(customer_view["user_coupons"][0]["status"], 4);
        let statuses = d
            .client
            .post(QUOTAS, json!({"quota_status_list": [3]}))
            .await
            .expect(200, "");
        assert_eq!(statuses["total_count"], 1);

        srv.clock.advance(Duration::days(2 * 365 + 10));
        assert_eq!(
            d.client.get(COUPONS, &[]).await.expect(200, "")["total_count"],
            0,
            "expired over two years ago"
        );
        assert_eq!(
            d.client.get(RECORDS, &[]).await.expect(200, "")["total_count"],
            4,
            "records stay"
        );
        assert_vouchers(&srv).await;
    }
);

both_backends!(
    customers_see_their_expired_coupons,
    |srv: tests::TestServer| async move {
        let d = desk(&srv, "DISTRIBUTOR").await;
        let cust = tests::fixtures::sub_customer(&srv, &d.party, "2").await;
        let q = quota(&srv, d.id(), "100", json!({})).await;
        let id = coupon_ids(&issue(&d.client, &q, std::slice::from_ref(&cust.id), "15").await)[0]
            .clone();
        srv.clock.advance(Duration::days(400));
        let mine = cust
            .client
            .get("/v2/promotions/benefits/coupons", &[("coupon_id", &id)])
            .await
            .expect(200, "");
        assert_eq!(mine["user_coupons"][0]["status"], 4);
        assert_eq!(
            quota_view(&d.client, &q).await["balance"].to_string(),
            "100.00"
        );
        assert_vouchers(&srv).await;
    }
);
