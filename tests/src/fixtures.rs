//! Builders for the parties a test needs, created through the operator API.

use crate::{Client, TestServer};
use serde_json::{json, Value};

pub fn unique(prefix: &str) -> String {
    format!(
        "{prefix}-{}",
        &uuid::Uuid::new_v4().simple().to_string()[..10]
    )
}

pub struct Party {
    pub id: String,
    pub domain_id: String,
}

pub async fn partner(srv: &TestServer, partner_type: &str) -> Party {
    partner_in(srv, partner_type, "CN").await
}

pub async fn partner_in(srv: &TestServer, partner_type: &str, country: &str) -> Party {
    let r = srv
        .operator()
        .post(
            "/v2/operator/partners",
            json!({"name": "Test partner", "account_name": unique("p"), "partner_type": partner_type, "country_code": country}),
        )
        .await;
    let v = r.expect(201, "");
    Party {
        id: v["partner_id"].as_str().unwrap_or_default().to_owned(),
        domain_id: v["domain_id"].as_str().unwrap_or_default().to_owned(),
    }
}

pub struct User {
    pub id: String,
    pub name: String,
    pub client: Client,
    pub domain_id: String,
}

/// A user of `partner` with `roles` and an access key; `client` signs as that user.
pub async fn user(srv: &TestServer, partner: &Party, roles: &[&str]) -> User {
    let name = unique("u");
    let r = srv
        .operator()
        .post(
            &format!("/v2/operator/partners/{}/users", partner.id),
            json!({"user_name": name, "roles": roles, "password": "Passw0rd!x"}),
        )
        .await;
    let id = r.expect(201, "")["user_id"]
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

pub struct Customer {
    pub id: String,
    pub name: String,
    pub client: Client,
    pub domain_id: String,
}

pub async fn customer(srv: &TestServer) -> Customer {
    let name = unique("c");
    let v = srv
        .operator()
        .post(
            "/v2/operator/customers",
            json!({"domain_name": name, "country_code": "CN", "password": "Passw0rd!x"}),
        )
        .await
        .expect(201, "");
    let id = v["customer_id"].as_str().unwrap_or_default().to_owned();
    let k = srv
        .operator()
        .post(
            &format!("/v2/operator/customers/{id}/access-keys"),
            json!({}),
        )
        .await
        .expect(201, "");
    Customer {
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

/// Links a reseller to a distributor through the operator API.
pub async fn link(srv: &TestServer, distributor: &Party, reseller: &Party) {
    srv.operator()
        .post(
            &format!("/v2/operator/partners/{}/indirect-partners", distributor.id),
            json!({"indirect_partner_id": reseller.id}),
        )
        .await
        .expect(201, "");
}

/// A customer associated with `partner` (`"2"` resale, `"1"` referral).
pub async fn sub_customer(srv: &TestServer, partner: &Party, association_type: &str) -> Customer {
    let c = customer(srv).await;
    srv.operator()
        .post(
            &format!("/v2/operator/partners/{}/sub-customers", partner.id),
            json!({"customer_id": c.id, "association_type": association_type}),
        )
        .await
        .expect(201, "");
    c
}

pub async fn recharge(srv: &TestServer, partner: &Party, amount: &str) {
    srv.operator()
        .post(
            &format!("/v2/operator/partners/{}/recharge", partner.id),
            json!({"amount": amount}),
        )
        .await
        .expect(200, "");
}

/// Asserts every balance equals the sum of its ledger rows and none is negative.
pub async fn assert_ledger(srv: &TestServer) -> persistence::repo::accounts::MoneySnapshot {
    let db = srv.db.clone();
    let (bad, snap) = tokio::task::spawn_blocking(move || {
        db.read(|c| {
            Ok::<_, persistence::StoreError>((
                persistence::repo::accounts::ledger_mismatches(c)?,
                persistence::repo::accounts::snapshot(c)?,
            ))
        })
    })
    .await
    .expect("join")
    .expect("read");
    assert!(bad.is_empty(), "balances disagree with the ledger: {bad:?}");
    assert!(snap.min_balance >= 0, "negative balance: {snap:?}");
    snap
}

/// The cash balance of a partner or customer, in cents.
pub async fn cash(srv: &TestServer, kind: &str, id: &str) -> i64 {
    let (db, kind, id) = (srv.db.clone(), kind.to_owned(), id.to_owned());
    tokio::task::spawn_blocking(move || {
        db.read(|c| persistence::repo::accounts::find(c, &kind, &id, 1))
    })
    .await
    .expect("join")
    .expect("read")
    .map_or(0, |a| a.balance_cents)
}

/// The events of `partner` (read by a new admin of it), oldest first, as `(type, data)`.
pub async fn events_of(srv: &TestServer, partner: &Party) -> Vec<(String, Value)> {
    let admin = user(srv, partner, &["admin"]).await;
    let page = admin
        .client
        .get("/v2/partners/events", &[("limit", "100")])
        .await
        .expect(200, "");
    page["events"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(|e| {
            (
                e["type"].as_str().unwrap_or_default().to_owned(),
                e["data"].clone(),
            )
        })
        .collect()
}
