//! Partner coupons pay orders through PayOrders (pay type 301 vouchers, 302 cash coupons), and
//! their service-type and product limits decide which lines they may pay.

use serde_json::json;
use tests::both_backends;
use tests::fixtures::sub_customer;
use tests::fixtures_vouchers::*;

const EBS: &str = "hws.service.type.ebs";

both_backends!(
    partner_coupons_pay_orders,
    |srv: tests::TestServer| async move {
        use tests::fixtures_orders::{order, PAY};
        let d = desk(&srv, "DISTRIBUTOR").await;
        let cust = sub_customer(&srv, &d.party, "2").await;
        let vq = quota(&srv, d.id(), "100", json!({})).await;
        let cq = quota(&srv, d.id(), "100", json!({"quota_type": 1})).await;
        let voucher =
            coupon_ids(&issue(&d.client, &vq, std::slice::from_ref(&cust.id), "40").await)[0]
                .clone();
        let cash = coupon_ids(&issue(&d.client, &cq, std::slice::from_ref(&cust.id), "25").await)
            [0]
        .clone();
        tests::fixtures::recharge(&srv, &d.party, "100").await;
        d.client
            .post(
                "/v2/accounts/partner-accounts/adjust-amount",
                json!({"customer_id": cust.id, "amount": "100"}),
            )
            .await
            .expect(200, "");
        let o1 = order(&srv, &cust.id, "100", json!({})).await;
        let pay = |o: &str, id: &str, t: i32| json!({"order_id": o, "use_coupon": "YES", "use_discount": "NO", "coupon_infos": [{"id": id, "type": t}]});
        cust.client
            .post(PAY, pay(&o1, &voucher, 302))
            .await
            .expect(400, "CBC.0100");
        let r = cust.client.post(PAY, pay(&o1, &voucher, 301)).await;
        assert_eq!(r.status, 204, "{}", r.text);
        let o2 = order(&srv, &cust.id, "30", json!({})).await;
        let r = cust.client.post(PAY, pay(&o2, &cash, 302)).await;
        assert_eq!(r.status, 204, "{}", r.text);
        assert_eq!(
            tests::fixtures::cash(&srv, "customer", &cust.id).await,
            10_000 - 6_000 - 500
        );
        let used = d
            .client
            .get(COUPONS, &[("status", "3")])
            .await
            .expect(200, "");
        assert_eq!(used["total_count"], 2);
        let by_order = d
            .client
            .get(COUPONS, &[("order_id", &o1)])
            .await
            .expect(200, "");
        assert_eq!(by_order["user_coupons"][0]["coupon_id"], voucher.as_str());
        assert_eq!(by_order["user_coupons"][0]["balance"].to_string(), "0.00");
        d.client
            .post(RECLAIM, json!({"coupon_id": cash}))
            .await
            .expect(400, "CBC.99100053");
        let mine = cust
            .client
            .get(
                "/v2/promotions/benefits/coupons",
                &[("coupon_id", &voucher)],
            )
            .await
            .expect(200, "");
        assert_eq!(mine["user_coupons"][0]["status"], 3);
        assert_vouchers(&srv).await;
        tests::fixtures::assert_ledger(&srv).await;
    }
);

both_backends!(
    limited_coupons_pay_only_the_lines_they_cover,
    |srv: tests::TestServer| async move {
        use tests::fixtures_orders::{order, PAY};
        let d = desk(&srv, "DISTRIBUTOR").await;
        let cust = sub_customer(&srv, &d.party, "2").await;
        let q = quota(&srv, d.id(), "100", json!({"limit_infos": [
            {"limit_key": "CLOUD_SERVICE_TYPE", "limit_values": [{"value1": EBS}, {"value1": "hws.service.type.ec2"}]}
        ]}))
        .await;
        let v = d
            .client
            .post(COUPONS, json!({"quota_id": q, "customer_ids": [cust.id], "face_value": "50", "cloud_service_types": ["hws.service.type.ec2"]}))
            .await
            .expect(200, "");
        let coupon = coupon_ids(&v)[0].clone();
        tests::fixtures::recharge(&srv, &d.party, "100").await;
        d.client
            .post(
                "/v2/accounts/partner-accounts/adjust-amount",
                json!({"customer_id": cust.id, "amount": "100"}),
            )
            .await
            .expect(200, "");
        let pay = |o: &str| json!({"order_id": o, "use_coupon": "YES", "use_discount": "NO", "coupon_infos": [{"id": coupon, "type": 301}]});
        let ebs_only = order(&srv, &cust.id, "100", json!({})).await;
        cust.client
            .post(PAY, pay(&ebs_only))
            .await
            .expect(400, "CBC.99100057");
        let usable = |o: String| {
            let c = cust.client.clone();
            async move {
                c.get(
                    "/v2/orders/customer-orders/order-coupons",
                    &[("order_id", &o)],
                )
                .await
                .expect(200, "")["count"]
                    .clone()
            }
        };
        assert_eq!(usable(ebs_only.clone()).await, 0);
        let mixed = order(&srv, &cust.id, "0", json!({"order_line_items": [
            {"product_id": "p-1", "cloud_service_type": "hws.service.type.ec2", "period_type": 2, "period_num": 1, "official_amount": "30"},
            {"product_id": "p-2", "period_type": 2, "period_num": 1, "official_amount": "70"}
        ]}))
        .await;
        assert_eq!(usable(mixed.clone()).await, 1);
        let r = cust.client.post(PAY, pay(&mixed)).await;
        assert_eq!(r.status, 204, "{}", r.text);
        assert_eq!(
            tests::fixtures::cash(&srv, "customer", &cust.id).await,
            3_000,
            "the coupon paid only the ec2 line"
        );
        let used = d
            .client
            .get(COUPONS, &[("coupon_id", &coupon)])
            .await
            .expect(200, "");
        assert_eq!(used["user_coupons"][0]["status"], 3);
        assert_vouchers(&srv).await;
    }
);
