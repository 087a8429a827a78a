//! S11 helpers: invite a customer, accept, and read an invitation as its partner sees it.

use crate::channel::Org;
use crate::fixtures::Customer;
use crate::Client;
use serde_json::{json, Value};

pub const CUSTOMER_INVITATIONS: &str = "/v2/partners/sub-customers/invitations";

pub fn accept_path(code: &str) -> String {
    format!("/v2/customers/invitations/{code}/accept")
}

/// Invites `c` and returns (invitation id, code).
pub async fn invite_customer(p: &Org, c: &Customer, kind: &str) -> (String, String) {
    let v = p
        .client()
        .post(
            CUSTOMER_INVITATIONS,
            json!({"account_name": c.name, "association_type": kind}),
        )
        .await
        .expect(201, "");
    assert_eq!(v["association_status"], "PENDING");
    (
        v["invitation_id"].as_str().unwrap().to_owned(),
        v["invitation_code"].as_str().unwrap().to_owned(),
    )
}

/// The partner's view of one invitation.
pub async fn seen(c: &Client, id: &str) -> Value {
    let v = c
        .get(CUSTOMER_INVITATIONS, &[("limit", "100")])
        .await
        .expect(200, "");
    v["invitations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["invitation_id"] == id)
        .cloned()
        .unwrap_or(Value::Null)
}

pub async fn refused(c: &Customer, code: &str, want: &str) {
    c.client
        .post(&accept_path(code), json!({}))
        .await
        .expect(400, want);
}

pub async fn failed_with(p: &Org, id: &str, status: &str, reason: &str) -> Value {
    let i = seen(p.client(), id).await;
    assert_eq!(
        (
            i["association_status"].as_str(),
            i["failure_reason_code"].as_str()
        ),
        (Some(status), Some(reason)),
        "{i}"
    );
    assert!(i["failure_reason"].as_str().is_some_and(|m| !m.is_empty()));
    assert!(i["partner_action"].as_str().is_some_and(|m| !m.is_empty()));
    i
}
