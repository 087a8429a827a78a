//! CreateSubCustomer (every field rule, resale vs referral, indirect_partner_id) and
//! CheckUserIdentity.

use serde_json::{json, Value};
use tests::both_backends;
use tests::channel::{code_for, customer_with, link_to, org, phone};
use tests::fixtures::{customer, unique, user};
use tests::Client;

const CREATE: &str = "/v2/partners/sub-customers";
const LIST: &str = "/v2/partners/sub-customers/query";
const CHECK: &str = "/v2/partners/sub-customers/users/check-identity";

async fn listed(c: &Client, customer_id: &str) -> Value {
    let v = c
        .post(LIST, json!({"customer_id": customer_id}))
        .await
        .expect(200, "");
    assert_eq!(v["count"], 1, "{v}");
    v["customer_infos"][0].clone()
}

both_backends!(
    create_sub_customer_field_rules,
    |srv: tests::TestServer| async move {
        let p = org(&srv, "SOLUTION_PROVIDER").await;
        let c = p.client();
        // Everything optional: a random account name, resale mode; customer_id is domain_id.
        let v = c.post(CREATE, json!({})).await.expect(200, "");
        let name = v["domain_name"].as_str().unwrap();
        assert_eq!(name.len(), 32);
        let info = listed(c, v["domain_id"].as_str().unwrap()).await;
        assert_eq!(info["account_name"], name);
        assert_eq!(info["association_type"], "2");
        let v = c
            .post(CREATE, json!({"domain_name": "", "cooperation_type": "1"}))
            .await
            .expect(200, "");
        assert_eq!(
            listed(c, v["domain_id"].as_str().unwrap()).await["association_type"],
            "1"
        );
        // domain_name rules, and names are unique across customers and partner users.
        for bad in [
            "abcd",
            "1abcde",
            "op_abcde",
            "Shadow_abc",
            "ab cde",
            "a".repeat(33).as_str(),
        ] {
            let e = c.post(CREATE, json!({"domain_name": bad})).await;
            e.expect(400, "CBC.0100");
            assert!(e.msg().contains("domain_name"), "{}", e.msg());
        }
        c.post(CREATE, json!({"domain_name": p.admin.name}))
            .await
            .expect(400, "CBC.99100001");
        // Passwords: empty is a parameter error; weak ones are CBC.99000036.
        let e = c.post(CREATE, json!({"password": ""})).await;
        e.expect(400, "CBC.0100");
        assert!(e.msg().contains("password"));
        let dn = unique("pw");
        for pw in [
            "abcdefgh",
            "Ab1",
            dn.as_str(),
            &dn.chars().rev().collect::<String>(),
        ] {
            c.post(CREATE, json!({"domain_name": dn, "password": pw}))
                .await
                .expect(400, "CBC.99000036");
        }
        c.post(
            CREATE,
            json!({"domain_name": dn, "password": "Welcome-2026"}),
        )
        .await
        .expect(200, "");
        srv.anonymous()
            .post(
                "/v2/auth/tokens",
                json!({"user_name": dn, "password": "Welcome-2026"}),
            )
            .await
            .expect(200, "");
        for (body, field) in [
            (json!({"is_close_market_ms": "maybe"}), "is_close_market_ms"),
            (json!({"xaccount_id": "x".repeat(65)}), "xaccount_id"),
            (
                json!({"include_association_result": "yes"}),
                "include_association_result",
            ),
            (json!({"mobile_phone": "123"}), "mobile_phone"),
            (json!({"mobile_phone": phone()}), "verification_code"),
            (
                json!({"mobile_phone": phone(), "verification_code": ""}),
                "verification_code",
            ),
        ] {
            let e = c.post(CREATE, body).await;
            e.expect(400, "CBC.0100");
            assert!(e.msg().contains(field), "{}", e.msg());
        }
        let v = c
            .post(CREATE, json!({"xaccount_id": "x-1", "xaccount_type": "partner_sso", "is_close_market_ms": "true", "include_association_result": true}))
            .await
            .expect(200, "");
        let info = listed(c, v["domain_id"].as_str().unwrap()).await;
        assert_eq!(
            (info["xaccount_id"].as_str(), info["xaccount_type"].as_str()),
            (Some("x-1"), Some("partner_sso"))
        );
    }
);

both_backends!(
    mobile_numbers_need_a_fresh_code,
    |srv: tests::TestServer| async move {
        let p = org(&srv, "DISTRIBUTOR").await;
        let c = p.client();
        let ph = phone();
        let code = code_for(&srv, c, &ph).await;
        let wrong = if code == "000000" { "111111" } else { "000000" };
        c.post(
            CREATE,
            json!({"mobile_phone": ph, "verification_code": wrong}),
        )
        .await
        .expect(400, "CBC.99100090");
        let v = c
            .post(
                CREATE,
                json!({"mobile_phone": ph, "verification_code": code}),
            )
            .await
            .expect(200, "");
        let info = listed(c, v["domain_id"].as_str().unwrap()).await;
        assert_eq!(info["telephone"], ph.as_str());
        assert_eq!(info["country_code"], "0086");
        // Used up; another partner's code does not count; codes expire; guesses wear them out.
        c.post(
            CREATE,
            json!({"mobile_phone": ph, "verification_code": code}),
        )
        .await
        .expect(400, "CBC.99000027");
        let other = org(&srv, "DISTRIBUTOR").await;
        let theirs = code_for(&srv, other.client(), &ph).await;
        c.post(
            CREATE,
            json!({"mobile_phone": ph, "verification_code": theirs}),
        )
        .await
        .expect(400, "CBC.99000027");
        c.post(
            "/v2/bases/verificationcode/send",
            json!({"receiver_type": 1, "mobile_phone": ph, "timeout": 1}),
        )
        .await
        .expect(204, "");
        let short = tests::channel::last_code(&srv, &ph).await;
        srv.clock.advance(chrono::Duration::seconds(61));
        c.post(
            CREATE,
            json!({"mobile_phone": ph, "verification_code": short}),
        )
        .await
        .expect(400, "CBC.99000027");
        let code = code_for(&srv, c, &ph).await;
        let wrong = if code == "000000" { "111111" } else { "000000" };
        for _ in 0..5 {
            c.post(
                CREATE,
                json!({"mobile_phone": ph, "verification_code": wrong}),
            )
            .await
            .expect(400, "CBC.99100090");
        }
        c.post(
            CREATE,
            json!({"mobile_phone": ph, "verification_code": code}),
        )
        .await
        .expect(400, "CBC.99000027");
        // A number registers at most 5 customers.
        for _ in 0..4 {
            let code = code_for(&srv, c, &ph).await;
            c.post(
                CREATE,
                json!({"mobile_phone": ph, "verification_code": code}),
            )
            .await
            .expect(200, "");
        }
        let code = code_for(&srv, c, &ph).await;
        c.post(
            CREATE,
            json!({"mobile_phone": ph, "verification_code": code}),
        )
        .await
        .expect(400, "CBC.99000030");
        let check = c
            .post(
                CHECK,
                json!({"search_type": "mobile", "search_value": format!("0086-{ph}")}),
            )
            .await
            .expect(200, "");
        assert_eq!(check["check_result"], "used_by_user");
        assert_eq!(check["mobile_remain_available_num"], 0);
    }
);

both_backends!(
    distributors_create_for_their_resellers_only,
    |srv: tests::TestServer| async move {
        let d = org(&srv, "DISTRIBUTOR").await;
        let r = org(&srv, "RESELLER").await;
        link_to(&srv, &d.party, &r.party).await;
        let v = d
            .client()
            .post(CREATE, json!({"indirect_partner_id": r.id()}))
            .await
            .expect(200, "");
        let id = v["domain_id"].as_str().unwrap();
        listed(r.client(), id).await;
        assert_eq!(
            d.client()
                .post(LIST, json!({"customer_id": id}))
                .await
                .expect(200, "")["count"],
            0
        );
        let stranger = org(&srv, "RESELLER").await;
        let a = d
            .client()
            .post(CREATE, json!({"indirect_partner_id": stranger.id()}))
            .await;
        a.expect(400, "CBC.99000037");
        let b = d
            .client()
            .post(CREATE, json!({"indirect_partner_id": "missing"}))
            .await;
        assert_eq!(a.msg(), b.msg());
        // A reseller cannot act as a distributor.
        r.client()
            .post(CREATE, json!({"indirect_partner_id": r.id()}))
            .await
            .expect(400, "CBC.99000037");
        // Identities and roles; 401/403 before the body is judged.
        let cust = customer(&srv).await;
        cust.client
            .post(CREATE, json!([]))
            .await
            .expect(403, "CBC.0151");
        srv.operator()
            .post(CREATE, json!({}))
            .await
            .expect(403, "CBC.0151");
        let fin = user(&srv, &d.party, &["finance"]).await;
        fin.client
            .post(CREATE, json!({}))
            .await
            .expect(403, "CBC.0151");
        srv.anonymous()
            .post(CREATE, json!([]))
            .await
            .expect(401, "APIGW.0301");
        let am = user(&srv, &d.party, &["account_manager"]).await;
        am.client.post(CREATE, json!({})).await.expect(200, "");
    }
);

both_backends!(
    check_user_identity_by_name_email_and_mobile,
    |srv: tests::TestServer| async move {
        let p = org(&srv, "RESELLER").await;
        let fin = user(&srv, &p.party, &["finance"]).await;
        let c = &fin.client;
        let taken = customer_with(&srv, json!({"email": "taken@example.com"})).await;
        let ask = |t: &str, v: &str| {
            let (c, body) = (c.clone(), json!({"search_type": t, "search_value": v}));
            async move { c.post(CHECK, body).await }
        };
        let r = ask("name", &taken.name).await.expect(200, "");
        assert_eq!(r["check_result"], "used_by_user");
        assert!(r.get("mobile_remain_available_num").is_none());
        assert_eq!(
            ask("name", &p.admin.name).await.expect(200, "")["check_result"],
            "used_by_user"
        );
        assert_eq!(
            ask("name", &unique("free")).await.expect(200, "")["check_result"],
            "available"
        );
        assert_eq!(
            ask("email", "taken@example.com").await.expect(200, "")["check_result"],
            "used_by_user"
        );
        assert_eq!(
            ask("email", "free@example.com").await.expect(200, "")["check_result"],
            "available"
        );
        let m = ask("mobile", &format!("0086-{}", phone()))
            .await
            .expect(200, "");
        assert_eq!(
            (
                m["check_result"].as_str(),
                m["mobile_remain_available_num"].as_i64()
            ),
            (Some("available"), Some(5))
        );
        for (t, v, field) in [
            ("phone", "x", "search_type"),
            ("mobile", "0044-13800000000", "search_value"),
            ("mobile", "13800000000", "search_value"),
            ("email", "not-an-email", "search_value"),
            ("name", "_abcde", "search_value"),
            ("name", "op_abcde", "search_value"),
            ("name", "", "search_value"),
        ] {
            let e = ask(t, v).await;
            e.expect(400, "CBC.0100");
            assert!(e.msg().contains(field), "{}", e.msg());
        }
        let e = c.post(CHECK, json!({"search_type": "name"})).await;
        e.expect(400, "CBC.0100");
        assert!(e.msg().contains("search_value"));
        taken
            .client
            .post(CHECK, json!({}))
            .await
            .expect(403, "CBC.0151");
    }
);
