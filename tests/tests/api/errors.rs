//! The wire conventions of errors (S8): codes, messages naming the parameter, request ids.

use serde_json::json;
use tests::both_backends;

both_backends!(
    unknown_route_is_apigw_404_with_request_id,
    |srv: tests::TestServer| async move {
        let r = srv.anonymous().get("/v2/no/such/api", &[]).await;
        let body = r.expect(404, "APIGW.0101");
        assert!(!r.request_id().is_empty());
        assert_eq!(body["request_id"].as_str().unwrap(), r.request_id());
        assert_eq!(
            r.headers.get("content-type").unwrap().to_str().unwrap(),
            "application/json;charset=UTF-8"
        );
        // A signed request to an unknown API is still 404, not an auth error.
        srv.operator()
            .get("/v2/no/such/api", &[])
            .await
            .expect(404, "APIGW.0101");
    }
);

both_backends!(
    wrong_method_is_405_with_allow,
    |srv: tests::TestServer| async move {
        let r = srv
            .operator()
            .send("DELETE", "/v2/operator/partners", &[], None)
            .await;
        r.expect(405, "APIGW.0102");
        assert_eq!(r.headers.get("allow").unwrap(), "GET, POST");
    }
);

both_backends!(
    allow_names_the_most_specific_route,
    |srv: tests::TestServer| async move {
        // `/export`, `/query` and `/check` also match `/{opportunity_id}`-style routes; the
        // literal route is the one the path names.
        let p = srv.operator();
        for (path, allow) in [
            ("/v2/partners/business-opportunities/export", "POST"),
            ("/v2/partners/business-opportunities/query", "POST"),
            ("/v2/partners/leads/export", "POST"),
            ("/v2/partners/leads/query", "POST"),
            ("/v2/partners/po-opportunities/check", "POST"),
        ] {
            let r = p.send("DELETE", path, &[], None).await;
            r.expect(405, "APIGW.0102");
            assert_eq!(r.headers.get("allow").unwrap(), allow, "{path}");
        }
    }
);

both_backends!(
    every_response_has_a_request_id,
    |srv: tests::TestServer| async move {
        for r in [
            srv.anonymous().get("/healthz", &[]).await,
            srv.anonymous().get("/readyz", &[]).await,
            srv.anonymous()
                .post("/v2/operator/partners", json!({}))
                .await,
            srv.operator()
                .post("/v2/operator/partners", json!({}))
                .await,
        ] {
            assert_eq!(r.request_id().len(), 32, "{:?}", r.headers);
        }
    }
);

both_backends!(
    bad_parameters_name_the_parameter,
    |srv: tests::TestServer| async move {
        let op = srv.operator();
        let cases = [
            (
                json!({"account_name": "a", "partner_type": "RESELLER", "country_code": "CN"}),
                "name",
            ),
            (
                json!({"name": "n", "account_name": "a", "partner_type": "KING", "country_code": "CN"}),
                "partner_type",
            ),
            (
                json!({"name": "n", "account_name": "a", "partner_type": "RESELLER", "country_code": "china"}),
                "country_code",
            ),
            (
                json!({"name": 5, "account_name": "a", "partner_type": "RESELLER", "country_code": "CN"}),
                "name",
            ),
            (
                json!({"name": "x".repeat(129), "account_name": "a", "partner_type": "RESELLER", "country_code": "CN"}),
                "name",
            ),
            (
                json!({"name": "n", "account_name": "a", "partner_type": "RESELLER", "country_code": "CN", "marketing_plan_version": "3.0"}),
                "marketing_plan_version",
            ),
            (
                json!({"name": "n", "account_name": "a", "partner_type": "RESELLER", "country_code": "CN", "email": "not-an-email"}),
                "email",
            ),
        ];
        for (body, field) in cases {
            let r = op.post("/v2/operator/partners", body.clone()).await;
            r.expect(400, "CBC.0100");
            assert!(
                r.msg().contains(field),
                "message {:?} should name {field} for {body}",
                r.msg()
            );
        }
    }
);

both_backends!(
    body_must_be_json_with_json_content_type,
    |srv: tests::TestServer| async move {
        let op = srv.operator();
        let r = op
            .send_raw(
                "POST",
                "/v2/operator/partners",
                "",
                b"{\"name\":1".to_vec(),
                "application/json",
            )
            .await;
        r.expect(400, "CBC.0100");
        let r = op
            .send_raw(
                "POST",
                "/v2/operator/partners",
                "",
                b"name=x".to_vec(),
                "application/x-www-form-urlencoded",
            )
            .await;
        r.expect(400, "CBC.0100");
        assert!(r.msg().contains("Content-Type"));
        let r = op
            .send_raw(
                "POST",
                "/v2/operator/partners",
                "",
                b"[1,2]".to_vec(),
                "application/json",
            )
            .await;
        r.expect(400, "CBC.0100");
        let r = op
            .send_raw(
                "POST",
                "/v2/operator/partners",
                "",
                Vec::new(),
                "application/json",
            )
            .await;
        r.expect(400, "CBC.0100");
        let r = op
            .send_raw(
                "POST",
                "/v2/operator/partners",
                "",
                vec![b'{', 0xff, b'}'],
                "application/json",
            )
            .await;
        r.expect(400, "CBC.0100");
    }
);

both_backends!(
    amounts_have_at_most_two_decimals_and_are_positive,
    |srv: tests::TestServer| async move {
        let p = tests::fixtures::partner(&srv, "DISTRIBUTOR").await;
        let op = srv.operator();
        let path = format!("/v2/operator/partners/{}/recharge", p.id);
        for (amount, needle) in [
            (json!(1.001), "2 decimal"),
            (json!("0"), "greater than 0"),
            (json!(-5), "greater than 0"),
            (json!("abc"), "amount"),
            (json!(true), "amount"),
            (json!(null), "amount"),
        ] {
            let r = op.post(&path, json!({"amount": amount})).await;
            r.expect(400, "CBC.0100");
            assert!(r.msg().contains(needle), "{amount}: {}", r.msg());
        }
        op.post(&path, json!({"amount": "10.5"}))
            .await
            .expect(200, "");
        op.post(&path, json!({"amount": 10.25}))
            .await
            .expect(200, "");
    }
);

both_backends!(
    body_over_the_limit_is_413,
    |srv: tests::TestServer| async move {
        let big = format!("{{\"name\":\"{}\"}}", "x".repeat(2 * 1024 * 1024));
        let r = srv
            .operator()
            .send_raw(
                "POST",
                "/v2/operator/partners",
                "",
                big.into_bytes(),
                "application/json",
            )
            .await;
        r.expect(413, "APIGW.0201");
    }
);
