//! Two partner worlds for authorization tests: each a distributor with a linked reseller, users
//! in several roles, a resale customer, orders, coupons, quotas, invitations, an incentive, a
//! project, a certification application, ledger entries; and the registry that says which of
//! their ids fills a parameter of a given name.

use crate::fixtures::{customer, link, partner, recharge, sub_customer, unique, user, Party};
use crate::fixtures_opportunities::{
    contact, create_opportunity, dispatch_lead, opportunity_body, po_body,
};
use crate::fixtures_orders::{coupon, order};
use crate::fixtures_programs::{incentive, project, set_stage};
use crate::fixtures_vouchers::{coupon_ids, issue, quota, ADJUST};
use crate::server::NowTs;
use crate::{Client, TestServer};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// What a parameter named like an id holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fixture {
    /// The id of one of a side's objects, under this key of [`Side::ids`].
    Object(&'static str),
    /// Not the id of anything owned (a product, a channel, a tax number): no matrix case.
    NotAnObject,
    /// A platform-wide directory by design, where the spec gives each reason its own code:
    /// S3 invites any reseller of the platform by id and says why one cannot be invited
    /// (CBC.99100011 not a reseller, 12 other country, 13 bound to another distributor).
    Directory,
}

/// Which fixture fills a parameter: `(name, path fragment or "", fixture)`; the first entry
/// whose name matches and whose fragment is in the path wins. Adding a route with a new id
/// parameter means adding one line here (and the object to [`Side::build`]).
pub const REGISTRY: &[(&str, &str, Fixture)] = &[
    ("order_id", "", Fixture::Object("order")),
    ("customer_id", "", Fixture::Object("customer")),
    ("customer_ids", "", Fixture::Object("customer")),
    (
        "indirect_partner_id",
        "/indirect-partners/invitations",
        Fixture::Directory,
    ),
    ("indirect_partner_id", "", Fixture::Object("reseller")),
    ("indirect_partner_ids", "", Fixture::Object("reseller")),
    ("partner_id", "", Fixture::Object("distributor")),
    ("quota_id", "", Fixture::Object("quota")),
    ("quota_ids", "", Fixture::Object("quota")),
    ("parent_quota_id", "", Fixture::Object("quota")),
    (
        "coupon_id",
        "/partner-coupons",
        Fixture::Object("partner_coupon"),
    ),
    ("coupon_ids", "", Fixture::Object("partner_coupon")),
    ("coupon_id", "", Fixture::Object("customer_coupon")),
    ("coupon_infos[].id", "", Fixture::Object("customer_coupon")),
    (
        "discount_infos[].id",
        "",
        Fixture::Object("customer_coupon"),
    ),
    (
        "invitation_id",
        "/sub-customers/",
        Fixture::Object("customer_invitation"),
    ),
    (
        "invitation_id",
        "/indirect-partners/",
        Fixture::Object("reseller_invitation"),
    ),
    ("invitation_code", "", Fixture::Object("invitation_code")),
    ("incentive_id", "", Fixture::Object("incentive")),
    ("project_id", "", Fixture::Object("project")),
    (
        "application_id",
        "/differentiation-certifications/",
        Fixture::Object("certification"),
    ),
    ("account_manager_id", "", Fixture::Object("account_manager")),
    ("members[].user_id", "", Fixture::Object("account_manager")),
    ("specialist_ids", "", Fixture::Object("account_manager")),
    ("user_id", "", Fixture::Object("account_manager")),
    ("solution_id", "", Fixture::Object("solution")),
    ("solution_ids", "", Fixture::Object("solution")),
    ("trade_id", "", Fixture::Object("trade")),
    ("trans_id", "", Fixture::Object("trans")),
    (
        "opportunity_id",
        "/business-opportunities/",
        Fixture::Object("business_opportunity"),
    ),
    (
        "opportunity_id",
        "/po-opportunities/",
        Fixture::Object("po_opportunity"),
    ),
    (
        "opportunity_id",
        "/pce/shared-opportunities/",
        Fixture::Object("shared_opportunity"),
    ),
    ("lead_id", "", Fixture::Object("lead")),
    // The voice gateway's callback is signed by the gateway, not called by partners.
    ("call_id", "/v2/callbacks/", Fixture::NotAnObject),
    ("call_id", "", Fixture::Object("outbound_call")),
    ("payment_channel_id", "", Fixture::NotAnObject),
    ("promotion_plan_id", "", Fixture::NotAnObject),
    ("source_id", "", Fixture::NotAnObject),
    ("product_ids", "", Fixture::NotAnObject),
    ("xaccount_id", "", Fixture::NotAnObject),
    ("tax_info.taxpayer_id", "", Fixture::NotAnObject),
    ("service_type_code", "", Fixture::NotAnObject),
    ("actor_user_id", "", Fixture::Object("account_manager")),
    ("supervisor_user_id", "", Fixture::Object("account_manager")),
    ("actor_customer_id", "", Fixture::Object("customer")),
    ("target_id", "", Fixture::NotAnObject),
    ("operation_id", "", Fixture::NotAnObject),
    // Issue 22: resources are objects; enterprise projects and enterprise sub-accounts are
    // not served (the filters are accepted and ignored).
    ("resource_id", "", Fixture::Object("resource")),
    ("webhook_id", "", Fixture::Object("webhook")),
    ("delivery_id", "", Fixture::Object("delivery")),
    ("resource_ids", "", Fixture::Object("resource")),
    ("enterprise_project_id", "", Fixture::NotAnObject),
    ("sub_customer_id", "", Fixture::NotAnObject),
];

/// Looks a parameter up; `None` means the registry lacks it (the test says so).
pub fn fixture_for(name: &str, path: &str) -> Option<Fixture> {
    REGISTRY
        .iter()
        .find(|(n, frag, _)| *n == name && path.contains(frag))
        .map(|(_, _, f)| *f)
}

/// One identity that calls the API.
pub struct Identity {
    pub label: String,
    pub client: Client,
}

/// One partner world.
pub struct Side {
    pub name: &'static str,
    pub distributor: Party,
    pub reseller: Party,
    pub admin: Client,
    pub identities: Vec<Identity>,
    /// Object kind (see [`REGISTRY`]) → id.
    pub ids: BTreeMap<&'static str, String>,
}

impl Side {
    pub async fn build(srv: &TestServer, name: &'static str) -> Side {
        let op = srv.operator();
        let d = partner(srv, "DISTRIBUTOR").await;
        let r = partner(srv, "RESELLER").await;
        link(srv, &d, &r).await;
        let admin = user(srv, &d, &["admin"]).await;
        let am = user(srv, &d, &["account_manager", "project_specialist"]).await;
        let fin = user(srv, &d, &["finance"]).await;
        let r_admin = user(srv, &r, &["admin"]).await;
        let cust = sub_customer(srv, &d, "2").await;
        let mut ids = BTreeMap::new();
        ids.insert("distributor", d.id.clone());
        ids.insert("reseller", r.id.clone());
        ids.insert("customer", cust.id.clone());
        ids.insert("account_manager", am.id.clone());

        recharge(srv, &d, "1000").await;
        ids.insert("order", order(srv, &cust.id, "10.00", json!({})).await);
        ids.insert(
            "customer_coupon",
            coupon(srv, &cust.id, 1, "5", json!({})).await,
        );

        // #21: a webhook that hears of the coupons issued below, so it has a delivery.
        let hook = admin
            .client
            .post(
                "/v2/partners/webhooks",
                json!({"url": "https://hooks.example.com/in", "event_types": ["coupon.issued"]}),
            )
            .await
            .expect(201, "");
        let hook_id = str_of(&hook["webhook_id"]);
        let q = quota(srv, &d.id, "1000", json!({})).await;
        let issued = issue(&admin.client, &q, std::slice::from_ref(&cust.id), "10").await;
        ids.insert(
            "partner_coupon",
            coupon_ids(&issued).into_iter().next().unwrap_or_default(),
        );
        admin
            .client
            .post(
                ADJUST,
                json!({"quota_id": q, "indirect_partner_ids": [r.id], "quota_amount": "100"}),
            )
            .await
            .expect(200, "");
        ids.insert("quota", q);

        // A customer invitation (to a fresh customer) and a reseller invitation (to a fresh
        // reseller), both pending.
        let other = customer(srv).await;
        let inv = admin
            .client
            .post(
                "/v2/partners/sub-customers/invitations",
                json!({"account_name": other.name, "association_type": "2"}),
            )
            .await
            .expect(201, "");
        ids.insert("customer_invitation", str_of(&inv["invitation_id"]));
        ids.insert("invitation_code", str_of(&inv["invitation_code"]));
        let r2 = partner(srv, "RESELLER").await;
        let rinv = admin
            .client
            .post(
                "/v2/partners/indirect-partners/invitations",
                json!({"indirect_partner_id": r2.id}),
            )
            .await
            .expect(201, "");
        ids.insert("reseller_invitation", str_of(&rinv["invitation_id"]));

        ids.insert("incentive", incentive(srv, &d, "100").await);
        ids.insert(
            "project",
            project(
                &admin.client,
                "CN",
                "1",
                &[(am.id.as_str(), "PROJECT_MANAGER")],
            )
            .await,
        );
        set_stage(srv, &d, "SOFTWARE", "JOINED").await;
        let app = admin
            .client
            .post(
                "/v2/partners/development-paths/SOFTWARE/differentiation-certifications",
                json!({"business_plan": "Plan", "requested_labels": ["SAAS_READY"]}),
            )
            .await
            .expect(201, "");
        ids.insert("certification", str_of(&app["application_id"]));
        let sol = op
            .post(
                &format!("/v2/operator/partners/{}/solutions", d.id),
                json!({"name": unique("solution"), "certification": "CLOUD_SOFTWARE"}),
            )
            .await
            .expect(201, "");
        ids.insert("solution", str_of(&sol["solution_id"]));

        // Ledger entries: an allocation to the customer gives a transfer and a trade id.
        admin
            .client
            .post(
                "/v2/accounts/partner-accounts/adjust-amount",
                json!({"customer_id": cust.id, "amount": "1.00"}),
            )
            .await
            .expect(200, "");
        let adj = admin
            .client
            .get(
                "/v3/accounts/partner-accounts/adjust-records",
                &[("customer_id", cust.id.as_str())],
            )
            .await
            .expect(200, "");
        ids.insert("trans", str_of(&adj["records"][0]["trans_id"]));
        let deliveries = admin
            .client
            .get(&format!("/v2/partners/webhooks/{hook_id}/deliveries"), &[])
            .await
            .expect(200, "");
        ids.insert(
            "delivery",
            str_of(&deliveries["deliveries"][0]["delivery_id"]),
        );
        ids.insert("webhook", hook_id);
        let rec = cust
            .client
            .get(
                "/v2/accounts/customer-accounts/account-change-records",
                &[("balance_type", "BALANCE_TYPE_DEBIT")],
            )
            .await
            .expect(200, "");
        ids.insert("trade", str_of(&rec["records"][0]["trade_id"]));

        opportunities(srv, &d, &admin.client, &cust.id, &mut ids).await;
        let resource = unique("res");
        op.post(
            "/v2/operator/on-demand-resources",
            json!({"resources": [{"resource_id": resource, "customer_id": cust.id,
                "service_type_code": "hws.service.type.ec2", "resource_type_code": "hws.resource.type.vm",
                "region_code": "cn-north-4", "effective_time": "2026-11-01T00:00:00Z"}]}),
        )
        .await
        .expect(200, "");
        ids.insert("resource", resource);

        for (kind, id) in &ids {
            assert!(
                !id.is_empty(),
                "side {name}: fixture {kind} was not created"
            );
        }
        let identities = vec![
            Identity {
                label: format!("{name} distributor admin"),
                client: admin.client.clone(),
            },
            Identity {
                label: format!("{name} account manager"),
                client: am.client,
            },
            Identity {
                label: format!("{name} finance"),
                client: fin.client,
            },
            Identity {
                label: format!("{name} reseller admin"),
                client: r_admin.client,
            },
            Identity {
                label: format!("{name} customer"),
                client: cust.client,
            },
        ];
        Side {
            name,
            distributor: d,
            reseller: r,
            admin: admin.client,
            identities,
            ids,
        }
    }
}

/// A business opportunity, a PO opportunity, a lead, and (the side having joined PCE with a
/// signed agreement) an opportunity the platform shared with it.
async fn opportunities(
    srv: &TestServer,
    d: &Party,
    admin: &Client,
    customer_id: &str,
    ids: &mut BTreeMap<&'static str, String>,
) {
    let opp = create_opportunity(admin, opportunity_body(customer_id, None)).await;
    ids.insert("business_opportunity", opp);
    let po = admin
        .post("/v2/partners/po-opportunities", po_body())
        .await
        .expect(201, "");
    ids.insert("po_opportunity", str_of(&po["opportunity_id"]));
    let (phone, email) = contact();
    let lead = dispatch_lead(srv, d, &phone, &email).await;
    ids.insert("outbound_call", outbound_call(srv, &d.id, &lead).await);
    ids.insert("lead", lead);
    admin
        .post(
            "/v2/partners/programs/pce/join",
            json!({"agreement_signed": true}),
        )
        .await
        .expect(200, "");
    let shared = srv
        .operator()
        .post(
            "/v2/operator/pce/shared-opportunities",
            json!({"partner_id": d.id, "customer_name": "Globex", "industry": "MANUFACTURING",
                   "product_category": "AI", "expected_monthly_amount": "30000.00"}),
        )
        .await
        .expect(201, "");
    ids.insert("shared_opportunity", str_of(&shared["opportunity_id"]));
}

/// A call on the lead as the voice gateway left it (the test server has no gateway).
async fn outbound_call(srv: &TestServer, partner_id: &str, lead_id: &str) -> String {
    let call = domain::calls::Call {
        id: uuid::Uuid::new_v4().simple().to_string(),
        lead_id: lead_id.to_owned(),
        partner_id: partner_id.to_owned(),
        user_id: "authz-caller".to_owned(),
        status: domain::calls::CallStatus::Answered,
        duration_secs: 42,
        created_at: srv.clock.now_ts(),
        ended_at: Some(srv.clock.now_ts()),
    };
    let (db, id) = (srv.db.clone(), call.id.clone());
    tokio::task::spawn_blocking(move || {
        db.write(|c| persistence::repo::outbound_calls::insert(c, &call))
    })
    .await
    .unwrap_or_else(|e| panic!("join: {e}"))
    .unwrap_or_else(|e| panic!("insert call: {e}"));
    id
}

fn str_of(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_owned()
}

/// An id shaped like `id` (same length and character classes) that names nothing.
pub fn missing_like(id: &str) -> String {
    let seed = uuid::Uuid::new_v4().simple().to_string();
    let mut noise = seed.chars().cycle();
    let keep = id.len().saturating_sub(8);
    id.chars()
        .enumerate()
        .map(|(i, c)| {
            if i < keep {
                return c;
            }
            let n = noise.next().unwrap_or('7');
            if c.is_ascii_digit() {
                char::from(b'0' + (n as u8) % 10)
            } else if c.is_ascii_uppercase() {
                char::from(b'A' + (n as u8) % 26)
            } else if c.is_ascii_lowercase() {
                char::from(b'a' + (n as u8) % 26)
            } else {
                c
            }
        })
        .collect()
}
