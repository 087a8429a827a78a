//! Real-name authentication a partner files for its resale customers (S11): individual and
//! enterprise applications, the change from individual to enterprise, the review result, and
//! the operator's review.

use serde_json::{json, Value};
use tests::both_backends;
use tests::channel::org;
use tests::fixtures::{sub_customer, user};
use tests::{Client, TestServer};

const INDIVIDUAL: &str = "/v2/customers/realname-auths/individual";
const ENTERPRISE: &str = "/v2/customers/realname-auths/enterprise";
const RESULT: &str = "/v2/customers/realname-auths/result";
const QUEUE: &str = "/v2/operator/realname-auths";

fn passport(customer_id: &str) -> Value {
    json!({
        "customer_id": customer_id,
        "identify_type": 0,
        "verified_type": 3,
        "verified_file_url": ["abc023.jpg", "test/def004.png", "gh007.PDF"],
        "name": "Li Lei",
        "verified_number": "E12345678",
        "change_type": -1,
        "xaccount_type": "partner_x",
    })
}

fn company(customer_id: &str) -> Value {
    json!({
        "customer_id": customer_id,
        "identify_type": 1,
        "certificate_type": 0,
        "verified_file_url": ["licence.jpg", "front.jpg", "back.jpg"],
        "corp_name": "Acme Cloud Ltd.",
        "verified_number": "91320000MA1234567X",
        "reg_country": "CN",
        "reg_address": "1 Software Avenue, Nanjing",
        "xaccount_type": "partner_x",
        "enterprise_person": {"legel_name": "Li Lei", "legel_id_number": "320102199001011234", "certifier_role": "legalPerson"},
    })
}

async fn result(c: &Client, customer_id: &str) -> Value {
    c.get(RESULT, &[("customer_id", customer_id)])
        .await
        .expect(200, "")
}

/// The id of the one application of `customer_id` under review.
async fn reviewing(srv: &TestServer, customer_id: &str) -> String {
    let v = srv
        .operator()
        .get(QUEUE, &[("status", "REVIEWING"), ("limit", "100")])
        .await
        .expect(200, "");
    let apps = v["applications"].as_array().cloned().unwrap_or_default();
    let mine: Vec<&Value> = apps
        .iter()
        .filter(|a| a["customer_id"] == customer_id)
        .collect();
    assert_eq!(mine.len(), 1, "{v}");
    mine[0]["id"].as_str().unwrap_or_default().to_owned()
}

both_backends!(
    realname_individual_then_enterprise_through_review,
    |srv: TestServer| async move {
        let p = org(&srv, "SOLUTION_PROVIDER").await;
        let am = user(&srv, &p.party, &["account_manager"]).await;
        let cust = sub_customer(&srv, &p.party, "2").await;
        let c = &am.client;
        // Nothing filed: an empty result.
        assert_eq!(result(c, &cust.id).await, json!({}));
        let v = c.post(INDIVIDUAL, passport(&cust.id)).await.expect(200, "");
        assert_eq!(v, json!({"is_review": 1}));
        assert_eq!(result(c, &cust.id).await, json!({"review_result": 0}));
        // One under review at a time; a change needs an approved individual.
        c.post(INDIVIDUAL, passport(&cust.id))
            .await
            .expect(400, "CBC.99100170");
        let mut early_change = company(&cust.id);
        early_change["change_type"] = json!(1);
        c.put(ENTERPRISE, early_change)
            .await
            .expect(400, "CBC.99100170");
        // The operator rejects it: the opinion is shown; a new application may follow.
        let id = reviewing(&srv, &cust.id).await;
        let v = srv
            .operator()
            .post(
                &format!("{QUEUE}/{id}/reject"),
                json!({"reason_codes": ["PHOTO_UNREADABLE"], "reason": "The passport page is blurred."}),
            )
            .await
            .expect(200, "");
        assert_eq!(v["status"], "REJECTED", "{v}");
        assert_eq!(v["details"]["verified_file_url"][1], "test/def004.png");
        assert_eq!(
            result(c, &cust.id).await,
            json!({"review_result": 1, "opinion": "The passport page is blurred."})
        );
        srv.operator()
            .post(&format!("{QUEUE}/{id}/approve"), json!({}))
            .await
            .expect(400, "CBC.99100045");
        c.post(INDIVIDUAL, passport(&cust.id)).await.expect(200, "");
        let id = reviewing(&srv, &cust.id).await;
        srv.operator()
            .post(&format!("{QUEUE}/{id}/approve"), json!({}))
            .await
            .expect(200, "");
        assert_eq!(result(c, &cust.id).await, json!({"review_result": 2}));
        // Authenticated: no second first authentication, but the change to an enterprise.
        c.post(ENTERPRISE, company(&cust.id))
            .await
            .expect(400, "CBC.99100170");
        let mut change = company(&cust.id);
        change["change_type"] = json!(1);
        c.put(ENTERPRISE, change.clone()).await.expect(200, "");
        assert_eq!(result(c, &cust.id).await, json!({"review_result": 0}));
        let id = reviewing(&srv, &cust.id).await;
        let v = srv
            .operator()
            .post(&format!("{QUEUE}/{id}/approve"), json!({}))
            .await
            .expect(200, "");
        assert_eq!(v["subject"], "ENTERPRISE");
        assert_eq!(v["name"], "Acme Cloud Ltd.");
        // An enterprise does not change again.
        c.put(ENTERPRISE, change).await.expect(400, "CBC.99100170");
    }
);

both_backends!(
    realname_fields_follow_the_sdk_models,
    |srv: TestServer| async move {
        let p = org(&srv, "SOLUTION_PROVIDER").await;
        let c = p.client();
        let cust = sub_customer(&srv, &p.party, "2").await;
        let with = |base: Value, k: &str, v: Value| {
            let mut b = base;
            b[k] = v;
            b
        };
        let bad_individual = [
            ("identify_type", json!(2)),
            ("verified_type", json!(4)),
            ("verified_file_url", json!([])),
            (
                "verified_file_url",
                json!(["a.jpg", "b.jpg", "c.jpg", "d.jpg"]),
            ),
            ("verified_file_url", json!(["a.exe", "b.jpg", "c.jpg"])),
            ("verified_file_url", json!(["../a.jpg", "b.jpg", "c.jpg"])),
            (
                "verified_file_url",
                json!(["https://x/a.jpg", "b.jpg", "c.jpg"]),
            ),
            ("name", json!("")),
            ("name", json!("x".repeat(65))),
            ("verified_number", json!("")),
            ("change_type", json!(1)),
            ("xaccount_type", json!("")),
            ("customer_id", json!("")),
        ];
        for (k, v) in bad_individual {
            let e = c
                .post(INDIVIDUAL, with(passport(&cust.id), k, v.clone()))
                .await;
            e.expect(400, "CBC.0100");
            assert!(e.msg().contains(k), "{k}={v}: {}", e.msg());
        }
        // Rules between fields: a document needs its type and three files; a bank card its
        // card and one photo.
        let mut no_type = passport(&cust.id);
        no_type.as_object_mut().map(|o| o.remove("verified_type"));
        c.post(INDIVIDUAL, no_type)
            .await
            .expect(400, "CBC.99100173");
        c.post(
            INDIVIDUAL,
            with(passport(&cust.id), "verified_file_url", json!(["a.jpg"])),
        )
        .await
        .expect(400, "CBC.99100171");
        let card = with(
            with(passport(&cust.id), "identify_type", json!(4)),
            "verified_file_url",
            json!(["face.jpg"]),
        );
        c.post(INDIVIDUAL, card.clone())
            .await
            .expect(400, "CBC.99100173");
        let card_info = json!({"bank_account": "6222-0202", "areacode": "0086", "mobile": "13800000000", "verification_code": "123456"});
        for (k, v) in [
            ("bank_account", json!("-622")),
            ("areacode", json!("+86")),
            ("mobile", json!("138 0000")),
        ] {
            let mut info = card_info.clone();
            info[k] = v;
            c.post(INDIVIDUAL, with(card.clone(), "bank_card_info", info))
                .await
                .expect(400, "CBC.0100");
        }
        let bad_company = [
            ("identify_type", json!(0)),
            ("certificate_type", json!(5)),
            ("corp_name", json!("12345")),
            ("corp_name", json!(" - ")),
            ("reg_country", json!("cn")),
            ("reg_country", json!("CHN")),
            (
                "enterprise_person",
                json!({"legel_name": "Li", "legel_id_number": "1", "certifier_role": "agent"}),
            ),
        ];
        for (k, v) in bad_company {
            let e = c
                .post(ENTERPRISE, with(company(&cust.id), k, v.clone()))
                .await;
            e.expect(400, "CBC.0100");
            assert!(e.msg().contains(k), "{k}={v}: {}", e.msg());
        }
        let mut two_files = company(&cust.id);
        two_files["verified_file_url"] = json!(["a.jpg", "b.jpg"]);
        c.post(ENTERPRISE, two_files)
            .await
            .expect(400, "CBC.99100171");
        let mut bad_change = company(&cust.id);
        bad_change["change_type"] = json!(-1);
        c.put(ENTERPRISE, bad_change).await.expect(400, "CBC.0100");
        // A referral customer authenticates itself.
        let referral = sub_customer(&srv, &p.party, "1").await;
        c.post(ENTERPRISE, company(&referral.id))
            .await
            .expect(400, "CBC.99100172");
        // The bank card's application is filed with the account masked.
        c.post(INDIVIDUAL, with(card, "bank_card_info", card_info))
            .await
            .expect(200, "");
        let id = reviewing(&srv, &cust.id).await;
        let v = srv
            .operator()
            .post(&format!("{QUEUE}/{id}/approve"), json!({}))
            .await
            .expect(200, "");
        assert_eq!(
            v["details"]["bank_card_info"]["bank_account"], "****0202",
            "{v}"
        );
        assert!(v["details"]["bank_card_info"]
            .get("verification_code")
            .is_none());
    }
);

both_backends!(
    realname_foreign_customers_answer_like_missing_ones,
    |srv: TestServer| async move {
        let p = org(&srv, "SOLUTION_PROVIDER").await;
        let other = org(&srv, "SOLUTION_PROVIDER").await;
        let theirs = sub_customer(&srv, &other.party, "2").await;
        let c = p.client();
        for id in [theirs.id.as_str(), "0123456789abcdef0123456789abcdef"] {
            c.post(INDIVIDUAL, passport(id))
                .await
                .expect(400, "CBC.99000035");
            c.post(ENTERPRISE, company(id))
                .await
                .expect(400, "CBC.99000035");
            let mut change = company(id);
            change["change_type"] = json!(1);
            c.put(ENTERPRISE, change).await.expect(400, "CBC.99000035");
            c.get(RESULT, &[("customer_id", id)])
                .await
                .expect(400, "CBC.99000035");
        }
        // Roles: finance may not file; the operator's review is the operator's alone.
        let fin = user(&srv, &p.party, &["finance"]).await;
        let mine = sub_customer(&srv, &p.party, "2").await;
        fin.client
            .post(INDIVIDUAL, passport(&mine.id))
            .await
            .expect(403, "");
        c.get(QUEUE, &[]).await.expect(403, "");
        srv.operator()
            .post(
                &format!("{QUEUE}/0123456789abcdef0123456789abcdef/approve"),
                json!({}),
            )
            .await
            .expect(404, "CBC.99100002");
    }
);
