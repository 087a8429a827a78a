//! Builders for opportunities and leads (S2, S6, S13, S16): a sales organisation with every
//! role, opportunities owned by its users, partners on a chosen marketing plan.

use crate::fixtures::{sub_customer, unique, Customer, Party, User};
use crate::{Client, TestServer};
use serde_json::{json, Value};
use std::collections::BTreeSet;

pub const OPPS: &str = "/v2/partners/business-opportunities";
pub const OPPS_QUERY: &str = "/v2/partners/business-opportunities/query";
pub const OPPS_EXPORT: &str = "/v2/partners/business-opportunities/export";

/// A partner created by the operator with extra fields (e.g. `marketing_plan_version`).
pub async fn partner_with(srv: &TestServer, partner_type: &str, extra: Value) -> Party {
    let mut body = json!({"name": "Test partner", "account_name": unique("p"), "partner_type": partner_type, "country_code": "CN"});
    if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
        for (k, v) in e {
            b.insert(k.clone(), v.clone());
        }
    }
    let v = srv
        .operator()
        .post("/v2/operator/partners", body)
        .await
        .expect(201, "");
    Party {
        id: v["partner_id"].as_str().unwrap_or_default().to_owned(),
        domain_id: v["domain_id"].as_str().unwrap_or_default().to_owned(),
    }
}

/// A user with `roles`, optionally supervised, with an access key.
pub async fn staff(
    srv: &TestServer,
    partner: &Party,
    roles: &[&str],
    supervisor: Option<&User>,
) -> User {
    let name = unique("u");
    let mut body = json!({"user_name": name, "display_name": name, "roles": roles});
    if let Some(s) = supervisor {
        body["supervisor_user_id"] = json!(s.id);
    }
    let id = srv
        .operator()
        .post(&format!("/v2/operator/partners/{}/users", partner.id), body)
        .await
        .expect(201, "")["user_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let k = srv
        .operator()
        .post(
            &format!(
                "/v2/operator/partners/{}/users/{id}/access-keys",
                partner.id
            ),
            json!({}),
        )
        .await
        .expect(201, "");
    User {
        id,
        name,
        client: Client::new(
            srv,
            k["access_key"].as_str().unwrap_or_default(),
            k["secret_key"].as_str().unwrap_or_default(),
        ),
        domain_id: k["domain_id"].as_str().unwrap_or_default().to_owned(),
    }
}

/// A distributor with an admin, a supervisor, an account manager under the supervisor, one
/// without, and a finance user; a linked reseller with its admin and account manager; an
/// unrelated partner with its admin. One resale customer each.
pub struct SalesOrg {
    pub d: Party,
    pub d_admin: User,
    pub sup: User,
    pub a1: User,
    pub a2: User,
    pub fin: User,
    pub r: Party,
    pub r_admin: User,
    pub r_am: User,
    pub x: Party,
    pub x_admin: User,
    pub cd: Customer,
    pub cr: Customer,
    pub cx: Customer,
}

pub async fn sales_org(srv: &TestServer) -> SalesOrg {
    let d = partner_with(srv, "DISTRIBUTOR", json!({})).await;
    let r = partner_with(srv, "RESELLER", json!({})).await;
    let x = partner_with(srv, "DISTRIBUTOR", json!({})).await;
    crate::fixtures::link(srv, &d, &r).await;
    let d_admin = staff(srv, &d, &["admin"], None).await;
    let sup = staff(srv, &d, &["account_manager_supervisor"], None).await;
    let a1 = staff(srv, &d, &["account_manager"], Some(&sup)).await;
    let a2 = staff(srv, &d, &["account_manager"], None).await;
    let fin = staff(srv, &d, &["finance"], None).await;
    let r_admin = staff(srv, &r, &["admin"], None).await;
    let r_am = staff(srv, &r, &["account_manager"], None).await;
    let x_admin = staff(srv, &x, &["admin"], None).await;
    let cd = sub_customer(srv, &d, "2").await;
    let cr = sub_customer(srv, &r, "2").await;
    let cx = sub_customer(srv, &x, "2").await;
    SalesOrg {
        d,
        d_admin,
        sup,
        a1,
        a2,
        fin,
        r,
        r_admin,
        r_am,
        x,
        x_admin,
        cd,
        cr,
        cx,
    }
}

/// A valid creation body for `customer_id`, owned by `owner` (a login name) when given.
pub fn opportunity_body(customer_id: &str, owner: Option<&str>) -> Value {
    let mut b = json!({
        "customer_id": customer_id,
        "opportunity_name": unique("deal"),
        "industry": "RETAIL",
        "opportunity_type": "MIGRATION",
        "confidence": 50,
        "stage": "QUALIFIED",
        "expected_monthly_amount": "1000.00",
    });
    if let Some(o) = owner {
        b["account_manager_id"] = json!(o);
    }
    b
}

/// Creates an opportunity as `client` from `body`; returns its id.
pub async fn create_opportunity(client: &Client, body: Value) -> String {
    client.post(OPPS, body).await.expect(201, "")["opportunity_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// The ids a client sees through the query (up to 100).
pub async fn visible_ids(client: &Client, filter: Value) -> BTreeSet<String> {
    let mut body = filter;
    body["limit"] = json!(100);
    let v = client.post(OPPS_QUERY, body).await.expect(200, "");
    let ids: BTreeSet<String> = v["opportunities"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|o| o["opportunity_id"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(v["total_count"].as_u64(), Some(ids.len() as u64), "{v}");
    ids
}

/// The ids in a client's CSV export (the first column, header skipped).
pub async fn exported_ids(client: &Client, filter: Value) -> BTreeSet<String> {
    let r = client.post(OPPS_EXPORT, filter).await;
    assert_eq!(r.status, 200, "{}", r.text);
    r.text
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next().map(str::to_owned))
        .collect()
}

/// A PO opportunity body that passes every rule (with the default settings).
pub fn po_body() -> Value {
    json!({
        "customer_name": "ACME Retail Ltd.",
        "industry": "RETAIL",
        "product_category": "COMPUTE",
        "budget": "500000.00",
        "decision_maker": "Li Wei, CIO",
        "requirement": "Move the web shop and its database to the cloud",
        "purchase_plan": "Pilot in January, rollout in March",
        "estimated_revenue": "20000.00",
        "currency": "CNY",
        "expected_close_date": "2027-03-31"
    })
}

/// Dispatches a lead to `partner` through the operator; returns its id.
pub async fn dispatch_lead(srv: &TestServer, partner: &Party, phone: &str, email: &str) -> String {
    srv.operator()
        .post(
            "/v2/operator/leads",
            json!({"partner_id": partner.id, "customer_name": "Initech", "contact_name": "Peter",
                   "mobile_phone": phone, "email": email, "industry": "FINANCE"}),
        )
        .await
        .expect(201, "")["lead_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// A random 11-digit mobile number and a matching unique email.
pub fn contact() -> (String, String) {
    let phone = format!("138{:08}", rand::random::<u32>() % 100_000_000);
    let email = format!("{}@example.com", unique("lead"));
    (phone, email)
}
