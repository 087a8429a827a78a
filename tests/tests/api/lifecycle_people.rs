//! People and partners (#20): a partner's admin manages its own users, never removing the last
//! active admin; a deactivated user's keys and tokens fail at once; the operator updates,
//! suspends and reactivates partners.

use serde_json::json;
use tests::both_backends;
use tests::fixtures::{link, partner, recharge, user};
use tests::{Client, TestServer};

const PROBE: &str = "/v2/partners/incentives";

async fn login(srv: &TestServer, name: &str, password: &str) -> Client {
    let v = srv
        .anonymous()
        .post(
            "/v2/auth/tokens",
            json!({"user_name": name, "password": password}),
        )
        .await
        .expect(200, "");
    Client::with_token(srv, v["token"].as_str().unwrap())
}

both_backends!(
    an_admin_manages_its_users_and_keeps_an_admin,
    |srv: TestServer| async move {
        let p = partner(&srv, "DISTRIBUTOR").await;
        let admin = user(&srv, &p, &["admin"]).await;
        let name = tests::fixtures::unique("staff");
        let created = admin
            .client
            .post(
                "/v2/partners/users",
                json!({"user_name": name, "roles": ["account_manager"], "display_name": "Han Mei",
                       "email": "han.mei@example.com", "mobile_phone": "+8613800000001", "password": "Passw0rd!x"}),
            )
            .await
            .expect(201, "");
        let id = created["user_id"].as_str().unwrap().to_owned();
        assert_eq!(created["status"], "ACTIVE");
        assert_eq!(created["email"], "han.mei@example.com");
        let list = admin
            .client
            .get("/v2/partners/users", &[])
            .await
            .expect(200, "");
        assert_eq!(list["users"].as_array().unwrap().len(), 2);
        let upd = admin
            .client
            .put(
                &format!("/v2/partners/users/{id}"),
                json!({"display_name": "Han M.", "roles": ["account_manager", "finance"], "email": null}),
            )
            .await
            .expect(200, "");
        assert_eq!(upd["display_name"], "Han M.");
        assert_eq!(upd["roles"], json!(["account_manager", "finance"]));
        assert!(upd["email"].is_null());
        admin
            .client
            .put(
                &format!("/v2/partners/users/{id}"),
                json!({"email": "not an address"}),
            )
            .await
            .expect(400, "CBC.0100");
        let bad_phone = admin
            .client
            .put(
                &format!("/v2/partners/users/{id}"),
                json!({"mobile_phone": "w\u{fd}\u{ea}"}),
            )
            .await
            .expect(400, "CBC.0100");
        assert!(bad_phone["error_msg"]
            .as_str()
            .is_some_and(|m| m.starts_with("mobile_phone: must be a phone number")));

        // The last active admin cannot be deactivated nor lose the role.
        admin
            .client
            .post(
                &format!("/v2/partners/users/{}/deactivate", admin.id),
                json!({}),
            )
            .await
            .expect(400, "CBC.99100202");
        admin
            .client
            .put(
                &format!("/v2/partners/users/{}", admin.id),
                json!({"roles": ["finance"]}),
            )
            .await
            .expect(400, "CBC.99100202");

        // Deactivation: the user's token and key are refused on the next request.
        let t = login(&srv, &name, "Passw0rd!x").await;
        assert_ne!(t.get(PROBE, &[]).await.status, 401);
        let k = admin
            .client
            .post(&format!("/v2/partners/users/{id}/access-keys"), json!({}))
            .await
            .expect(201, "");
        let key = Client::new(
            &srv,
            k["access_key"].as_str().unwrap(),
            k["secret_key"].as_str().unwrap(),
        );
        assert_ne!(key.get(PROBE, &[]).await.status, 401);
        let d = admin
            .client
            .post(&format!("/v2/partners/users/{id}/deactivate"), json!({}))
            .await
            .expect(200, "");
        assert_eq!(d["status"], "DEACTIVATED");
        t.get(PROBE, &[]).await.expect(401, "CBC.0154");
        key.get(PROBE, &[]).await.expect(401, "APIGW.0301");
        admin
            .client
            .post(&format!("/v2/partners/users/{id}/reactivate"), json!({}))
            .await
            .expect(200, "");
        assert_ne!(key.get(PROBE, &[]).await.status, 401);
        // Revoked tokens stay revoked.
        t.get(PROBE, &[]).await.expect(401, "CBC.0154");

        // Another partner's user answers like a missing one; a non-admin may not manage.
        let other = partner(&srv, "DISTRIBUTOR").await;
        let stranger = user(&srv, &other, &["admin"]).await;
        admin
            .client
            .get(&format!("/v2/partners/users/{}", stranger.id), &[])
            .await
            .expect(404, "CBC.99100002");
        admin
            .client
            .post(
                &format!("/v2/partners/users/{}/deactivate", stranger.id),
                json!({}),
            )
            .await
            .expect(404, "CBC.99100002");
        key.get("/v2/partners/users", &[])
            .await
            .expect(403, "CBC.0151");
    }
);

both_backends!(
    the_operator_updates_suspends_and_reactivates_a_partner,
    |srv: TestServer| async move {
        let d = partner(&srv, "DISTRIBUTOR").await;
        let admin = user(&srv, &d, &["admin"]).await;
        let path = format!("/v2/operator/partners/{}", d.id);
        let v = srv
            .operator()
            .put(
                &path,
                json!({"name": "Renamed", "marketing_plan_version": "2.0", "country_code": "DE", "email": "ops@acme.example"}),
            )
            .await
            .expect(200, "");
        assert_eq!(v["name"], "Renamed");
        assert_eq!(v["country_code"], "DE");
        assert_eq!(v["marketing_plan_version"], "2.0");
        // Once linked and holding money, the country is locked, each tie listed.
        let r = partner(&srv, "RESELLER").await;
        srv.operator()
            .put(&path, json!({"country_code": "CN"}))
            .await
            .expect(200, "");
        link(&srv, &d, &r).await;
        recharge(&srv, &d, "10").await;
        let refused = srv
            .operator()
            .put(&path, json!({"country_code": "FR"}))
            .await;
        refused.expect(400, "CBC.99100206");
        assert_eq!(refused.json()["error_details"].as_array().unwrap().len(), 2);
        srv.operator()
            .put(&path, json!({"country_code": "XX"}))
            .await
            .expect(400, "CBC.0100");

        // Suspension: 403 with its own code for users and keys; the money stays.
        let t = login(&srv, &admin.name, "Passw0rd!x").await;
        srv.operator()
            .post(&format!("{path}/suspend"), json!({"reason": "review"}))
            .await
            .expect(204, "");
        admin
            .client
            .get(PROBE, &[])
            .await
            .expect(403, "CBC.99100203");
        t.get(PROBE, &[]).await.expect(403, "CBC.99100203");
        srv.operator()
            .post(&format!("{path}/suspend"), json!({"reason": "again"}))
            .await
            .expect(400, "CBC.99100207");
        assert_eq!(tests::fixtures::cash(&srv, "partner", &d.id).await, 1000);
        srv.operator()
            .post(&format!("{path}/reactivate"), json!({}))
            .await
            .expect(204, "");
        admin.client.get(PROBE, &[]).await.expect(200, "");
        srv.operator()
            .post(
                &format!("/v2/operator/partners/{}/suspend", "nosuchpartner"),
                json!({"reason": "x"}),
            )
            .await
            .expect(404, "CBC.99100002");
    }
);
