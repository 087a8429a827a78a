//! Yearly/monthly resources (#22): buying one and reading it back.

use crate::fixtures::Customer;
use crate::fixtures_orders::{order, plain, PAY};
use crate::TestServer;
use serde_json::{json, Value};

pub const QUERY: &str = "/v2/orders/suscriptions/resources/query";

/// Seconds since the epoch of an RFC 3339 time on the wire (0 if it is not one).
pub fn unix(t: &Value) -> i64 {
    chrono::DateTime::parse_from_rfc3339(t.as_str().unwrap_or_default())
        .map(|d| d.timestamp())
        .unwrap_or_default()
}

/// The customer's only resource, after paying an order of `amount` for one month; the
/// order's id and the resource as listed.
pub async fn bought(srv: &TestServer, c: &Customer, amount: &str) -> (String, Value) {
    let o = order(srv, &c.id, amount, json!({})).await;
    assert_eq!(c.client.post(PAY, plain(&o)).await.status, 204);
    let page = c
        .client
        .post(QUERY, json!({"order_id": o}))
        .await
        .expect(200, "");
    assert_eq!(page["total_count"], 1, "{page}");
    (o, page["data"][0].clone())
}

/// One resource of the customer, as listed.
pub async fn resource(c: &Customer, id: &str) -> Value {
    c.client
        .post(QUERY, json!({"resource_ids": [id]}))
        .await
        .expect(200, "")["data"][0]
        .clone()
}
