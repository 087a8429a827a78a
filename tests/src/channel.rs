//! Builders for channel and customer tests: partners with an admin, links, customers with the
//! flags that decide an association, and the operator's outbox.

use crate::fixtures::{partner_in, unique, user, Customer, Party, User};
use crate::{Client, TestServer};
use serde_json::{json, Value};

/// A partner and an admin user who signs as it.
pub struct Org {
    pub party: Party,
    pub admin: User,
}

impl Org {
    pub fn id(&self) -> &str {
        &self.party.id
    }
    pub fn client(&self) -> &Client {
        &self.admin.client
    }
}

pub async fn org(srv: &TestServer, partner_type: &str) -> Org {
    org_in(srv, partner_type, "CN").await
}

pub async fn org_in(srv: &TestServer, partner_type: &str, country: &str) -> Org {
    let party = partner_in(srv, partner_type, country).await;
    let admin = user(srv, &party, &["admin"]).await;
    Org { party, admin }
}

/// Links a reseller to a distributor through the operator API.
pub async fn link_to(srv: &TestServer, distributor: &Party, reseller: &Party) {
    srv.operator()
        .post(
            &format!("/v2/operator/partners/{}/indirect-partners", distributor.id),
            json!({"indirect_partner_id": reseller.id}),
        )
        .await
        .expect(201, "");
}

/// A customer created by the operator with extra fields (`has_credit_account`, `is_partner`,
/// `special_contract`, `email`), with an access key.
pub async fn customer_with(srv: &TestServer, extra: Value) -> Customer {
    let name = unique("c");
    let mut body = json!({"domain_name": name, "country_code": "CN", "password": "Passw0rd!x"});
    if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
        for (k, v) in e {
            b.insert(k.clone(), v.clone());
        }
    }
    let v = srv
        .operator()
        .post("/v2/operator/customers", body)
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

/// Runs a closure on the test database (to set up state no API changes, e.g. a contract).
pub async fn with_db<T: Send + 'static>(
    srv: &TestServer,
    f: impl Fn(&mut persistence::DbConnection) -> Result<T, persistence::StoreError> + Send + 'static,
) -> T {
    let db = srv.db.clone();
    tokio::task::spawn_blocking(move || db.write(f))
        .await
        .expect("join")
        .expect("database")
}

/// The last verification code the outbox holds for `phone`.
pub async fn last_code(srv: &TestServer, phone: &str) -> String {
    let v = srv
        .operator()
        .get(
            "/v2/operator/outbox",
            &[("recipient", phone), ("purpose", "VERIFICATION_CODE")],
        )
        .await
        .expect(200, "");
    let content = v["messages"][0]["content"].as_str().unwrap_or_default();
    content
        .split(|c: char| !c.is_ascii_digit())
        .find(|w| w.len() == 6)
        .unwrap_or_default()
        .to_owned()
}

/// Sends a verification code to `phone` as `client` and returns it from the outbox.
pub async fn code_for(srv: &TestServer, client: &Client, phone: &str) -> String {
    client
        .post(
            "/v2/bases/verificationcode/send",
            json!({"receiver_type": 1, "mobile_phone": phone}),
        )
        .await
        .expect(204, "");
    last_code(srv, phone).await
}

/// A random mainland mobile number.
pub fn phone() -> String {
    format!("139{:08}", rand::random::<u32>() % 100_000_000)
}
