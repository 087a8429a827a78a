//! The operator set-up API: partners, users, access keys, customers, reseller links.

use serde_json::json;
use tests::both_backends;
use tests::fixtures::{customer, partner, partner_in, unique, user};

both_backends!(
    partners_are_created_and_read_back,
    |srv: tests::TestServer| async move {
        let op = srv.operator();
        let name = unique("acct");
        let v = op
        .post(
            "/v2/operator/partners",
            json!({"name": "Acme 渠道", "account_name": name, "partner_type": "RESELLER", "country_code": "CN", "marketing_plan_version": "2.0", "email": "a@example.com"}),
        )
        .await
        .expect(201, "");
        let id = v["partner_id"].as_str().unwrap();
        let got = op
            .get(&format!("/v2/operator/partners/{id}"), &[])
            .await
            .expect(200, "");
        assert_eq!(got["account_name"], name.as_str());
        assert_eq!(got["name"], "Acme 渠道");
        assert_eq!(got["partner_type"], "RESELLER");
        assert_eq!(got["reseller_program_joined"], true);
        assert_eq!(got["marketing_plan_version"], "2.0");
        assert_eq!(got["domain_id"], v["domain_id"]);
        assert!(got["created_on"].as_str().unwrap().ends_with('Z'));
        // account_name is unique.
        let dup = op
        .post("/v2/operator/partners", json!({"name": "x", "account_name": name, "partner_type": "DISTRIBUTOR", "country_code": "CN"}))
        .await;
        dup.expect(400, "CBC.99100001");
        op.get("/v2/operator/partners/does-not-exist", &[])
            .await
            .expect(404, "CBC.99100002");
    }
);

both_backends!(
    users_roles_and_supervisors,
    |srv: tests::TestServer| async move {
        let op = srv.operator();
        let p = partner(&srv, "DISTRIBUTOR").await;
        let other = partner(&srv, "DISTRIBUTOR").await;
        let path = format!("/v2/operator/partners/{}/users", p.id);
        let bad_role = op
            .post(&path, json!({"user_name": unique("u"), "roles": ["boss"]}))
            .await;
        bad_role.expect(400, "CBC.0100");
        assert!(bad_role.msg().contains("roles"));
        op.post(&path, json!({"user_name": unique("u"), "roles": []}))
            .await
            .expect(400, "CBC.0100");
        op.post(
            &path,
            json!({"user_name": unique("u"), "roles": ["admin"], "password": "short"}),
        )
        .await
        .expect(400, "CBC.0100");
        let sup = op
            .post(
                &path,
                json!({"user_name": unique("sup"), "roles": ["account_manager_supervisor"]}),
            )
            .await
            .expect(201, "");
        let sup_id = sup["user_id"].as_str().unwrap();
        op.post(&path, json!({"user_name": unique("am"), "roles": ["account_manager"], "supervisor_user_id": sup_id}))
        .await
        .expect(201, "");
        // A supervisor of another partner, or a user who is no supervisor, is refused.
        let foreign = op
            .post(
                &format!("/v2/operator/partners/{}/users", other.id),
                json!({"user_name": unique("s2"), "roles": ["account_manager_supervisor"]}),
            )
            .await
            .expect(201, "");
        let r = op
        .post(&path, json!({"user_name": unique("am"), "roles": ["account_manager"], "supervisor_user_id": foreign["user_id"]}))
        .await;
        r.expect(400, "CBC.99100087");
        assert!(r.msg().contains("supervisor_user_id"));
        // User names are unique, also against customers' login names.
        let c = customer(&srv).await;
        op.post(&path, json!({"user_name": c.name, "roles": ["admin"]}))
            .await
            .expect(400, "CBC.99100001");
        op.post(
            "/v2/operator/partners/nope/users",
            json!({"user_name": unique("u"), "roles": ["admin"]}),
        )
        .await
        .expect(404, "CBC.99100002");
    }
);

both_backends!(
    access_keys_work_and_are_scoped,
    |srv: tests::TestServer| async move {
        let op = srv.operator();
        let p = partner(&srv, "DISTRIBUTOR").await;
        let q = partner(&srv, "DISTRIBUTOR").await;
        let u = user(&srv, &p, &["admin"]).await;
        assert_eq!(u.domain_id, p.domain_id);
        // The key of p's user cannot be minted under q.
        op.post(
            &format!("/v2/operator/partners/{}/users/{}/access-keys", q.id, u.id),
            json!({}),
        )
        .await
        .expect(404, "CBC.99100002");
        // The secret is stored sealed: it appears nowhere in the database.
        let ak = u.client.access_key().unwrap();
        let sealed: String = {
            let db = srv.db.clone();
            let ak = ak.clone();
            tokio::task::spawn_blocking(move || {
                db.read(|c| persistence::repo::credentials::find(c, &ak))
            })
            .await
            .unwrap()
            .unwrap()
            .unwrap()
            .secret_enc
        };
        assert!(sealed.starts_with("v1:"));
    }
);

both_backends!(
    customers_follow_domain_name_rules,
    |srv: tests::TestServer| async move {
        let op = srv.operator();
        for bad in ["abc", "1abcdef", "op_abcdef", "has space", &"x".repeat(33)] {
            let r = op
                .post(
                    "/v2/operator/customers",
                    json!({"domain_name": bad, "country_code": "CN"}),
                )
                .await;
            r.expect(400, "CBC.0100");
            assert!(r.msg().contains("domain_name"), "{bad}: {}", r.msg());
        }
        let name = unique("cust");
        op.post(
            "/v2/operator/customers",
            json!({"domain_name": name, "country_code": "CN", "has_credit_account": true}),
        )
        .await
        .expect(201, "");
        op.post(
            "/v2/operator/customers",
            json!({"domain_name": name, "country_code": "CN"}),
        )
        .await
        .expect(400, "CBC.99100001");
    }
);

both_backends!(
    reseller_links_follow_s3_rules,
    |srv: tests::TestServer| async move {
        let op = srv.operator();
        let d = partner(&srv, "DISTRIBUTOR").await;
        let d2 = partner(&srv, "DISTRIBUTOR").await;
        let r = partner(&srv, "RESELLER").await;
        let foreign = partner_in(&srv, "RESELLER", "DE").await;
        let sp = partner(&srv, "SOLUTION_PROVIDER").await;
        let link = |dist: String, res: String| {
            let op = op.clone();
            async move {
                op.post(
                    &format!("/v2/operator/partners/{dist}/indirect-partners"),
                    json!({"indirect_partner_id": res}),
                )
                .await
            }
        };
        link(d.id.clone(), foreign.id.clone())
            .await
            .expect(400, "CBC.99100012");
        link(d.id.clone(), sp.id.clone())
            .await
            .expect(400, "CBC.99100011");
        link(r.id.clone(), d2.id.clone())
            .await
            .expect(400, "CBC.99100015");
        link(d.id.clone(), "nope".into())
            .await
            .expect(400, "CBC.99000037");
        link(d.id.clone(), r.id.clone()).await.expect(201, "");
        link(d.id.clone(), r.id.clone())
            .await
            .expect(400, "CBC.99100014");
        link(d2.id.clone(), r.id.clone())
            .await
            .expect(400, "CBC.99100013");
        let got = op
            .get(&format!("/v2/operator/partners/{}", r.id), &[])
            .await
            .expect(200, "");
        assert_eq!(got["parent_partner_id"], d.id.as_str());
    }
);

both_backends!(
    customers_are_associated_once,
    |srv: tests::TestServer| async move {
        let op = srv.operator();
        let p = partner(&srv, "DISTRIBUTOR").await;
        let q = partner(&srv, "RESELLER").await;
        let c = customer(&srv).await;
        let url = |pid: &str| format!("/v2/operator/partners/{pid}/sub-customers");
        op.post(
            &url(&p.id),
            json!({"customer_id": c.id, "association_type": "3"}),
        )
        .await
        .expect(400, "CBC.0100");
        op.post(
            &url(&p.id),
            json!({"customer_id": c.id, "association_type": 2}),
        )
        .await
        .expect(400, "CBC.0100");
        op.post(
            &url(&p.id),
            json!({"customer_id": "nope", "association_type": "2"}),
        )
        .await
        .expect(404, "CBC.99100002");
        op.post(
            &url("nope"),
            json!({"customer_id": c.id, "association_type": "2"}),
        )
        .await
        .expect(404, "CBC.99100002");
        let v = op
            .post(
                &url(&p.id),
                json!({"customer_id": c.id, "association_type": "2"}),
            )
            .await
            .expect(201, "");
        assert_eq!(v["association_type"], "2");
        op.post(
            &url(&q.id),
            json!({"customer_id": c.id, "association_type": "1"}),
        )
        .await
        .expect(400, "CBC.99100016");
    }
);
