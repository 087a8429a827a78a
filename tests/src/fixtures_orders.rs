//! Builders for orders and coupons, through the operator API.

use crate::TestServer;
use serde_json::{json, Value};

/// An order of one line at `amount` yuan for `customer_id`, with optional extras merged in.
pub async fn order(srv: &TestServer, customer_id: &str, amount: &str, extra: Value) -> String {
    let mut body = json!({
        "customer_id": customer_id,
        "service_type_code": "hws.service.type.ebs",
        "order_line_items": [{"product_id": "p-1", "period_type": 2, "period_num": 1, "official_amount": amount}]
    });
    if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
        for (k, v) in e {
            b.insert(k.clone(), v.clone());
        }
    }
    srv.operator()
        .post("/v2/operator/orders", body)
        .await
        .expect(201, "")["order_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

pub async fn coupon(
    srv: &TestServer,
    customer_id: &str,
    coupon_type: i32,
    face: &str,
    limits: Value,
) -> String {
    srv.operator()
        .post(
            &format!("/v2/operator/customers/{customer_id}/coupons"),
            json!({"coupon_type": coupon_type, "face_value": face, "use_limits": limits}),
        )
        .await
        .expect(201, "")["coupon_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

pub async fn recharge_customer(srv: &TestServer, customer_id: &str, amount: &str) {
    srv.operator()
        .post(
            &format!("/v2/operator/customers/{customer_id}/recharge"),
            json!({"amount": amount}),
        )
        .await
        .expect(200, "");
}

pub async fn customer_credit(srv: &TestServer, customer_id: &str, limit: &str) {
    srv.operator()
        .put(
            &format!("/v2/operator/customers/{customer_id}/credit-limit"),
            json!({"credit_limit": limit}),
        )
        .await
        .expect(200, "");
}

pub const PAY: &str = "/v3/orders/customer-orders/pay";

pub fn plain(order_id: &str) -> Value {
    json!({"order_id": order_id, "use_coupon": "NO", "use_discount": "NO"})
}
