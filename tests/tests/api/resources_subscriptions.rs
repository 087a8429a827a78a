//! Yearly/monthly resources (#22): paying an order creates them, renewal orders extend them
//! (paid at once or later), unsubscription refunds whoever paid and closes them, auto-renewal
//! is set and cancelled; a customer sees its own, a partner those of a customer it names.

use serde_json::json;
use tests::both_backends;
use tests::fixtures::{assert_ledger, cash, customer, partner, sub_customer, user};
use tests::fixtures_orders::{plain, recharge_customer, PAY};
use tests::fixtures_resources::{bought, resource, unix, QUERY};
use tests::TestServer;

const RENEW: &str = "/v2/orders/subscriptions/resources/renew";
const UNSUBSCRIBE: &str = "/v2/orders/subscriptions/resources/unsubscribe";
const MONTH: i64 = 28 * 86_400;

fn autorenew(id: &str) -> String {
    format!("/v2/orders/subscriptions/resources/autorenew/{id}")
}

both_backends!(
    a_paid_order_makes_resources_that_renewals_extend,
    |srv: TestServer| async move {
        let c = customer(&srv).await;
        recharge_customer(&srv, &c.id, "200").await;
        let (_, r) = bought(&srv, &c, "30").await;
        assert_eq!(
            (r["status"].as_i64(), r["expire_policy"].as_i64()),
            (Some(2), Some(0))
        );
        assert_eq!(r["service_type_code"], "hws.service.type.ebs");
        assert_eq!(r["resource_type_code"], "hws.resource.type.ebs");
        let id = r["resource_id"].as_str().unwrap_or_default().to_owned();
        let expire = unix(&r["expire_time"]);
        assert!(expire - unix(&r["effective_time"]) >= MONTH);
        assert_eq!(cash(&srv, "customer", &c.id).await, 17_000);
        // Two months at 30.00 a month, paid at once.
        let renewed = c
            .client
            .post(
                RENEW,
                json!({"resource_ids": [id], "period_type": 2, "period_num": 2, "is_auto_pay": 1}),
            )
            .await
            .expect(200, "");
        assert_eq!(renewed["order_ids"].as_array().map(Vec::len), Some(1));
        assert_eq!(cash(&srv, "customer", &c.id).await, 11_000);
        let after = unix(&resource(&c, &id).await["expire_time"]);
        assert!(after - expire >= 2 * MONTH, "{expire} → {after}");
        let o = renewed["order_ids"][0].as_str().unwrap_or_default();
        let d = c
            .client
            .get(&format!("/v2/orders/customer-orders/details/{o}"), &[])
            .await
            .expect(200, "");
        assert_eq!(
            (
                d["order_info"]["order_type"].as_i64(),
                d["order_info"]["status"].as_i64()
            ),
            (Some(2), Some(5))
        );
        // Without is_auto_pay the order waits for payment; paying it extends the resource.
        let pending = c
            .client
            .post(
                RENEW,
                json!({"resource_ids": [id], "period_type": 2, "period_num": 1}),
            )
            .await
            .expect(200, "");
        let p = pending["order_ids"][0]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        assert_eq!(cash(&srv, "customer", &c.id).await, 11_000);
        assert_eq!(unix(&resource(&c, &id).await["expire_time"]), after);
        assert_eq!(c.client.post(PAY, plain(&p)).await.status, 204);
        assert_eq!(cash(&srv, "customer", &c.id).await, 8_000);
        assert!(unix(&resource(&c, &id).await["expire_time"]) - after >= MONTH);
        // A year is at most 3 (a business rule the schema's 11 does not state).
        c.client
            .post(
                RENEW,
                json!({"resource_ids": [id], "period_type": 3, "period_num": 4}),
            )
            .await
            .expect(400, "CBC.99100163");
        // A month at most 11; no other period.
        for (t, n) in [(2, 12), (4, 1)] {
            c.client
                .post(
                    RENEW,
                    json!({"resource_ids": [id], "period_type": t, "period_num": n}),
                )
                .await
                .expect(400, "CBC.0100");
        }
        // Not enough money: nothing is made.
        c.client
            .post(
                RENEW,
                json!({"resource_ids": [id], "period_type": 3, "period_num": 3, "is_auto_pay": 1}),
            )
            .await
            .expect(400, "CBC.99005003");
        assert_eq!(cash(&srv, "customer", &c.id).await, 8_000);
        assert_ledger(&srv).await;
    }
);

both_backends!(
    unsubscribing_refunds_what_was_paid_and_closes_the_resource,
    |srv: TestServer| async move {
        let c = customer(&srv).await;
        recharge_customer(&srv, &c.id, "100").await;
        let (first, r) = bought(&srv, &c, "30").await;
        let id = r["resource_id"].as_str().unwrap_or_default().to_owned();
        let expire = unix(&r["expire_time"]);
        // A paid renewal not yet begun and one pending payment.
        c.client
            .post(
                RENEW,
                json!({"resource_ids": [id], "period_type": 2, "period_num": 1, "is_auto_pay": 1}),
            )
            .await
            .expect(200, "");
        let pending = c
            .client
            .post(
                RENEW,
                json!({"resource_ids": [id], "period_type": 2, "period_num": 1}),
            )
            .await
            .expect(200, "")["order_ids"][0]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        assert_eq!(cash(&srv, "customer", &c.id).await, 4_000);
        // Type 2: only the renewed term comes back; the resource stays, expiring as bought.
        let only = c
            .client
            .post(
                UNSUBSCRIBE,
                json!({"resource_ids": [id], "unsubscribe_type": 2}),
            )
            .await
            .expect(200, "");
        assert_eq!(only["order_ids"].as_array().map(Vec::len), Some(1));
        assert_eq!(cash(&srv, "customer", &c.id).await, 7_000);
        let now = resource(&c, &id).await;
        assert_eq!(
            (now["status"].as_i64(), unix(&now["expire_time"])),
            (Some(2), expire)
        );
        // The renewal pending payment was cancelled.
        assert_ne!(c.client.post(PAY, plain(&pending)).await.status, 204);
        c.client
            .post(
                UNSUBSCRIBE,
                json!({"resource_ids": [id], "unsubscribe_type": 2}),
            )
            .await
            .expect(400, "CBC.99100162");
        // Type 1: the purchase comes back too, as an unsubscription order naming it.
        let all = c
            .client
            .post(UNSUBSCRIBE, json!({"resource_ids": [id], "unsubscribe_type": 1, "unsubscribe_reason_type": 5, "unsubscribe_reason": "moving"}))
            .await
            .expect(200, "");
        let refund = all["order_ids"][0].as_str().unwrap_or_default().to_owned();
        assert_eq!(cash(&srv, "customer", &c.id).await, 10_000);
        let info = c
            .client
            .get(
                "/v2/orders/customer-orders/refund-orders",
                &[("order_id", &refund)],
            )
            .await
            .expect(200, "");
        assert_eq!(
            info["refund_infos"][0]["base_order_id"].as_str(),
            Some(first.as_str())
        );
        assert_eq!(resource(&c, &id).await["status"], 3);
        // A closed resource is neither renewed nor unsubscribed again.
        c.client
            .post(
                RENEW,
                json!({"resource_ids": [id], "period_type": 2, "period_num": 1}),
            )
            .await
            .expect(400, "CBC.99100161");
        c.client
            .post(
                UNSUBSCRIBE,
                json!({"resource_ids": [id], "unsubscribe_type": 1}),
            )
            .await
            .expect(400, "CBC.99100161");
        assert_ledger(&srv).await;
    }
);

both_backends!(
    resources_are_seen_by_their_customer_and_its_partner_only,
    |srv: TestServer| async move {
        let p = partner(&srv, "DISTRIBUTOR").await;
        let admin = user(&srv, &p, &["admin"]).await;
        let c = sub_customer(&srv, &p, "1").await;
        recharge_customer(&srv, &c.id, "50").await;
        let (_, r) = bought(&srv, &c, "10").await;
        let id = r["resource_id"].as_str().unwrap_or_default().to_owned();
        // The partner names its customer; without one it is refused.
        let seen = admin
            .client
            .post(QUERY, json!({"customer_id": c.id, "status_list": [2]}))
            .await
            .expect(200, "");
        assert_eq!(seen["total_count"], 1);
        assert_eq!(seen["data"][0]["resource_id"].as_str(), Some(id.as_str()));
        admin
            .client
            .post(QUERY, json!({}))
            .await
            .expect(400, "CBC.99100067");
        let expired = admin
            .client
            .post(QUERY, json!({"customer_id": c.id, "status_list": [3, 5]}))
            .await
            .expect(200, "");
        assert_eq!(expired["total_count"], 0);
        // Another partner and another customer see nothing of it.
        let q = partner(&srv, "DISTRIBUTOR").await;
        let other_admin = user(&srv, &q, &["admin"]).await;
        let none = other_admin
            .client
            .post(QUERY, json!({"customer_id": c.id}))
            .await
            .expect(200, "");
        assert_eq!(none["total_count"], 0);
        let other = customer(&srv).await;
        let mine = other.client.post(QUERY, json!({})).await.expect(200, "");
        assert_eq!(mine["total_count"], 0);
        // Its id answers like a missing one, for every change.
        for target in [id.as_str(), "no-such-resource"] {
            other
                .client
                .post(
                    RENEW,
                    json!({"resource_ids": [target], "period_type": 2, "period_num": 1}),
                )
                .await
                .expect(404, "CBC.99100002");
            other
                .client
                .post(
                    UNSUBSCRIBE,
                    json!({"resource_ids": [target], "unsubscribe_type": 1}),
                )
                .await
                .expect(404, "CBC.99100002");
            other
                .client
                .post(&autorenew(target), json!({}))
                .await
                .expect(404, "CBC.99100002");
            other
                .client
                .delete(&autorenew(target))
                .await
                .expect(404, "CBC.99100002");
        }
        // Changes are the customer's: a partner user is refused.
        admin
            .client
            .post(
                RENEW,
                json!({"resource_ids": [id], "period_type": 2, "period_num": 1}),
            )
            .await
            .expect(403, "");
        // Auto-renewal on and off.
        assert_eq!(
            c.client
                .post(
                    &autorenew(&id),
                    json!({"auto_renew_times": 2, "period_type": "MONTH"})
                )
                .await
                .status,
            204
        );
        assert_eq!(resource(&c, &id).await["expire_policy"], 3);
        assert_eq!(c.client.delete(&autorenew(&id)).await.status, 204);
        assert_eq!(resource(&c, &id).await["expire_policy"], 0);
    }
);

both_backends!(
    new_customer_tags_follow_spending_and_leave_out_other_customers,
    |srv: TestServer| async move {
        let p = partner(&srv, "DISTRIBUTOR").await;
        let admin = user(&srv, &p, &["admin"]).await;
        let spent = sub_customer(&srv, &p, "1").await;
        let idle = sub_customer(&srv, &p, "1").await;
        let stranger = customer(&srv).await;
        recharge_customer(&srv, &spent.id, "5").await;
        bought(&srv, &spent, "5").await;
        let tags = admin
            .client
            .post(
                "/v2/partners/sub-customers/new-customers-tags/batch-query",
                json!({"customer_ids": [spent.id, idle.id, stranger.id]}),
            )
            .await
            .expect(200, "");
        let items = tags["new_customer_tags"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert_eq!(items.len(), 2, "{tags}");
        for item in &items {
            let want = if item["customer_id"] == spent.id.as_str() {
                "Y"
            } else {
                "UNDETERMINED"
            };
            assert_eq!(item["new_customer_tag"], want);
            assert_eq!(item["customer_tag_type"], "SMB");
            assert_eq!(item["effective_time"].as_str().map(str::len), Some(7));
        }
        // A customer reads no partner's tags.
        spent
            .client
            .post(
                "/v2/partners/sub-customers/new-customers-tags/batch-query",
                json!({}),
            )
            .await
            .expect(403, "");
    }
);
