//! Builders for programs and incentives (S4, S5, S7, S12, S14, S18), through the operator API.

use crate::fixtures::{user, Party, User};
use crate::{Client, TestServer};
use serde_json::{json, Value};

/// The name fixtures give partners; a bank account in this name is "in the company's name".
pub const COMPANY: &str = "Test partner";

pub async fn set_stage(srv: &TestServer, p: &Party, path: &str, stage: &str) {
    srv.operator()
        .put(
            &format!("/v2/operator/partners/{}/development-paths/{path}", p.id),
            json!({ "stage": stage }),
        )
        .await
        .expect(200, "");
}

pub async fn leave_path(srv: &TestServer, p: &Party, path: &str) {
    srv.operator()
        .send(
            "DELETE",
            &format!("/v2/operator/partners/{}/development-paths/{path}", p.id),
            &[],
            None,
        )
        .await
        .expect(204, "");
}

/// Grants a label, optionally until `expire_time` (UTC `yyyy-MM-ddTHH:mm:ssZ`).
pub async fn grant_label(srv: &TestServer, p: &Party, code: &str, expire_time: Option<&str>) {
    let body = match expire_time {
        Some(t) => json!({ "expire_time": t }),
        None => json!({}),
    };
    srv.operator()
        .put(
            &format!("/v2/operator/partners/{}/capability-labels/{code}", p.id),
            body,
        )
        .await
        .expect(200, "");
}

pub async fn remove_label(srv: &TestServer, p: &Party, code: &str) {
    srv.operator()
        .send(
            "DELETE",
            &format!("/v2/operator/partners/{}/capability-labels/{code}", p.id),
            &[],
            None,
        )
        .await
        .expect(204, "");
}

/// Records a person's certification level, infosec exam and PM certification.
pub async fn profile(
    srv: &TestServer,
    p: &Party,
    user_id: &str,
    level: &str,
    infosec: bool,
    pm: bool,
) {
    srv.operator()
        .put(
            &format!("/v2/operator/partners/{}/users/{user_id}/personnel-profile", p.id),
            json!({"certification_level": level, "infosec_exam_passed": infosec, "pm_certified": pm}),
        )
        .await
        .expect(200, "");
}

/// A user with `roles` (only its id matters when it is named, not when it calls).
pub async fn person(srv: &TestServer, p: &Party, roles: &[&str]) -> User {
    user(srv, p, roles).await
}

/// A corporate account in the company's name, submitted by `finance` and certified.
pub async fn certified_business_info(srv: &TestServer, finance: &Client) -> String {
    let v = finance
        .put(
            "/v2/partners/business-info",
            business_info(COMPANY, "CORPORATE"),
        )
        .await
        .expect(200, "");
    let id = v["certification_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    review(
        srv,
        "business-info-certifications",
        &id,
        "approve",
        json!({}),
    )
    .await;
    id
}

pub fn business_info(account_name: &str, account_type: &str) -> Value {
    json!({
        "bank_account": {"account_type": account_type, "account_name": account_name,
            "account_number": "6222 0212 3456 7890", "bank_name": "ICBC Shenzhen"},
        "tax_info": {"taxpayer_id": "91440300MA5XXXXX1X", "taxpayer_type": "GENERAL"}
    })
}

/// The operator approves or rejects; returns the decided object.
pub async fn review(
    srv: &TestServer,
    collection: &str,
    id: &str,
    action: &str,
    body: Value,
) -> Value {
    srv.operator()
        .post(&format!("/v2/operator/{collection}/{id}/{action}"), body)
        .await
        .expect(200, "")
}

pub async fn incentive(srv: &TestServer, p: &Party, amount: &str) -> String {
    let v = srv
        .operator()
        .post(
            &format!("/v2/operator/partners/{}/incentives", p.id),
            json!({"incentive_type": "FH", "amount": amount}),
        )
        .await
        .expect(201, "");
    v["incentive_id"].as_str().unwrap_or_default().to_owned()
}

/// Registers a project; `members` are `(user_id, role)`.
pub async fn project(
    client: &Client,
    country: &str,
    scale: &str,
    members: &[(&str, &str)],
) -> String {
    let members: Vec<Value> = members
        .iter()
        .map(|(u, r)| json!({"user_id": u, "role": r}))
        .collect();
    let v = client
        .post(
            "/v2/partners/projects",
            json!({"project_name": "Migration of ERP", "country_code": country,
                   "annual_scale": scale, "members": members}),
        )
        .await
        .expect(201, "");
    v["project_id"].as_str().unwrap_or_default().to_owned()
}

/// The codes of an eligibility read's failing rules, in order.
pub fn failing(eligibility: &Value) -> Vec<String> {
    eligibility["rules"]
        .as_array()
        .map(|rules| {
            rules
                .iter()
                .filter(|r| r["passed"] == false)
                .map(|r| r["code"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// The codes of a refusal's `error_details`, in order.
pub fn refused(body: &Value) -> Vec<String> {
    body["error_details"]
        .as_array()
        .map(|d| {
            d.iter()
                .map(|e| e["error_code"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}
