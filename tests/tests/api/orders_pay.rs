//! PayOrders (S17): cash then credit, coupons and discounts with every error code.

use serde_json::json;
use tests::both_backends;
use tests::fixtures::{assert_ledger, cash, customer, partner, user};
use tests::fixtures_orders::{coupon, customer_credit, order, plain, recharge_customer, PAY};

both_backends!(
    cash_first_then_credit_exactly_once,
    |srv: tests::TestServer| async move {
        let c = customer(&srv).await;
        recharge_customer(&srv, &c.id, "30").await;
        customer_credit(&srv, &c.id, "100").await;
        let o = order(&srv, &c.id, "100", json!({})).await;
        let r = c.client.post(PAY, plain(&o)).await;
        assert_eq!(r.status, 204, "{}", r.text);
        assert_eq!(cash(&srv, "customer", &c.id).await, 0);
        c.client
            .post(PAY, plain(&o))
            .await
            .expect(400, "CBC.99003106");
        let d = c
            .client
            .get(&format!("/v2/orders/customer-orders/details/{o}"), &[])
            .await
            .expect(200, "");
        assert_eq!(d["order_info"]["status"], 5);
        assert_eq!(
            d["order_info"]["amount_info"]["consumed_amount"].to_string(),
            "100.00"
        );
        assert!(d["order_info"]["payment_time"]
            .as_str()
            .unwrap()
            .ends_with('Z'));
        let bal = c
            .client
            .get("/v2/accounts/customer-accounts/balances", &[])
            .await
            .expect(200, "");
        let credit = bal["account_balances"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["account_type"] == 2)
            .unwrap()
            .clone();
        assert_eq!(credit["amount"].to_string(), "30.00");
        let recs = c
            .client
            .get(
                "/v2/accounts/customer-accounts/account-change-records",
                &[
                    ("balance_type", "BALANCE_TYPE_DEBIT"),
                    ("trade_type", "DEDEUCT"),
                ],
            )
            .await
            .expect(200, "");
        assert_eq!(recs["records"][0]["trade_id"], o.as_str());
        assert_eq!(
            recs["records"][0]["trade_detail_type"],
            "SOURCE_OPERAIION_DEDEUCT"
        );
        assert_ledger(&srv).await;
    }
);

both_backends!(
    insufficient_balance_debits_nothing,
    |srv: tests::TestServer| async move {
        let c = customer(&srv).await;
        recharge_customer(&srv, &c.id, "30").await;
        customer_credit(&srv, &c.id, "50").await;
        let cp = coupon(&srv, &c.id, 1, "10", json!({})).await;
        let o = order(&srv, &c.id, "90.01", json!({})).await;
        let body = json!({"order_id": o, "use_coupon": "YES", "coupon_infos": [{"id": cp, "type": 301}], "use_discount": "NO"});
        c.client
            .post(PAY, body.clone())
            .await
            .expect(400, "CBC.99005003");
        assert_eq!(cash(&srv, "customer", &c.id).await, 3000);
        let coupons = c
            .client
            .get("/v2/promotions/benefits/coupons", &[("status", "2")])
            .await
            .expect(200, "");
        assert_eq!(coupons["count"], 1, "the coupon must still be usable");
        recharge_customer(&srv, &c.id, "0.01").await;
        assert_eq!(c.client.post(PAY, body).await.status, 204);
        let used = c
            .client
            .get("/v2/promotions/benefits/coupons", &[("coupon_id", &cp)])
            .await
            .expect(200, "");
        assert_eq!(used["user_coupons"][0]["status"], 3);
        assert_eq!(used["user_coupons"][0]["used_by_order_id"], o.as_str());
        assert_ledger(&srv).await;
    }
);

both_backends!(
    every_pay_orders_error_code,
    |srv: tests::TestServer| async move {
        let c = customer(&srv).await;
        let other = customer(&srv).await;
        recharge_customer(&srv, &c.id, "10000").await;
        let no_partner = coupon(
            &srv,
            &c.id,
            4,
            "5",
            json!({"simultaneousUseWithEmpowerDiscount": 0}),
        )
        .await;
        let no_contract = coupon(
            &srv,
            &c.id,
            4,
            "5",
            json!({"simultaneousUseWithContractDiscount": 0}),
        )
        .await;
        let no_promo = coupon(
            &srv,
            &c.id,
            4,
            "5",
            json!({"simultaneousUseWithPromotionDiscount": 0}),
        )
        .await;
        let min80 = coupon(&srv, &c.id, 4, "5", json!({"minConsumeDiscount": "0.8"})).await;
        let voucher = coupon(&srv, &c.id, 1, "5", json!({})).await;
        let disc_coupon = coupon(&srv, &c.id, 2, "0.95", json!({})).await;
        let discounted = |t: i32| json!({"discounts": [{"discount_id": format!("d{t}"), "discount_type": t, "discount_mode": 2, "discount_value": "1"}]});
        let with = |o: &str, cp: &str, t: i32| json!({"order_id": o, "use_coupon": "YES", "coupon_infos": [{"id": cp, "type": 302}], "use_discount": "YES", "discount_infos": [{"id": format!("d{t}"), "type": t}]});
        for (cp, t) in [(&no_partner, 3), (&no_contract, 2), (&no_promo, 0)] {
            let o = order(&srv, &c.id, "50", discounted(t)).await;
            c.client
                .post(PAY, with(&o, cp, t))
                .await
                .expect(400, "CBC.99003116");
        }
        let o = order(&srv, &c.id, "50", json!({"order_line_items": [{"product_id": "p", "period_type": 2, "period_num": 1, "official_amount": "50", "discount_ratio": "0.7"}]})).await;
        c.client.post(PAY, json!({"order_id": o, "use_coupon": "YES", "coupon_infos": [{"id": min80, "type": 302}], "use_discount": "NO"})).await.expect(400, "CBC.99003117");
        let o = order(&srv, &c.id, "50", json!({})).await;
        c.client.post(PAY, json!({"order_id": o, "use_coupon": "YES", "coupon_infos": [{"id": voucher, "type": 301}, {"id": disc_coupon, "type": 300}], "use_discount": "NO"})).await.expect(400, "CBC.99003147");
        c.client.post(PAY, json!({"order_id": o, "use_coupon": "NO", "use_discount": "YES", "discount_infos": [{"id": "nope", "type": 3}]})).await.expect(400, "CBC.99003108");
        let adj = order(&srv, &c.id, "50", discounted(609)).await;
        c.client
            .post(PAY, plain(&adj))
            .await
            .expect(400, "CBC.99003108");
        assert_eq!(c.client.post(PAY, json!({"order_id": adj, "use_coupon": "NO", "use_discount": "YES", "discount_infos": [{"id": "d609", "type": 609}]})).await.status, 204);
        let late = order(
            &srv,
            &c.id,
            "50",
            json!({"pending_payment_end_time": "2026-11-25T12:30:00Z"}),
        )
        .await;
        srv.clock.advance(chrono::Duration::hours(1));
        let mut later = c.client.clone();
        later.set_clock(srv.clock.clone());
        later
            .post(PAY, plain(&late))
            .await
            .expect(400, "CBC.99003110");
        let o2 = order(&srv, &c.id, "50", json!({})).await;
        later.post(PAY, json!({"order_id": o2, "use_coupon": "YES", "coupon_infos": [{"id": voucher, "type": 301}], "use_discount": "NO"})).await;
        later.post(PAY, json!({"order_id": o, "use_coupon": "YES", "coupon_infos": [{"id": voucher, "type": 301}], "use_discount": "NO"})).await.expect(400, "CBC.99003112");
        let theirs = order(&srv, &other.id, "5", json!({})).await;
        let a = later.post(PAY, plain(&theirs)).await;
        let b = later.post(PAY, plain("CSNOSUCHORDER")).await;
        a.expect(400, "CBC.30000010");
        assert_eq!(
            a.json(),
            b.json(),
            "a foreign order answers like a missing one"
        );
        for bad in [
            json!({"order_id": o, "use_coupon": "YES", "use_discount": "NO"}),
            json!({"order_id": o, "use_coupon": "NO", "use_discount": "NO", "coupon_infos": [{"id": voucher, "type": 301}]}),
            json!({"order_id": o, "use_coupon": "MAYBE"}),
            json!({"order_id": o, "use_coupon": "YES", "coupon_infos": [{"id": "a", "type": 301}, {"id": "b", "type": 301}, {"id": "c", "type": 301}, {"id": "d", "type": 301}]}),
            json!({"use_coupon": "NO"}),
        ] {
            later.post(PAY, bad).await.expect(400, "CBC.0100");
        }
        let p = partner(&srv, "DISTRIBUTOR").await;
        user(&srv, &p, &["admin"])
            .await
            .client
            .post(PAY, plain(&o))
            .await
            .expect(403, "CBC.0151");
        assert_ledger(&srv).await;
    }
);

both_backends!(
    discounts_and_coupons_reduce_the_price,
    |srv: tests::TestServer| async move {
        let c = customer(&srv).await;
        recharge_customer(&srv, &c.id, "1000").await;
        let cp = coupon(&srv, &c.id, 4, "20", json!({})).await;
        let o = order(&srv, &c.id, "100", json!({"discounts": [{"discount_id": "p10", "discount_type": 3, "discount_mode": 0, "discount_value": "0.9"}]})).await;
        let ds = c
            .client
            .get(
                "/v2/orders/customer-orders/order-discounts",
                &[("order_id", &o)],
            )
            .await
            .expect(200, "");
        assert_eq!(ds["discounts"][0]["discount_id"], "p10");
        assert_eq!(
            ds["discounts"][0]["orders"][0]["order_line_items"][0]["discount_amount"].to_string(),
            "10.00"
        );
        let cs = c
            .client
            .get(
                "/v2/orders/customer-orders/order-coupons",
                &[("order_id", &o)],
            )
            .await
            .expect(200, "");
        assert_eq!(cs["count"], 1);
        assert_eq!(cs["user_coupons"][0]["coupon_id"], cp.as_str());
        let r = c.client.post(PAY, json!({"order_id": o, "use_coupon": "YES", "coupon_infos": [{"id": cp, "type": 302}], "use_discount": "YES", "discount_infos": [{"id": "p10", "type": 3}]})).await;
        assert_eq!(r.status, 204, "{}", r.text);
        assert_eq!(cash(&srv, "customer", &c.id).await, 100_000 - 7000);
        let d = c
            .client
            .get(&format!("/v2/orders/customer-orders/details/{o}"), &[])
            .await
            .expect(200, "");
        assert_eq!(
            d["order_info"]["amount_info"]["coupon_amount"].to_string(),
            "20.00"
        );
        assert_eq!(
            d["order_info"]["amount_after_discount"].to_string(),
            "90.00"
        );
        assert_ledger(&srv).await;
    }
);
