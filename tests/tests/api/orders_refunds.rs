//! Unsubscription orders and their refunds (#18 items 4, 5), the order existence oracle (8),
//! discount coupons as ratios (9) and strict amounts and bodies (7).

use serde_json::json;
use tests::both_backends;
use tests::fixtures::{assert_ledger, cash, customer, link, partner, sub_customer, user};
use tests::fixtures_orders::{coupon, customer_credit, order, plain, recharge_customer, PAY};
use tests::TestServer;

const REFUNDS: &str = "/v2/orders/customer-orders/refund-orders";

fn unsubscribe_path(o: &str) -> String {
    format!("/v2/operator/orders/{o}/unsubscribe")
}

/// The credit a customer has available, in cents.
async fn credit(srv: &TestServer, id: &str) -> i64 {
    let (db, id) = (srv.db.clone(), id.to_owned());
    tokio::task::spawn_blocking(move || {
        db.read(|c| persistence::repo::accounts::find(c, "customer", &id, 2))
    })
    .await
    .expect("join")
    .expect("read")
    .map_or(0, |a| a.balance_cents)
}

async fn refund(srv: &TestServer, o: &str, amount: Option<&str>) -> String {
    let body = amount.map_or(json!({}), |a| json!({"refund_amount": a}));
    srv.operator()
        .post(&unsubscribe_path(o), body)
        .await
        .expect(200, "")["refund_order_id"]
        .as_str()
        .unwrap()
        .to_owned()
}

both_backends!(
    an_unsubscription_is_an_order_whose_refund_names_the_original,
    |srv: TestServer| async move {
        let c = customer(&srv).await;
        recharge_customer(&srv, &c.id, "50").await;
        let o = order(&srv, &c.id, "50", json!({})).await;
        assert_eq!(c.client.post(PAY, plain(&o)).await.status, 204);
        let r = refund(&srv, &o, Some("20")).await;
        assert_ne!(r, o);
        // It is listed and shown like any order: type 4, completed.
        let listed = c
            .client
            .get("/v2/orders/customer-orders", &[("order_id", &r)])
            .await
            .expect(200, "");
        assert_eq!(listed["total_count"], 1);
        assert_eq!(listed["order_infos"][0]["order_type"], 4);
        assert_eq!(listed["order_infos"][0]["status"], 5);
        let d = c
            .client
            .get(&format!("/v2/orders/customer-orders/details/{r}"), &[])
            .await
            .expect(200, "");
        assert_eq!(d["order_info"]["order_type"], 4);
        // ShowRefundOrderDetails takes the refund order's id.
        let by_refund = c
            .client
            .get(REFUNDS, &[("order_id", &r)])
            .await
            .expect(200, "");
        assert_eq!(by_refund["total_count"], 1);
        let info = &by_refund["refund_infos"][0];
        assert_eq!(
            (info["id"].as_str(), info["base_order_id"].as_str()),
            (Some(r.as_str()), Some(o.as_str()))
        );
        assert_eq!(info["amount"].to_string(), "-20.00");
        let by_original = c
            .client
            .get(REFUNDS, &[("order_id", &o)])
            .await
            .expect(200, "");
        assert_eq!(by_original["total_count"], 0);
        // Another customer sees neither.
        let other = customer(&srv).await;
        other
            .client
            .get(REFUNDS, &[("order_id", &r)])
            .await
            .expect(400, "CBC.30000010");
        // Nothing is left to refund of an unsubscription order itself.
        srv.operator()
            .post(&unsubscribe_path(&r), json!({}))
            .await
            .expect(400, "CBC.99100063");
        assert_eq!(cash(&srv, "customer", &c.id).await, 2000);
        assert_ledger(&srv).await;
    }
);

both_backends!(
    partial_refunds_return_to_each_account_exactly_what_it_paid,
    |srv: TestServer| async move {
        // 0.02 cash + 0.01 credit, refunded 0.01 at a time; then the mirror case.
        for (cash_in, credit_in) in [("0.02", "0.01"), ("0.01", "0.02")] {
            let c = customer(&srv).await;
            recharge_customer(&srv, &c.id, cash_in).await;
            customer_credit(&srv, &c.id, credit_in).await;
            let (cash0, credit0) = (
                cash(&srv, "customer", &c.id).await,
                credit(&srv, &c.id).await,
            );
            let o = order(&srv, &c.id, "0.03", json!({})).await;
            assert_eq!(c.client.post(PAY, plain(&o)).await.status, 204);
            assert_eq!(
                (
                    cash(&srv, "customer", &c.id).await,
                    credit(&srv, &c.id).await
                ),
                (0, 0)
            );
            for _ in 0..3 {
                refund(&srv, &o, Some("0.01")).await;
                assert!(cash(&srv, "customer", &c.id).await <= cash0);
                assert!(credit(&srv, &c.id).await <= credit0);
            }
            assert_eq!(
                (
                    cash(&srv, "customer", &c.id).await,
                    credit(&srv, &c.id).await
                ),
                (cash0, credit0),
                "{cash_in} cash + {credit_in} credit"
            );
        }
        assert_ledger(&srv).await;
    }
);

both_backends!(
    a_foreign_reseller_answers_alike_whether_or_not_the_order_exists,
    |srv: TestServer| async move {
        let d = partner(&srv, "DISTRIBUTOR").await;
        let r = partner(&srv, "RESELLER").await;
        link(&srv, &d, &r).await;
        let other_d = partner(&srv, "DISTRIBUTOR").await;
        let other_r = partner(&srv, "RESELLER").await;
        link(&srv, &other_d, &other_r).await;
        let c = sub_customer(&srv, &other_r, "1").await;
        let o = order(&srv, &c.id, "5", json!({})).await;
        let fin = user(&srv, &d, &["finance"]).await;
        let never = "CS0000000000NEVER";
        for (path, q) in [
            (format!("/v2/orders/customer-orders/details/{o}"), vec![]),
            (
                REFUNDS.to_owned(),
                vec![("order_id", o.as_str()), ("customer_id", c.id.as_str())],
            ),
        ] {
            let never_path = path.replace(&o, never);
            let never_q: Vec<(&str, &str)> = q
                .iter()
                .map(|(k, v)| (*k, if *v == o { never } else { *v }))
                .collect();
            for reseller in [other_r.id.as_str(), "5f1e2d3c4b5a69788796a5b4c3d2e1f0"] {
                let mut with = q.clone();
                with.push(("indirect_partner_id", reseller));
                let mut never_with = never_q.clone();
                never_with.push(("indirect_partner_id", reseller));
                let a = fin.client.get(&path, &with).await;
                let b = fin.client.get(&never_path, &never_with).await;
                assert_eq!(
                    (a.status, a.code(), a.msg()),
                    (b.status, b.code(), b.msg()),
                    "{path}"
                );
                assert_eq!(a.status, 400);
            }
            // Without acting for anyone, a foreign order is a missing one too.
            let a = fin.client.get(&path, &q).await;
            let b = fin.client.get(&never_path, &never_q).await;
            assert_eq!((a.status, a.code()), (b.status, b.code()), "{path}");
        }
    }
);

both_backends!(
    a_discount_coupon_pays_its_face_value_as_a_share,
    |srv: TestServer| async move {
        let c = customer(&srv).await;
        recharge_customer(&srv, &c.id, "200").await;
        let cp = coupon(&srv, &c.id, 2, "0.80", json!({})).await;
        let o = order(&srv, &c.id, "100", json!({})).await;
        let body = json!({"order_id": o, "use_coupon": "YES", "coupon_infos": [{"id": cp, "type": 300}], "use_discount": "NO"});
        assert_eq!(c.client.post(PAY, body).await.status, 204);
        // 100 at 80 %: 80 paid, 20 taken by the coupon, which is used up.
        assert_eq!(cash(&srv, "customer", &c.id).await, 12_000);
        let d = c
            .client
            .get(&format!("/v2/orders/customer-orders/details/{o}"), &[])
            .await
            .expect(200, "");
        assert_eq!(
            d["order_info"]["amount_info"]["coupon_amount"].to_string(),
            "20.00"
        );
        let listed = c
            .client
            .get("/v2/promotions/benefits/coupons", &[("coupon_id", &cp)])
            .await
            .expect(200, "");
        assert_eq!(listed["user_coupons"][0]["status"], 3);
        // A discount coupon's face value must be a ratio in (0, 1); amounts stay amounts.
        for bad in ["5", "1", "1.00", "0", "0.805"] {
            let r = srv
                .operator()
                .post(
                    &format!("/v2/operator/customers/{}/coupons", c.id),
                    json!({"coupon_type": 2, "face_value": bad}),
                )
                .await;
            r.expect(400, "CBC.0100");
            assert!(r.msg().contains("face_value"), "{bad}: {}", r.msg());
        }
        coupon(&srv, &c.id, 1, "5", json!({})).await;
        coupon(&srv, &c.id, 4, "0.80", json!({})).await;
    }
);

both_backends!(
    amounts_and_bodies_are_read_exactly_as_documented,
    |srv: TestServer| async move {
        let c = customer(&srv).await;
        let recharge = format!("/v2/operator/customers/{}/recharge", c.id);
        for bad in [
            json!(" 1"),
            json!("1\u{a0}"),
            json!("1.000"),
            json!("1e2"),
            json!(".5"),
            json!("01"),
            json!("1000000000000"),
            json!(1_000_000_000_000_i64),
            serde_json::from_str::<serde_json::Value>("1.001").unwrap(),
        ] {
            let r = srv.operator().post(&recharge, json!({"amount": bad})).await;
            r.expect(400, "CBC.0100");
            assert!(r.msg().contains("amount"), "{bad}: {}", r.msg());
        }
        assert_eq!(cash(&srv, "customer", &c.id).await, 0);
        // A JSON number is judged by its value, as the schema's number form states.
        srv.operator()
            .post(
                &recharge,
                serde_json::from_str(r#"{"amount": 1.50}"#).unwrap(),
            )
            .await
            .expect(200, "");
        assert_eq!(cash(&srv, "customer", &c.id).await, 150);
        srv.operator()
            .post(&recharge, json!({"amount": "999999999999.99"}))
            .await
            .expect(200, "");
        // A repeated key is refused, whichever value would have won.
        let r = srv
            .operator()
            .send(
                "POST",
                &recharge,
                &[],
                Some(r#"{"amount": "1", "amount": "2"}"#.into()),
            )
            .await;
        r.expect(400, "CBC.0100");
        assert!(r.msg().contains("amount"), "{}", r.msg());
        // A misspelt optional field is named, not ignored: nothing is refunded.
        let payer = customer(&srv).await;
        recharge_customer(&srv, &payer.id, "5").await;
        let o = order(&srv, &payer.id, "5", json!({})).await;
        assert_eq!(payer.client.post(PAY, plain(&o)).await.status, 204);
        let r = srv
            .operator()
            .post(&unsubscribe_path(&o), json!({"refund_amout": "0.01"}))
            .await;
        r.expect(400, "CBC.0100");
        assert!(r.msg().contains("refund_amout"), "{}", r.msg());
        assert_eq!(cash(&srv, "customer", &payer.id).await, 0);
        // Nested objects too.
        let r = payer
            .client
            .post(PAY, json!({"order_id": o, "use_coupon": "YES", "coupon_infos": [{"id": "x", "type": 301, "amount": 1}], "use_discount": "NO"}))
            .await;
        r.expect(400, "CBC.0100");
        assert!(r.msg().contains("coupon_infos"), "{}", r.msg());
    }
);
