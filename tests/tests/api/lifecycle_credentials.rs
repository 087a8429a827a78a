//! Credentials end (#20): access keys listed without secrets, disabled, enabled, deleted and
//! rotated; tokens revoked by logout and by a password change. Each revocation holds from the
//! very next request.

use serde_json::json;
use tests::both_backends;
use tests::fixtures::{customer, partner, user};
use tests::{Client, TestServer};

const BALANCES: &str = "/v2/accounts/customer-accounts/balances";

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
    operator_disables_enables_and_deletes_a_customer_key,
    |srv: TestServer| async move {
        let c = customer(&srv).await;
        let ak = c.client.access_key().unwrap();
        let base = format!("/v2/operator/customers/{}/access-keys", c.id);
        c.client.get(BALANCES, &[]).await.expect(200, "");
        let list = srv.operator().get(&base, &[]).await.expect(200, "");
        let keys = list["access_keys"].as_array().unwrap();
        assert_eq!(keys.len(), 1);
        assert_eq!(keys[0]["access_key"], ak.as_str());
        assert_eq!(keys[0]["status"], "ACTIVE");
        assert!(keys[0]["created_at"].as_str().unwrap().ends_with('Z'));
        assert!(!list.to_string().contains("secret"), "{list}");

        let one = format!("{base}/{ak}");
        let v = srv
            .operator()
            .put(&one, json!({"status": "DISABLED"}))
            .await
            .expect(200, "");
        assert_eq!(v["status"], "DISABLED");
        c.client.get(BALANCES, &[]).await.expect(401, "APIGW.0301");
        srv.operator()
            .put(&one, json!({"status": "ACTIVE"}))
            .await
            .expect(200, "");
        c.client.get(BALANCES, &[]).await.expect(200, "");
        srv.operator()
            .put(&one, json!({"status": "GONE"}))
            .await
            .expect(400, "CBC.0100");

        srv.operator().delete(&one).await.expect(204, "");
        c.client.get(BALANCES, &[]).await.expect(401, "APIGW.0301");
        srv.operator()
            .delete(&one)
            .await
            .expect(404, "CBC.99100002");
        let list = srv.operator().get(&base, &[]).await.expect(200, "");
        assert_eq!(list["access_keys"].as_array().unwrap().len(), 0);
    }
);

both_backends!(
    a_partner_admin_manages_only_its_own_users_keys,
    |srv: TestServer| async move {
        let p = partner(&srv, "DISTRIBUTOR").await;
        let admin = user(&srv, &p, &["admin"]).await;
        let staff = user(&srv, &p, &["finance"]).await;
        let other = partner(&srv, "DISTRIBUTOR").await;
        let foreign = user(&srv, &other, &["finance"]).await;
        let ak = staff.client.access_key().unwrap();
        let base = format!("/v2/partners/users/{}/access-keys", staff.id);
        let list = admin.client.get(&base, &[]).await.expect(200, "");
        assert_eq!(list["access_keys"][0]["access_key"], ak.as_str());
        // Not an admin; another partner's user answers like a missing one.
        staff.client.get(&base, &[]).await.expect(403, "CBC.0151");
        admin
            .client
            .get(
                &format!("/v2/partners/users/{}/access-keys", foreign.id),
                &[],
            )
            .await
            .expect(404, "CBC.99100002");
        admin
            .client
            .put(
                &format!(
                    "/v2/partners/users/{}/access-keys/{}",
                    foreign.id,
                    foreign.client.access_key().unwrap()
                ),
                json!({"status": "DISABLED"}),
            )
            .await
            .expect(404, "CBC.99100002");

        let probe = "/v2/partners/incentives";
        staff.client.get(probe, &[]).await;
        admin
            .client
            .put(&format!("{base}/{ak}"), json!({"status": "DISABLED"}))
            .await
            .expect(200, "");
        staff.client.get(probe, &[]).await.expect(401, "APIGW.0301");
        // A new key for the staff member works at once.
        let k = admin.client.post(&base, json!({})).await.expect(201, "");
        let fresh = Client::new(
            &srv,
            k["access_key"].as_str().unwrap(),
            k["secret_key"].as_str().unwrap(),
        );
        assert_ne!(fresh.get(probe, &[]).await.status, 401);
        // The operator sees the same keys under the partner's path.
        let op = srv
            .operator()
            .get(
                &format!(
                    "/v2/operator/partners/{}/users/{}/access-keys",
                    p.id, staff.id
                ),
                &[],
            )
            .await
            .expect(200, "");
        assert_eq!(op["access_keys"].as_array().unwrap().len(), 2);
    }
);

both_backends!(
    a_rotated_key_works_until_its_grace_period_ends,
    |srv: TestServer| async move {
        let c = customer(&srv).await;
        let old = c.client.access_key().unwrap();
        let r = c
            .client
            .post(
                &format!("/v2/customers/access-keys/{old}/rotate"),
                json!({"grace_period_secs": 600}),
            )
            .await
            .expect(201, "");
        assert!(r["replaced_key_expires_at"]
            .as_str()
            .unwrap()
            .ends_with('Z'));
        let new = Client::new(
            &srv,
            r["access_key"].as_str().unwrap(),
            r["secret_key"].as_str().unwrap(),
        );
        c.client.get(BALANCES, &[]).await.expect(200, "");
        new.get(BALANCES, &[]).await.expect(200, "");
        // Rotating it again is refused: it is already ending.
        new.post(
            &format!("/v2/customers/access-keys/{old}/rotate"),
            json!({}),
        )
        .await
        .expect(400, "CBC.99100201");
        let list = new
            .get("/v2/customers/access-keys", &[])
            .await
            .expect(200, "");
        let keys = list["access_keys"].as_array().unwrap();
        assert_eq!(keys.len(), 2);
        assert!(keys
            .iter()
            .any(|k| k["access_key"] == old.as_str() && k["expires_at"].is_string()));
        srv.clock.advance(chrono::Duration::seconds(601));
        let mut old_client = c.client;
        old_client.set_clock(srv.clock.clone());
        old_client
            .get(BALANCES, &[])
            .await
            .expect(401, "APIGW.0301");
        let mut new = new;
        new.set_clock(srv.clock.clone());
        new.get(BALANCES, &[]).await.expect(200, "");
        new.post(
            "/v2/customers/access-keys/NOSUCHKEY/rotate",
            json!({"grace_period_secs": 99999999}),
        )
        .await
        .expect(400, "CBC.0100");
    }
);

both_backends!(
    logout_revokes_the_token_at_once,
    |srv: TestServer| async move {
        let c = customer(&srv).await;
        let t = login(&srv, &c.name, "Passw0rd!x").await;
        t.get(BALANCES, &[]).await.expect(200, "");
        t.post("/v2/auth/tokens/revoke", json!({}))
            .await
            .expect(204, "");
        t.get(BALANCES, &[]).await.expect(401, "CBC.0154");
        // An access key is not a token.
        c.client
            .post("/v2/auth/tokens/revoke", json!({}))
            .await
            .expect(400, "CBC.99100205");
        c.client.get(BALANCES, &[]).await.expect(200, "");
    }
);

both_backends!(
    a_password_change_revokes_the_users_other_tokens,
    |srv: TestServer| async move {
        let p = partner(&srv, "DISTRIBUTOR").await;
        let u = user(&srv, &p, &["finance"]).await;
        let probe = "/v2/partners/incentives";
        let t1 = login(&srv, &u.name, "Passw0rd!x").await;
        let t2 = login(&srv, &u.name, "Passw0rd!x").await;
        assert_ne!(t2.get(probe, &[]).await.status, 401);
        t1.put(
            "/v2/partners/users/me/password",
            json!({"old_password": "wrong-one", "new_password": "N3w#Passw0rd"}),
        )
        .await
        .expect(400, "CBC.99100204");
        t1.put(
            "/v2/partners/users/me/password",
            json!({"old_password": "Passw0rd!x", "new_password": "short"}),
        )
        .await
        .expect(400, "");
        t1.put(
            "/v2/partners/users/me/password",
            json!({"old_password": "Passw0rd!x", "new_password": "N3w#Passw0rd"}),
        )
        .await
        .expect(204, "");
        assert_ne!(t1.get(probe, &[]).await.status, 401);
        t2.get(probe, &[]).await.expect(401, "CBC.0154");
        srv.anonymous()
            .post(
                "/v2/auth/tokens",
                json!({"user_name": u.name, "password": "Passw0rd!x"}),
            )
            .await
            .expect(401, "CBC.0154");
        let t3 = login(&srv, &u.name, "N3w#Passw0rd").await;
        assert_ne!(t3.get(probe, &[]).await.status, 401);
        // The access key is not a session: it keeps working.
        assert_ne!(u.client.get(probe, &[]).await.status, 401);
    }
);
