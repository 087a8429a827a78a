//! Orders beyond payment: listing, details, cancel, S19 partner payment, refunds.

use serde_json::json;
use tests::both_backends;
use tests::fixtures::{assert_ledger, cash, partner, recharge, sub_customer, user};
use tests::fixtures_orders::{order, plain, PAY};

both_backends!(
    list_details_and_cancel,
    |srv: tests::TestServer| async move {
        let p = partner(&srv, "DISTRIBUTOR").await;
        let fin = user(&srv, &p, &["finance"]).await;
        let c = sub_customer(&srv, &p, "2").await;
        let two_lines = json!({"service_type_code": "hws.service.type.vpc", "order_line_items": [
        {"product_id": "a", "period_type": 3, "period_num": 1, "official_amount": "10"},
        {"product_id": "b", "period_type": 2, "period_num": 6, "official_amount": "20", "discount_ratio": "0.5"}]});
        let o1 = order(&srv, &c.id, "10", json!({})).await;
        srv.clock.advance(chrono::Duration::seconds(5));
        let o2 = order(&srv, &c.id, "0", two_lines).await;
        let mine = c
            .client
            .get("/v2/orders/customer-orders", &[])
            .await
            .expect(200, "");
        assert_eq!(mine["total_count"], 2);
        assert_eq!(
            mine["order_infos"][0]["order_id"],
            o2.as_str(),
            "newest first by default"
        );
        let oldest = c
            .client
            .get(
                "/v2/orders/customer-orders",
                &[("order_by", "createTime"), ("limit", "1")],
            )
            .await
            .expect(200, "");
        assert_eq!(oldest["order_infos"][0]["order_id"], o1.as_str());
        let by_id = c
            .client
            .get(
                "/v2/orders/customer-orders",
                &[("order_id", &o2.to_lowercase())],
            )
            .await
            .expect(200, "");
        assert_eq!(by_id["total_count"], 1);
        let vpc = fin
            .client
            .get(
                "/v2/orders/customer-orders",
                &[("service_type_code", "hws.service.type.vpc")],
            )
            .await
            .expect(200, "");
        assert_eq!(vpc["total_count"], 1);
        assert_eq!(
            vpc["order_infos"][0]["amount_after_discount"].to_string(),
            "20.00"
        );
        assert_eq!(
            vpc["order_infos"][0]["official_amount"].to_string(),
            "30.00"
        );
        let d = fin
            .client
            .get(
                &format!("/v2/orders/customer-orders/details/{o2}"),
                &[("limit", "1"), ("offset", "1")],
            )
            .await
            .expect(200, "");
        assert_eq!(d["total_count"], 2);
        assert_eq!(d["order_line_items"][0]["product_id"], "b");
        assert_eq!(d["order_info"]["user_name"], c.name.as_str());
        for q in [
            vec![("status", "7")],
            vec![("order_by", "amount")],
            vec![("order_type", "99")],
        ] {
            c.client
                .get("/v2/orders/customer-orders", &q)
                .await
                .expect(400, "CBC.0100");
        }
        // Well-formed times more than a year apart: a business refusal.
        c.client
            .get(
                "/v2/orders/customer-orders",
                &[
                    ("create_time_begin", "2024-01-01T00:00:00Z"),
                    ("create_time_end", "2026-01-01T00:00:00Z"),
                ],
            )
            .await
            .expect(400, "CBC.99100066");
        assert_eq!(
            c.client
                .put("/v2/orders/customer-orders/cancel", json!({"order_id": o1}))
                .await
                .status,
            204
        );
        c.client
            .put("/v2/orders/customer-orders/cancel", json!({"order_id": o1}))
            .await
            .expect(400, "CBC.99005010");
        c.client
            .post(PAY, plain(&o1))
            .await
            .expect(400, "CBC.99003106");
        let cancelled = c
            .client
            .get("/v2/orders/customer-orders", &[("status", "4")])
            .await
            .expect(200, "");
        assert_eq!(cancelled["total_count"], 1);
        // Another partner sees none of it.
        let q = partner(&srv, "DISTRIBUTOR").await;
        let qf = user(&srv, &q, &["finance"]).await;
        assert_eq!(
            qf.client
                .get("/v2/orders/customer-orders", &[])
                .await
                .expect(200, "")["total_count"],
            0
        );
        qf.client
            .get(&format!("/v2/orders/customer-orders/details/{o2}"), &[])
            .await
            .expect(400, "CBC.30000010");
        qf.client
            .put("/v2/orders/customer-orders/cancel", json!({"order_id": o2}))
            .await
            .expect(400, "CBC.30000010");
    }
);

both_backends!(
    partner_pays_or_rejects_and_refunds_go_back_to_it,
    |srv: tests::TestServer| async move {
        let p = partner(&srv, "DISTRIBUTOR").await;
        let fin = user(&srv, &p, &["finance"]).await;
        let c = sub_customer(&srv, &p, "2").await;
        let referral = sub_customer(&srv, &p, "1").await;
        recharge(&srv, &p, "30").await;
        srv.operator()
            .put(
                &format!("/v2/operator/partners/{}/credit-limit", p.id),
                json!({"credit_limit": 70}),
            )
            .await
            .expect(200, "");
        let o = order(&srv, &c.id, "100", json!({})).await;
        let ask = format!("/v2/orders/customer-orders/{o}/partner-payment-requests");
        assert_eq!(c.client.post(&ask, json!({})).await.status, 204);
        c.client
            .post(&ask, json!({}))
            .await
            .expect(400, "CBC.99000088");
        c.client
            .post(PAY, plain(&o))
            .await
            .expect(400, "CBC.99000088");
        let pending = fin
            .client
            .post(
                "/v2/partners/sub-customers/orders/query",
                json!({"agent_pay_status": "PENDING"}),
            )
            .await
            .expect(200, "");
        assert_eq!(pending["total_count"], 1);
        assert_eq!(
            pending["order_infos"][0]["agent_pay_info"]["agent_pay_status"],
            "PENDING"
        );
        let r = fin
            .client
            .post(
                &format!("/v2/partners/sub-customers/orders/{o}/pay"),
                json!({"use_coupon": "NO", "use_discount": "NO"}),
            )
            .await;
        assert_eq!(r.status, 204, "{}", r.text);
        assert_eq!(cash(&srv, "partner", &p.id).await, 0);
        assert_eq!(cash(&srv, "customer", &c.id).await, 0);
        let d = c
            .client
            .get(&format!("/v2/orders/customer-orders/details/{o}"), &[])
            .await
            .expect(200, "");
        assert_eq!(d["order_info"]["status"], 5);
        let listed = c
            .client
            .get("/v2/orders/customer-orders", &[])
            .await
            .expect(200, "");
        assert_eq!(
            listed["order_infos"][0]["agent_pay_info"]["is_agent_pay"],
            true
        );
        assert_eq!(
            listed["order_infos"][0]["agent_pay_info"]["paying_agent_id"],
            p.id.as_str()
        );
        // Unsubscribe: 40 back, 30 % to cash and 70 % to credit, as paid.
        let u = srv
            .operator()
            .post(
                &format!("/v2/operator/orders/{o}/unsubscribe"),
                json!({"refund_amount": "40"}),
            )
            .await
            .expect(200, "");
        let first_refund = u["refund_order_id"].as_str().unwrap().to_owned();
        assert!(first_refund.starts_with("CS"));
        assert_eq!(cash(&srv, "partner", &p.id).await, 1200);
        srv.operator()
            .post(
                &format!("/v2/operator/orders/{o}/unsubscribe"),
                json!({"refund_amount": "60.01"}),
            )
            .await
            .expect(400, "CBC.99100063");
        srv.operator()
            .post(&format!("/v2/operator/orders/{o}/unsubscribe"), json!({}))
            .await
            .expect(200, "");
        srv.operator()
            .post(&format!("/v2/operator/orders/{o}/unsubscribe"), json!({}))
            .await
            .expect(400, "CBC.99100063");
        assert_eq!(cash(&srv, "partner", &p.id).await, 3000);
        let refunds = fin
            .client
            .get(
                "/v2/orders/customer-orders/refund-orders",
                &[("order_id", &first_refund), ("customer_id", &c.id)],
            )
            .await
            .expect(200, "");
        assert_eq!(refunds["total_count"], 1);
        assert_eq!(refunds["refund_infos"][0]["amount"].to_string(), "-40.00");
        assert_eq!(refunds["refund_infos"][0]["refunded_to"], "partner");
        assert_eq!(refunds["refund_infos"][0]["base_order_id"], o.as_str());
        fin.client
            .get(
                "/v2/orders/customer-orders/refund-orders",
                &[("order_id", &o)],
            )
            .await
            .expect(400, "CBC.99100067");
        let recs = fin
            .client
            .get(
                "/v2/accounts/partner-accounts/account-change-records",
                &[
                    ("balance_type", "BALANCE_TYPE_DEBIT"),
                    ("trade_type", "REFUND"),
                ],
            )
            .await
            .expect(200, "");
        assert_eq!(recs["total_count"], 2);
        assert_eq!(recs["records"][0]["customer_id"], c.id.as_str());
        // Rejection: the customer may then pay itself; a referral customer cannot ask.
        let o2 = order(&srv, &c.id, "1", json!({})).await;
        c.client
            .post(
                &format!("/v2/orders/customer-orders/{o2}/partner-payment-requests"),
                json!({}),
            )
            .await;
        fin.client
            .post(
                &format!("/v2/partners/sub-customers/orders/{o2}/reject"),
                json!({"reason": ""}),
            )
            .await
            .expect(400, "CBC.0100");
        assert_eq!(
            fin.client
                .post(
                    &format!("/v2/partners/sub-customers/orders/{o2}/reject"),
                    json!({"reason": "pay it yourself"})
                )
                .await
                .status,
            204
        );
        fin.client
            .post(
                &format!("/v2/partners/sub-customers/orders/{o2}/pay"),
                json!({"use_coupon": "NO", "use_discount": "NO"}),
            )
            .await
            .expect(400, "CBC.99100061");
        srv.operator()
            .post(
                &format!("/v2/operator/customers/{}/credit-limit", c.id),
                json!({}),
            )
            .await;
        let rejected = fin
            .client
            .post(
                "/v2/partners/sub-customers/orders/query",
                json!({"agent_pay_status": "REJECTED"}),
            )
            .await
            .expect(200, "");
        assert_eq!(
            rejected["order_infos"][0]["agent_pay_info"]["reject_reason"],
            "pay it yourself"
        );
        c.client
            .post(PAY, plain(&o2))
            .await
            .expect(400, "CBC.99005003");
        let o3 = order(&srv, &referral.id, "1", json!({})).await;
        referral
            .client
            .post(
                &format!("/v2/orders/customer-orders/{o3}/partner-payment-requests"),
                json!({}),
            )
            .await
            .expect(400, "CBC.99100062");
        assert_ledger(&srv).await;
    }
);
