//! S15 test vouchers: the software path, one cap per partner by its highest certification (path
//! stage or a solution's), one pending application at a time, approval issues a voucher,
//! rejection frees the way.

use serde_json::{json, Value};
use tests::both_backends;
use tests::fixtures::sub_customer;
use tests::fixtures_vouchers::desk;
use tests::{Client, TestServer};

const APPLY: &str = "/v2/partners/benefits/test-coupons/applications";
const CAP: &str = "/v2/partners/benefits/test-coupons/quota";

fn money(v: &Value, k: &str) -> String {
    v[k].to_string()
}

fn software(partner_id: &str) -> String {
    format!("/v2/operator/partners/{partner_id}/development-paths/SOFTWARE")
}

async fn solution(srv: &TestServer, partner_id: &str, certification: &str) -> String {
    srv.operator()
        .post(
            &format!("/v2/operator/partners/{partner_id}/solutions"),
            json!({"name": "ERP on cloud", "certification": certification}),
        )
        .await
        .expect(201, "")["solution_id"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn cap(c: &Client) -> Value {
    c.get(CAP, &[]).await.expect(200, "")
}

both_backends!(
    caps_pending_and_reviews,
    |srv: tests::TestServer| async move {
        let sp = desk(&srv, "SOLUTION_PROVIDER").await;
        let cust = sub_customer(&srv, &sp.party, "1").await;
        let op = srv.operator();
        let body = |sol: &str, amount: &str| json!({"solution_id": sol, "customer_id": cust.id, "amount": amount, "purpose": "TEST", "reason": "POC"});
        let sol = solution(&srv, sp.id(), "NONE").await;
        let none = cap(&sp.client).await;
        assert_eq!(
            (money(&none, "cap"), none["certification"].clone()),
            ("0.00".to_owned(), Value::Null)
        );
        sp.client
            .post(APPLY, body(&sol, "100"))
            .await
            .expect(400, "CBC.99100042");
        op.put(&software(sp.id()), json!({"stage": "JOINED"}))
            .await
            .expect(200, "");
        sp.client
            .post(APPLY, body("none", "100"))
            .await
            .expect(400, "CBC.99100055");
        let other = desk(&srv, "SOLUTION_PROVIDER").await;
        let foreign = solution(&srv, other.id(), "ADVANCED_CLOUD_SOFTWARE").await;
        sp.client
            .post(APPLY, body(&foreign, "100"))
            .await
            .expect(400, "CBC.99100055");
        sp.client
            .post(APPLY, body(&sol, "20000.01"))
            .await
            .expect(400, "CBC.99100051");
        let stranger = tests::fixtures::customer(&srv).await;
        sp.client
            .post(APPLY, json!({"solution_id": sol, "customer_id": stranger.id, "amount": "1", "purpose": "TEST"}))
            .await
            .expect(400, "CBC.99000035");
        sp.client
            .post(APPLY, json!({"solution_id": sol, "customer_id": cust.id, "amount": "1", "purpose": "FUN"}))
            .await
            .expect(400, "CBC.0100");
        let app = sp
            .client
            .post(APPLY, body(&sol, "15000"))
            .await
            .expect(201, "");
        assert_eq!(app["status"], "PENDING");
        let app_id = app["application_id"].as_str().unwrap().to_owned();
        sp.client
            .post(APPLY, body(&sol, "1"))
            .await
            .expect(400, "CBC.99100052");
        let c = cap(&sp.client).await;
        assert_eq!(
            [
                money(&c, "cap"),
                money(&c, "used"),
                money(&c, "pending"),
                money(&c, "available")
            ],
            ["20000.00", "0.00", "15000.00", "5000.00"]
        );
        assert_eq!(c["certification"], "NONE");

        let review =
            |id: &str, verb: &str| format!("/v2/operator/test-coupon-applications/{id}/{verb}");
        op.post(
            &review(&app_id, "approve"),
            json!({"approved_amount": "15000.01"}),
        )
        .await
        .expect(400, "CBC.0100");
        sp.client
            .post(&review(&app_id, "approve"), json!({}))
            .await
            .expect(403, "CBC.0151");
        let ok = op
            .post(
                &review(&app_id, "approve"),
                json!({"approved_amount": "12000", "reason_codes": ["OK"]}),
            )
            .await
            .expect(200, "");
        assert_eq!(ok["status"], "APPROVED");
        assert_eq!(ok["approved_amount"].to_string(), "12000.00");
        assert_eq!(ok["review_reason_codes"][0], "OK");
        let heard: Vec<Value> = tests::fixtures::events_of(&srv, &sp.party)
            .await
            .into_iter()
            .filter(|(t, _)| t == "review.decided")
            .map(|(_, d)| d)
            .collect();
        assert_eq!(
            heard,
            [json!({"subject": "test_voucher", "application_id": app_id, "decision": "APPROVED"})]
        );
        let coupon_id = ok["coupon_id"].as_str().unwrap().to_owned();
        op.post(&review(&app_id, "reject"), json!({}))
            .await
            .expect(400, "CBC.99100045");
        op.post(&review("TCnothing", "approve"), json!({}))
            .await
            .expect(404, "CBC.99100002");
        let coupons = cust
            .client
            .get(
                "/v2/promotions/benefits/coupons",
                &[("coupon_id", &coupon_id)],
            )
            .await
            .expect(200, "");
        let v = &coupons["user_coupons"][0];
        assert_eq!(
            (v["coupon_type"].clone(), v["status"].clone()),
            (json!(1), json!(2))
        );
        assert_eq!(v["face_value"].to_string(), "12000.00");
        let limits = v["use_limits"].as_array().unwrap();
        let contract = limits
            .iter()
            .find(|l| l["limit_key"] == "simultaneousUseWithContractDiscount")
            .unwrap();
        assert_eq!(
            contract["value1"], "0",
            "not combinable with business discounts"
        );
        let c = cap(&sp.client).await;
        assert_eq!(
            [money(&c, "used"), money(&c, "available")],
            ["12000.00", "8000.00"]
        );
        sp.client
            .post(APPLY, body(&sol, "8000.01"))
            .await
            .expect(400, "CBC.99100051");

        // Certifications raise the cap to that of the highest one, never the sum.
        let certify = |id: &str| {
            format!(
                "/v2/operator/partners/{}/solutions/{id}/certification",
                sp.id()
            )
        };
        op.put(&certify(&sol), json!({"certification": "CLOUD_SOFTWARE"}))
            .await
            .expect(204, "");
        assert_eq!(money(&cap(&sp.client).await, "cap"), "100000.00");
        solution(&srv, sp.id(), "ADVANCED_CLOUD_SOFTWARE").await;
        let c = cap(&sp.client).await;
        assert_eq!(
            [money(&c, "cap"), money(&c, "available")],
            ["300000.00", "288000.00"]
        );
        assert_eq!(c["certification"], "ADVANCED_CLOUD_SOFTWARE");
        op.put(&certify(&foreign), json!({"certification": "NONE"}))
            .await
            .expect(404, "CBC.99100002");
        op.put(&certify(&sol), json!({"certification": "GOLD"}))
            .await
            .expect(400, "CBC.0100");
        srv.clock.advance(chrono::Duration::seconds(1));
        let second = sp
            .client
            .post(APPLY, body(&sol, "50000"))
            .await
            .expect(201, "")["application_id"]
            .as_str()
            .unwrap()
            .to_owned();
        let no = op
            .post(
                &review(&second, "reject"),
                json!({"reason_codes": ["INCOMPLETE"], "reason": "resource list missing"}),
            )
            .await
            .expect(200, "");
        assert_eq!(
            (no["status"].as_str(), no["review_reason"].as_str()),
            (Some("REJECTED"), Some("resource list missing"))
        );
        let list = sp.client.get(APPLY, &[]).await.expect(200, "");
        assert_eq!(list["total_count"], 2);
        assert_eq!(list["applications"][0]["application_id"], second.as_str());
        sp.client.post(APPLY, body(&sol, "1")).await.expect(201, "");
        let queue = "/v2/operator/test-coupon-applications";
        let pending = op
            .get(queue, &[("status", "PENDING"), ("partner_id", sp.id())])
            .await
            .expect(200, "");
        assert_eq!(pending["total_count"], 1);
        assert_eq!(pending["applications"][0]["partner_id"], sp.id());
        let all = op
            .get(queue, &[("partner_id", sp.id())])
            .await
            .expect(200, "");
        assert_eq!(all["total_count"], 3);
        assert_eq!(
            all["applications"][0]["application_id"],
            app_id.as_str(),
            "oldest first"
        );
        op.get(queue, &[("status", "DONE")])
            .await
            .expect(400, "CBC.0100");
        sp.client.get(queue, &[]).await.expect(403, "CBC.0151");
    }
);

both_backends!(
    the_path_stage_counts_and_off_the_path_nothing_does,
    |srv: tests::TestServer| async move {
        let sp = desk(&srv, "SOLUTION_PROVIDER").await;
        let op = srv.operator();
        solution(&srv, sp.id(), "CLOUD_SOFTWARE").await;
        for (stage, want) in [
            ("JOINED", "100000.00"),
            ("ROLE_CERTIFIED", "100000.00"),
            ("CAPABILITY_DIFFERENTIATED", "300000.00"),
        ] {
            op.put(&software(sp.id()), json!({"stage": stage}))
                .await
                .expect(200, "");
            assert_eq!(money(&cap(&sp.client).await, "cap"), want, "{stage}");
        }
        let r = op.send("DELETE", &software(sp.id()), &[], None).await;
        assert_eq!(r.status, 204, "{}", r.text);
        let c = cap(&sp.client).await;
        assert_eq!(
            (money(&c, "cap"), c["certification"].clone()),
            ("0.00".to_owned(), Value::Null)
        );
    }
);

both_backends!(
    one_pending_application_under_concurrency,
    |srv: tests::TestServer| async move {
        let sp = desk(&srv, "SOLUTION_PROVIDER").await;
        let cust = sub_customer(&srv, &sp.party, "2").await;
        srv.operator()
            .put(&software(sp.id()), json!({"stage": "JOINED"}))
            .await
            .expect(200, "");
        let sol = solution(&srv, sp.id(), "NONE").await;
        let mut tasks = Vec::new();
        for _ in 0..8 {
            let (c, body) = (
                sp.client.clone(),
                json!({"solution_id": sol, "customer_id": cust.id, "amount": "100", "purpose": "BUILD"}),
            );
            tasks.push(tokio::spawn(async move { c.post(APPLY, body).await }));
        }
        let mut created = 0;
        for t in tasks {
            let r = t.await.unwrap();
            match r.status {
                201 => created += 1,
                _ => assert_eq!(r.code(), "CBC.99100052", "{}", r.text),
            }
        }
        assert_eq!(created, 1);
        assert_eq!(money(&cap(&sp.client).await, "pending"), "100.00");
    }
);

const SOLUTIONS: &str = "/v2/partners/solutions";

async fn own_solution(c: &Client, name: &str, kind: &str) -> String {
    let v = c
        .post(SOLUTIONS, json!({"name": name, "kind": kind}))
        .await
        .expect(201, "");
    assert_eq!(
        (v["kind"].as_str(), v["certification"].as_str()),
        (Some(kind), Some("NONE"))
    );
    v["solution_id"].as_str().unwrap().to_owned()
}

both_backends!(
    own_services_apps_and_solutions_seven_purposes_and_what_test_vouchers_pay,
    |srv: tests::TestServer| async move {
        use tests::fixtures_orders::{order, PAY};
        let sp = desk(&srv, "SOLUTION_PROVIDER").await;
        let cust = sub_customer(&srv, &sp.party, "2").await;
        let op = srv.operator();
        op.put(&software(sp.id()), json!({"stage": "JOINED"}))
            .await
            .expect(200, "");
        // The partner registers its own services, apps and solutions.
        let service = own_solution(&sp.client, "Billing API", "SERVICE").await;
        let app = own_solution(&sp.client, "Field sales app", "APP").await;
        let solution = own_solution(&sp.client, "ERP on cloud", "SOLUTION").await;
        for (body, field) in [
            (json!({"name": "x", "kind": "PLUGIN"}), "kind"),
            (json!({"name": "x"}), "kind"),
            (json!({"name": "", "kind": "APP"}), "name"),
            (json!({"name": "x".repeat(129), "kind": "APP"}), "name"),
        ] {
            let e = sp.client.post(SOLUTIONS, body).await;
            e.expect(400, "CBC.0100");
            assert!(e.msg().contains(field), "{}", e.msg());
        }
        let mine = sp.client.get(SOLUTIONS, &[]).await.expect(200, "");
        assert_eq!(mine["total_count"], 3);
        let mut kinds: Vec<&str> = mine["solutions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["kind"].as_str().unwrap())
            .collect();
        kinds.sort_unstable();
        assert_eq!(kinds, ["APP", "SERVICE", "SOLUTION"]);
        let other = desk(&srv, "SOLUTION_PROVIDER").await;
        assert_eq!(
            other.client.get(SOLUTIONS, &[]).await.expect(200, "")["total_count"],
            0
        );
        let theirs = own_solution(&other.client, "Theirs", "APP").await;
        // Several at once; all seven purposes; the set is closed.
        let apply = |ids: Value, purpose: &str| json!({"solution_ids": ids, "customer_id": cust.id, "amount": "300", "purpose": purpose});
        let review =
            |id: &str, verb: &str| format!("/v2/operator/test-coupon-applications/{id}/{verb}");
        for purpose in [
            "BUILD",
            "TEST",
            "VERIFICATION",
            "MIGRATION",
            "TRAINING",
            "SERVICE_TRIAL",
            "ENABLEMENT",
        ] {
            let a = sp
                .client
                .post(APPLY, apply(json!([service, app, solution]), purpose))
                .await
                .expect(201, "");
            assert_eq!(a["purpose"], purpose);
            assert_eq!(a["solution_ids"], json!([service, app, solution]));
            assert_eq!(a["solution_id"], service.as_str());
            op.post(
                &review(a["application_id"].as_str().unwrap(), "reject"),
                json!({}),
            )
            .await
            .expect(200, "");
        }
        for (body, field) in [
            (apply(json!([service]), "FUN"), "purpose"),
            (apply(json!([]), "TEST"), "solution_ids"),
            (apply(json!([app, app]), "TEST"), "solution_ids"),
            (
                json!({"solution_id": app, "solution_ids": [app], "customer_id": cust.id, "amount": "1", "purpose": "TEST"}),
                "solution_id",
            ),
            (
                json!({"customer_id": cust.id, "amount": "1", "purpose": "TEST"}),
                "solution_id",
            ),
        ] {
            let e = sp.client.post(APPLY, body).await;
            e.expect(400, "CBC.0100");
            assert!(e.msg().contains(field), "{}", e.msg());
        }
        let foreign = sp
            .client
            .post(APPLY, apply(json!([app, theirs]), "TEST"))
            .await;
        foreign.expect(400, "CBC.99100055");
        assert!(
            foreign.msg().contains("solution_ids[1]"),
            "{}",
            foreign.msg()
        );
        // The legacy single solution_id still works; approved, the voucher is listed among
        // the partner's issued coupons.
        let a = sp
            .client
            .post(APPLY, json!({"solution_id": app, "customer_id": cust.id, "amount": "300", "purpose": "ENABLEMENT"}))
            .await
            .expect(201, "");
        assert_eq!(a["solution_ids"], json!([app]));
        let ok = op
            .post(
                &review(a["application_id"].as_str().unwrap(), "approve"),
                json!({}),
            )
            .await
            .expect(200, "");
        let coupon = ok["coupon_id"].as_str().unwrap().to_owned();
        let issued = sp
            .client
            .get(
                "/v2/promotions/benefits/partner-coupons",
                &[("coupon_id", &coupon)],
            )
            .await
            .expect(200, "");
        assert_eq!(issued["total_count"], 1, "{issued}");
        let c = &issued["user_coupons"][0];
        assert_eq!(
            (c["coupon_type"].clone(), c["customer_id"].as_str()),
            (json!(1), Some(cust.id.as_str()))
        );
        assert_eq!(c["face_value"].to_string(), "300.00");
        assert_eq!(
            other
                .client
                .get("/v2/promotions/benefits/partner-coupons", &[])
                .await
                .expect(200, "")["total_count"],
            0
        );
        // It pays no yearly/monthly subscription of a year or more, with a business code.
        let pay = |o: &str| json!({"order_id": o, "use_coupon": "YES", "use_discount": "NO", "coupon_infos": [{"id": coupon, "type": 301}]});
        let line = |t: i32, n: i32| json!({"order_line_items": [{"product_id": "p-1", "period_type": t, "period_num": n, "official_amount": "100"}]});
        let usable = |o: String| {
            let c = cust.client.clone();
            async move {
                c.get(
                    "/v2/orders/customer-orders/order-coupons",
                    &[("order_id", &o)],
                )
                .await
                .expect(200, "")["count"]
                    .clone()
            }
        };
        for (t, n) in [(3, 1), (2, 12), (3, 2)] {
            let o = order(&srv, &cust.id, "0", line(t, n)).await;
            let e = cust.client.post(PAY, pay(&o)).await;
            e.expect(400, "CBC.99100060");
            assert!(e.msg().contains("coupon_infos[0]"), "{}", e.msg());
            assert_eq!(usable(o).await, 0, "period {t}/{n}");
        }
        let hourly = order(&srv, &cust.id, "0", line(4, 1)).await;
        assert_eq!(usable(hourly).await, 1, "on demand");
        let monthly = order(&srv, &cust.id, "0", line(2, 11)).await;
        assert_eq!(usable(monthly.clone()).await, 1);
        let r = cust.client.post(PAY, pay(&monthly)).await;
        assert_eq!(r.status, 204, "{}", r.text);
        tests::fixtures::assert_ledger(&srv).await;
    }
);
