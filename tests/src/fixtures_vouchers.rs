//! Builders for vouchers: quotas granted by the operator, partners with a finance user, resale
//! customers, issuing; and the invariant check over quotas, coupons and records.

use crate::fixtures::{link, partner, sub_customer, user, Party};
use crate::{Client, TestServer};
use serde_json::{json, Value};

pub const QUOTAS: &str = "/v2/partners/coupon-quotas/query";
pub const ISSUED_QUOTAS: &str = "/v2/partners/issued-coupon-quotas";
pub const ADJUST: &str = "/v2/partners/coupon-quotas/indirect-partner-adjust";
pub const RECLAIM_QUOTAS: &str = "/v2/partners/coupon-quotas/indirect-partner-reclaim";
pub const QUOTA_RECORDS: &str = "/v2/partners/coupon-quotas/records";
pub const COUPONS: &str = "/v2/promotions/benefits/partner-coupons";
pub const RECLAIM: &str = "/v2/promotions/benefits/partner-coupons/reclaim";
pub const RECORDS: &str = "/v2/promotions/benefits/partner-coupons/records/query";
pub const EXPORT: &str = "/v2/promotions/benefits/partner-coupons/records/export";

/// A partner and a client of a finance user of it.
pub struct Desk {
    pub party: Party,
    pub client: Client,
}

impl Desk {
    pub fn id(&self) -> &str {
        &self.party.id
    }
}

pub async fn desk(srv: &TestServer, partner_type: &str) -> Desk {
    let party = partner(srv, partner_type).await;
    let client = user(srv, &party, &["finance"]).await.client;
    Desk { party, client }
}

/// A distributor with two linked resellers, each with a finance user.
pub async fn channel(srv: &TestServer) -> (Desk, Desk, Desk) {
    let d = desk(srv, "DISTRIBUTOR").await;
    let r1 = desk(srv, "RESELLER").await;
    let r2 = desk(srv, "RESELLER").await;
    link(srv, &d.party, &r1.party).await;
    link(srv, &d.party, &r2.party).await;
    (d, r1, r2)
}

/// `n` resale customers of `p`.
pub async fn resale(srv: &TestServer, p: &Party, n: usize) -> Vec<String> {
    let mut out = Vec::new();
    for _ in 0..n {
        out.push(sub_customer(srv, p, "2").await.id);
    }
    out
}

/// A quota of `amount` yuan granted to `partner_id`; `extra` is merged into the body.
pub async fn quota(srv: &TestServer, partner_id: &str, amount: &str, extra: Value) -> String {
    let mut body = json!({"partner_id": partner_id, "quota_type": 0, "amount": amount});
    if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
        for (k, v) in e {
            b.insert(k.clone(), v.clone());
        }
    }
    srv.operator()
        .post("/v2/operator/coupon-quotas", body)
        .await
        .expect(201, "")["quota_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// Issues `face` to each customer; returns the 200 body.
pub async fn issue(c: &Client, quota_id: &str, customers: &[String], face: &str) -> Value {
    c.post(
        COUPONS,
        json!({"quota_id": quota_id, "customer_ids": customers, "face_value": face}),
    )
    .await
    .expect(200, "")
}

/// The coupon ids of an issue answer, in order.
pub fn coupon_ids(v: &Value) -> Vec<String> {
    v["coupon_infos"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|c| c["coupon_id"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// A quota as ListQuotaCoupons shows it to `c`.
pub async fn quota_view(c: &Client, quota_id: &str) -> Value {
    let v = c
        .post(QUOTAS, json!({"quota_ids": [quota_id]}))
        .await
        .expect(200, "");
    v["quotas"][0].clone()
}

/// Asserts every quota adds up and records match coupons one to one.
pub async fn assert_vouchers(srv: &TestServer) {
    let db = srv.db.clone();
    let problems =
        tokio::task::spawn_blocking(move || db.read(persistence::repo::vouchers_audit::problems))
            .await
            .expect("join")
            .expect("read");
    assert!(
        problems.is_empty(),
        "voucher invariants broken: {problems:#?}"
    );
}
