//! S1 account managers of resellers and ListIndirectPartners with every filter.

use serde_json::json;
use tests::both_backends;
use tests::channel::{link_to, org, Org};
use tests::fixtures::{unique, user};
use tests::{Client, TestServer};

const LIST: &str = "/v2/partners/indirect-partners/query";

fn am_path(reseller: &str) -> String {
    format!("/v2/partners/indirect-partners/{reseller}/account-manager")
}

/// A user with a display name and roles; returns its login name.
async fn named_user(srv: &TestServer, partner: &str, display: &str, roles: &[&str]) -> String {
    let name = unique("am");
    srv.operator()
        .post(
            &format!("/v2/operator/partners/{partner}/users"),
            json!({"user_name": name, "display_name": display, "roles": roles}),
        )
        .await
        .expect(201, "");
    name
}

async fn list(c: &Client, body: serde_json::Value) -> serde_json::Value {
    c.post(LIST, body).await.expect(200, "")
}

both_backends!(
    account_managers_are_assigned_replaced_and_listed,
    |srv: tests::TestServer| async move {
        let d = org(&srv, "DISTRIBUTOR").await;
        let r1 = org(&srv, "RESELLER").await;
        let r2 = org(&srv, "RESELLER").await;
        link_to(&srv, &d.party, &r1.party).await;
        link_to(&srv, &d.party, &r2.party).await;
        let alice = named_user(&srv, d.id(), "Alice", &["account_manager"]).await;
        let bob = named_user(&srv, d.id(), "Bob", &["account_manager", "finance"]).await;
        let c = d.client();
        c.put(&am_path(r1.id()), json!({"account_manager_id": alice}))
            .await
            .expect(204, "");
        let v = list(c, json!({"indirect_partner_id": r1.id()})).await;
        assert_eq!(v["count"], 1);
        let p = &v["indirect_partners"][0];
        assert_eq!(p["account_manager_id"], alice.as_str());
        assert_eq!(p["account_manager_name"], "Alice");
        assert!(p["associated_on"].as_str().unwrap().ends_with('Z'));
        // One per reseller: re-assigning replaces; others are untouched.
        c.put(&am_path(r1.id()), json!({"account_manager_id": bob}))
            .await
            .expect(204, "");
        c.put(&am_path(r2.id()), json!({"account_manager_id": bob}))
            .await
            .expect(204, "");
        let v = list(c, json!({})).await;
        for p in v["indirect_partners"].as_array().unwrap() {
            assert_eq!(p["account_manager_id"], bob.as_str());
            assert_eq!(p["account_manager_name"], "Bob");
        }
        c.send("DELETE", &am_path(r1.id()), &[], None)
            .await
            .expect(204, "");
        let v = list(c, json!({"indirect_partner_id": r1.id()})).await;
        assert!(v["indirect_partners"][0]["account_manager_id"].is_null());
        // The manager must be one of ours with the account_manager role.
        let fin = named_user(&srv, d.id(), "F", &["finance"]).await;
        let other = org(&srv, "DISTRIBUTOR").await;
        let foreign = named_user(&srv, other.id(), "X", &["account_manager"]).await;
        let mut msgs = Vec::new();
        for login in [fin.as_str(), foreign.as_str(), "nobody-at-all"] {
            let e = c
                .put(&am_path(r1.id()), json!({"account_manager_id": login}))
                .await;
            e.expect(400, "CBC.99100073");
            msgs.push(e.msg());
        }
        assert!(msgs.windows(2).all(|w| w[0] == w[1]), "{msgs:?}");
        // Only to our linked resellers: foreign, unlinked and missing answer alike.
        let theirs = org(&srv, "RESELLER").await;
        link_to(&srv, &other.party, &theirs.party).await;
        let free = org(&srv, "RESELLER").await;
        let mut msgs = Vec::new();
        for id in [theirs.id(), free.id(), "missing"] {
            let e = c
                .put(&am_path(id), json!({"account_manager_id": alice}))
                .await;
            e.expect(400, "CBC.99000037");
            msgs.push(e.msg());
        }
        assert!(msgs.windows(2).all(|w| w[0] == w[1]), "{msgs:?}");
        let e = c.put(&am_path(r1.id()), json!({})).await;
        e.expect(400, "CBC.0100");
        assert!(e.msg().contains("account_manager_id"));
    }
);

both_backends!(
    only_distributor_admins_and_supervisors_assign,
    |srv: tests::TestServer| async move {
        let d = org(&srv, "DISTRIBUTOR").await;
        let r = org(&srv, "RESELLER").await;
        link_to(&srv, &d.party, &r.party).await;
        let alice = named_user(&srv, d.id(), "Alice", &["account_manager"]).await;
        let body = json!({"account_manager_id": alice});
        let am = user(&srv, &d.party, &["account_manager"]).await;
        am.client
            .put(&am_path(r.id()), body.clone())
            .await
            .expect(403, "CBC.0151");
        // 403 comes before the body is judged.
        am.client
            .put(&am_path(r.id()), json!([]))
            .await
            .expect(403, "CBC.0151");
        r.client()
            .put(&am_path(r.id()), body.clone())
            .await
            .expect(403, "CBC.0151");
        r.client()
            .post(LIST, json!({}))
            .await
            .expect(403, "CBC.0151");
        let sup = user(&srv, &d.party, &["account_manager_supervisor"]).await;
        sup.client
            .put(&am_path(r.id()), body.clone())
            .await
            .expect(204, "");
        srv.anonymous()
            .put(&am_path(r.id()), json!([]))
            .await
            .expect(401, "APIGW.0301");
    }
);

async fn linked_at(srv: &TestServer, d: &Org, at: &str) -> Org {
    srv.clock
        .set(chrono::DateTime::parse_from_rfc3339(at).unwrap().into());
    let r = org(srv, "RESELLER").await;
    link_to(srv, &d.party, &r.party).await;
    r
}

both_backends!(
    list_indirect_partners_filters_and_pages,
    |srv: tests::TestServer| async move {
        let d = org(&srv, "DISTRIBUTOR").await;
        let r1 = linked_at(&srv, &d, "2026-11-01T00:00:00Z").await;
        let r2 = linked_at(&srv, &d, "2026-11-10T00:00:00Z").await;
        let r3 = linked_at(&srv, &d, "2026-11-20T00:00:00Z").await;
        let other = org(&srv, "DISTRIBUTOR").await;
        let theirs = org(&srv, "RESELLER").await;
        link_to(&srv, &other.party, &theirs.party).await;
        let c = d.client();
        let all = list(c, json!({})).await;
        assert_eq!(
            all["count"], 3,
            "another distributor's resellers are not listed"
        );
        let ids: Vec<&str> = all["indirect_partners"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["indirect_partner_id"].as_str().unwrap())
            .collect();
        assert_eq!(
            ids,
            [r3.id(), r2.id(), r1.id()],
            "most recently associated first"
        );
        let page = list(c, json!({"offset": 1, "limit": 1})).await;
        assert_eq!(page["count"], 3);
        assert_eq!(page["indirect_partners"][0]["indirect_partner_id"], r2.id());
        let window = list(c, json!({"associated_on_begin": "2026-11-05T00:00:00Z", "associated_on_end": "2026-11-20T00:00:00Z"})).await;
        assert_eq!(window["count"], 2, "bounds are inclusive");
        let name = all["indirect_partners"][1]["account_name"]
            .as_str()
            .unwrap()
            .to_owned();
        let by_name = list(c, json!({"account_name": name})).await;
        assert_eq!(by_name["count"], 1);
        assert_eq!(
            by_name["indirect_partners"][0]["indirect_partner_id"],
            r2.id()
        );
        assert_eq!(
            list(c, json!({"account_name": "", "indirect_partner_id": ""})).await["count"],
            3
        );
        // Someone else's reseller answers like a missing one.
        let a = c
            .post(LIST, json!({"indirect_partner_id": theirs.id()}))
            .await;
        a.expect(400, "CBC.99000037");
        let b = c
            .post(LIST, json!({"indirect_partner_id": "missing"}))
            .await;
        assert_eq!((a.msg(), a.status), (b.msg(), b.status));
        for (body, field) in [
            (
                json!({"associated_on_begin": "2026-11-01"}),
                "associated_on_begin",
            ),
            (json!({"associated_on_end": ""}), "associated_on_end"),
            (json!({"limit": 101}), "limit"),
            (json!({"offset": 40000001}), "offset"),
            (json!({"limit": "10"}), "limit"),
            (json!({"account_name": "x".repeat(65)}), "account_name"),
        ] {
            let e = c.post(LIST, body).await;
            e.expect(400, "CBC.0100");
            assert!(e.msg().contains(field), "{}", e.msg());
        }
        // Two well-formed times out of order: a business refusal.
        let e = c
            .post(
                LIST,
                json!({"associated_on_begin": "2026-11-02T00:00:00Z", "associated_on_end": "2026-11-01T00:00:00Z"}),
            )
            .await;
        e.expect(400, "CBC.99100066");
        assert!(e.msg().contains("associated_on_begin"), "{}", e.msg());
    }
);
