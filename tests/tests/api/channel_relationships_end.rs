//! Relationships end (#20): a distributor unbinds a reseller, a partner disassociates a
//! customer. Each refusal lists every blocker; after the reclaims the link ends, the other side
//! can be invited again, and the records of the linked time stay readable.

use serde_json::{json, Value};
use tests::both_backends;
use tests::channel::{link_to, org, Org};
use tests::fixtures::{assert_ledger, cash, recharge};
use tests::fixtures_orders::order;
use tests::fixtures_programs::refused;
use tests::fixtures_vouchers::{
    assert_vouchers, coupon_ids, issue, quota, quota_view, ADJUST, RECLAIM_QUOTAS,
};
use tests::invitations::{accept_path, invite_customer};

const TO_RESELLER: &str = "/v2/accounts/partner-accounts/indirect-partner-adjust";
const FROM_RESELLER: &str = "/v2/accounts/partner-accounts/indirect-partner-reclaim";
const RECORDS: &str = "/v2/accounts/partner-accounts/account-change-records";
const EXPORT: &str = "/v2/accounts/partner-accounts/account-change-records/export";
const INVITE: &str = "/v2/partners/indirect-partners/invitations";

fn unbind(id: &str) -> String {
    format!("/v2/partners/indirect-partners/{id}/unbind")
}

fn disassociate(id: &str) -> String {
    format!("/v2/partners/sub-customers/{id}/disassociate")
}

fn why() -> Value {
    json!({"reason": "The agreement ended"})
}

/// The ids named by the partner's own change records.
async fn counterparts(o: &Org) -> Vec<String> {
    let v = o
        .client()
        .get(RECORDS, &[("balance_type", "BALANCE_TYPE_DEBIT")])
        .await
        .expect(200, "");
    v["records"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["customer_id"].as_str().map(str::to_owned))
        .collect()
}

both_backends!(
    unbind_refuses_with_every_blocker_then_frees_the_reseller,
    |srv: tests::TestServer| async move {
        let d = org(&srv, "DISTRIBUTOR").await;
        let r = org(&srv, "RESELLER").await;
        let other = org(&srv, "DISTRIBUTOR").await;
        link_to(&srv, &d.party, &r.party).await;
        recharge(&srv, &d.party, "100").await;
        d.client()
            .post(
                TO_RESELLER,
                json!({"indirect_partner_id": r.id(), "amount": 30}),
            )
            .await
            .expect(200, "");
        let q = quota(&srv, d.id(), "500", json!({})).await;
        let passed = d
            .client()
            .post(
                ADJUST,
                json!({"quota_id": q, "indirect_partner_ids": [r.id()], "quota_amount": "200"}),
            )
            .await
            .expect(200, "");
        let child = passed["simple_quota_infos"][0]["quota_id"]
            .as_str()
            .unwrap()
            .to_owned();

        // Money and quota: two blockers, each named.
        let r1 = d.client().post(&unbind(r.id()), why()).await;
        let body = r1.expect(400, "CBC.99100210");
        assert_eq!(refused(&body), ["CBC.99100210", "CBC.99100210"]);
        assert!(body.to_string().contains("30.00"), "{body}");
        assert!(body.to_string().contains(&child), "{body}");
        // Only an admin of a distributor unbinds; another distributor's reseller is missing.
        r.client()
            .post(&unbind(r.id()), why())
            .await
            .expect(403, "CBC.0151");
        let foreign = other.client().post(&unbind(r.id()), why()).await;
        let missing = other
            .client()
            .post(&unbind("0123456789abcdef0123456789abcdef"), why())
            .await;
        foreign.expect(404, "CBC.99100002");
        missing.expect(404, "CBC.99100002");
        d.client()
            .post(&unbind(r.id()), json!({"reason": "  "}))
            .await
            .expect(400, "CBC.0100");

        // Money reclaimed: the quota is the one blocker left.
        d.client()
            .post(
                FROM_RESELLER,
                json!({"indirect_partner_id": r.id(), "amount": 30}),
            )
            .await
            .expect(200, "");
        let body = d
            .client()
            .post(&unbind(r.id()), why())
            .await
            .expect(400, "CBC.99100210");
        assert_eq!(refused(&body), ["CBC.99100210"]);
        d.client()
            .post(RECLAIM_QUOTAS, json!({"quota_ids": [child]}))
            .await
            .expect(200, "");
        let ok = d.client().post(&unbind(r.id()), why()).await;
        assert_eq!(ok.status, 204, "{}", ok.text);
        d.client()
            .post(&unbind(r.id()), why())
            .await
            .expect(404, "CBC.99100002");
        let listed = d
            .client()
            .post("/v2/partners/indirect-partners/query", json!({}))
            .await;
        assert_eq!(listed.status, 200, "{}", listed.text);
        assert!(!listed.text.contains(r.id()), "{}", listed.text);

        // History stays readable to both: the distributor's own records and export name the
        // reseller; the reseller keeps both movements.
        assert_eq!(
            counterparts(&d)
                .await
                .iter()
                .filter(|c| *c == r.id())
                .count(),
            2
        );
        let csv = d
            .client()
            .get(EXPORT, &[("balance_type", "BALANCE_TYPE_DEBIT")])
            .await;
        assert_eq!(csv.status, 200, "{}", csv.text);
        assert!(csv.text.contains(r.id()));
        assert_eq!(
            counterparts(&r)
                .await
                .iter()
                .filter(|c| *c == d.id())
                .count(),
            2
        );
        assert_eq!(cash(&srv, "partner", r.id()).await, 0);

        // Another distributor may now invite it (S3).
        other
            .client()
            .post(INVITE, json!({"indirect_partner_id": r.id()}))
            .await
            .expect(201, "");
        assert_ledger(&srv).await;
        assert_vouchers(&srv).await;
    }
);

both_backends!(
    disassociate_reclaims_coupons_rejects_requests_and_frees_the_customer,
    |srv: tests::TestServer| async move {
        let p = org(&srv, "DISTRIBUTOR").await;
        let other = org(&srv, "DISTRIBUTOR").await;
        let c = tests::channel::customer_with(&srv, json!({})).await;
        let (_, code) = invite_customer(&p, &c, "2").await;
        c.client
            .post(&accept_path(&code), json!({}))
            .await
            .expect(204, "");
        recharge(&srv, &p.party, "100").await;
        p.client()
            .post(
                "/v2/accounts/partner-accounts/adjust-amount",
                json!({"customer_id": c.id, "amount": 40}),
            )
            .await
            .expect(200, "");
        let q = quota(&srv, p.id(), "100", json!({})).await;
        let coupons = coupon_ids(&issue(p.client(), &q, std::slice::from_ref(&c.id), "10").await);
        let o = order(&srv, &c.id, "25", json!({})).await;
        let ask = format!("/v2/orders/customer-orders/{o}/partner-payment-requests");
        assert_eq!(c.client.post(&ask, json!({})).await.status, 204);

        // The allocated money blocks; nothing changed.
        let body = p
            .client()
            .post(&disassociate(&c.id), why())
            .await
            .expect(400, "CBC.99100211");
        assert_eq!(refused(&body), ["CBC.99100211"]);
        assert!(body.to_string().contains("40.00"), "{body}");
        other
            .client()
            .post(&disassociate(&c.id), why())
            .await
            .expect(404, "CBC.99100002");
        p.client()
            .post(
                "/v2/accounts/partner-accounts/reclaim",
                json!({"customer_id": c.id, "amount": 40}),
            )
            .await
            .expect(200, "");
        let ok = p.client().post(&disassociate(&c.id), why()).await;
        assert_eq!(ok.status, 204, "{}", ok.text);

        // The coupon went back to the quota with a record; the request was rejected.
        assert_eq!(coupons.len(), 1);
        let back = quota_view(p.client(), &q).await;
        assert_eq!(back["balance"].to_string(), "100.00", "{back}");
        let details = c
            .client
            .get(&format!("/v2/orders/customer-orders/details/{o}"), &[])
            .await
            .expect(200, "");
        assert_eq!(
            details["order_info"]["agent_pay_info"]["agent_pay_status"], "REJECTED",
            "{details}"
        );
        // No longer the partner's customer; the partner's records keep what happened.
        p.client()
            .post(
                "/v2/accounts/partner-accounts/adjust-amount",
                json!({"customer_id": c.id, "amount": 1}),
            )
            .await
            .expect(400, "CBC.99000035");
        assert_eq!(
            counterparts(&p)
                .await
                .iter()
                .filter(|x| **x == c.id)
                .count(),
            2
        );
        // It can be invited again, by anyone.
        invite_customer(&other, &c, "1").await;
        assert_ledger(&srv).await;
        assert_vouchers(&srv).await;
    }
);

both_backends!(
    a_referral_customer_ends_at_once,
    |srv: tests::TestServer| async move {
        let p = org(&srv, "RESELLER").await;
        let c = tests::channel::customer_with(&srv, json!({})).await;
        let (_, code) = invite_customer(&p, &c, "1").await;
        c.client
            .post(&accept_path(&code), json!({}))
            .await
            .expect(204, "");
        let ok = p.client().post(&disassociate(&c.id), why()).await;
        assert_eq!(ok.status, 204, "{}", ok.text);
        p.client()
            .post(&disassociate(&c.id), why())
            .await
            .expect(404, "CBC.99100002");
        invite_customer(&p, &c, "2").await;
    }
);

both_backends!(
    an_allocation_racing_an_unbind_never_lands_on_an_unbound_reseller,
    |srv: tests::TestServer| async move {
        let d = org(&srv, "DISTRIBUTOR").await;
        recharge(&srv, &d.party, "100").await;
        let (mut unbound, mut funded) = (0, 0);
        for _ in 0..6 {
            let r = org(&srv, "RESELLER").await;
            link_to(&srv, &d.party, &r.party).await;
            let (a, b, path) = (d.client(), d.client(), unbind(r.id()));
            let (unbind_res, alloc) = tokio::join!(
                a.post(&path, why()),
                b.post(
                    TO_RESELLER,
                    json!({"indirect_partner_id": r.id(), "amount": 1}),
                )
            );
            // Exactly one wins: an unbind after the allocation sees the money as a blocker;
            // an allocation after the unbind finds no reseller of this distributor.
            match (unbind_res.status, alloc.status) {
                (204, 400) => {
                    alloc.expect(400, "CBC.99000037");
                    assert_eq!(cash(&srv, "partner", r.id()).await, 0);
                    unbound += 1;
                }
                (400, 200) => {
                    unbind_res.expect(400, "CBC.99100210");
                    assert_eq!(cash(&srv, "partner", r.id()).await, 100);
                    funded += 1;
                }
                other => panic!(
                    "both or neither won: {other:?} {} / {}",
                    unbind_res.text, alloc.text
                ),
            }
        }
        assert_eq!(unbound + funded, 6);
        assert_ledger(&srv).await;
    }
);
