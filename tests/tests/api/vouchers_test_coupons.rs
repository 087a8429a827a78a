//! S15 test vouchers: the software path, one cap per partner by its highest certification,
//! one pending application at a time, approval issues a voucher, rejection frees the way.

use serde_json::{json, Value};
use tests::both_backends;
use tests::fixtures::sub_customer;
use tests::fixtures_vouchers::desk;

const APPLY: &str = "/v2/partners/benefits/test-coupons/applications";
const CAP: &str = "/v2/partners/benefits/test-coupons/quota";

fn money(v: &Value, k: &str) -> String {
    v[k].to_string()
}

both_backends!(
    caps_pending_and_reviews,
    |srv: tests::TestServer| async move {
        let sp = desk(&srv, "SOLUTION_PROVIDER").await;
        let cust = sub_customer(&srv, &sp.party, "1").await;
        let op = srv.operator();
        let body = |sol: &str, amount: &str| json!({"solution_id": sol, "customer_id": cust.id, "amount": amount, "purpose": "TEST", "reason": "POC"});
        sp.client
            .post(APPLY, body("none", "100"))
            .await
            .expect(400, "CBC.99100055");
        let cap = sp.client.get(CAP, &[]).await.expect(200, "");
        assert_eq!(
            (money(&cap, "cap"), cap["certification"].clone()),
            ("0.00".to_owned(), Value::Null)
        );
        let sol = op
            .post(
                &format!("/v2/operator/partners/{}/solutions", sp.id()),
                json!({"name": "ERP on cloud"}),
            )
            .await
            .expect(201, "")["solution_id"]
            .as_str()
            .unwrap()
            .to_owned();
        let other = desk(&srv, "SOLUTION_PROVIDER").await;
        let foreign = op
            .post(
                &format!("/v2/operator/partners/{}/solutions", other.id()),
                json!({"name": "x", "certification": "ADVANCED_CLOUD_SOFTWARE"}),
            )
            .await
            .expect(201, "")["solution_id"]
            .as_str()
            .unwrap()
            .to_owned();
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
        sp.client.post(APPLY, json!({"solution_id": sol, "customer_id": cust.id, "amount": "1", "purpose": "FUN"})).await.expect(400, "CBC.0100");
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
        let cap = sp.client.get(CAP, &[]).await.expect(200, "");
        assert_eq!(
            [
                money(&cap, "cap"),
                money(&cap, "used"),
                money(&cap, "pending"),
                money(&cap, "available")
            ],
            ["20000.00", "0.00", "15000.00", "5000.00"]
        );
        assert_eq!(cap["certification"], "NONE");

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
        let coupon_id = ok["coupon_id"].as_str().unwrap().to_owned();
        op.post(&review(&app_id, "reject"), json!({}))
            .await
            .expect(400, "CBC.99100056");
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
        let c = &coupons["user_coupons"][0];
        assert_eq!(
            (c["coupon_type"].clone(), c["status"].clone()),
            (json!(1), json!(2))
        );
        assert_eq!(c["face_value"].to_string(), "12000.00");
        let contract = c["use_limits"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["limit_key"] == "simultaneousUseWithContractDiscount")
            .unwrap()
            .clone();
        assert_eq!(
            contract["value1"], "0",
            "not combinable with business discounts"
        );
        let cap = sp.client.get(CAP, &[]).await.expect(200, "");
        assert_eq!(
            [money(&cap, "used"), money(&cap, "available")],
            ["12000.00", "8000.00"]
        );
        sp.client
            .post(APPLY, body(&sol, "8000.01"))
            .await
            .expect(400, "CBC.99100051");

        // Certifications raise the cap to that of the highest one, never the sum.
        op.put(
            &format!(
                "/v2/operator/partners/{}/solutions/{sol}/certification",
                sp.id()
            ),
            json!({"certification": "CLOUD_SOFTWARE"}),
        )
        .await;
        assert_eq!(
            money(&sp.client.get(CAP, &[]).await.expect(200, ""), "cap"),
            "100000.00"
        );
        op.post(
            &format!("/v2/operator/partners/{}/solutions", sp.id()),
            json!({"name": "BI", "certification": "ADVANCED_CLOUD_SOFTWARE"}),
        )
        .await
        .expect(201, "");
        let cap = sp.client.get(CAP, &[]).await.expect(200, "");
        assert_eq!(
            [money(&cap, "cap"), money(&cap, "available")],
            ["300000.00", "288000.00"]
        );
        assert_eq!(cap["certification"], "ADVANCED_CLOUD_SOFTWARE");
        op.put(
            &format!(
                "/v2/operator/partners/{}/solutions/{foreign}/certification",
                sp.id()
            ),
            json!({"certification": "NONE"}),
        )
        .await
        .expect(404, "CBC.99100002");
        op.put(
            &format!(
                "/v2/operator/partners/{}/solutions/{sol}/certification",
                sp.id()
            ),
            json!({"certification": "GOLD"}),
        )
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
        assert_eq!(no["status"], "REJECTED");
        assert_eq!(no["review_reason"], "resource list missing");
        let list = sp.client.get(APPLY, &[]).await.expect(200, "");
        assert_eq!(list["total_count"], 2);
        assert_eq!(list["applications"][0]["application_id"], second.as_str());
        sp.client.post(APPLY, body(&sol, "1")).await.expect(201, "");
    }
);

both_backends!(
    one_pending_application_under_concurrency,
    |srv: tests::TestServer| async move {
        let sp = desk(&srv, "SOLUTION_PROVIDER").await;
        let cust = sub_customer(&srv, &sp.party, "2").await;
        let sol = srv
            .operator()
            .post(
                &format!("/v2/operator/partners/{}/solutions", sp.id()),
                json!({"name": "s"}),
            )
            .await
            .expect(201, "")["solution_id"]
            .as_str()
            .unwrap()
            .to_owned();
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
        assert_eq!(
            sp.client.get(CAP, &[]).await.expect(200, "")["pending"].to_string(),
            "100.00"
        );
    }
);
