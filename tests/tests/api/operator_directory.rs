//! The operator's directory: `GET /v2/operator/partners` and `GET /v2/operator/customers`
//! with search, paging by key and `total_count` (#19 item 8).

use serde_json::{json, Value};
use tests::both_backends;
use tests::fixtures::{customer, link, partner, sub_customer, unique, user};
use tests::TestServer;

async fn named_partner(srv: &TestServer, name: &str, kind: &str, country: &str) -> String {
    srv.operator()
        .post(
            "/v2/operator/partners",
            json!({"name": name, "account_name": unique("acct"), "partner_type": kind, "country_code": country}),
        )
        .await
        .expect(201, "")["partner_id"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn ids(page: &Value, list: &str, id: &str) -> Vec<String> {
    page[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p[id].as_str().unwrap().to_owned())
        .collect()
}

both_backends!(
    the_operator_searches_partners_and_pages_by_key,
    |srv: TestServer| async move {
        let tag = unique("Acme");
        let a = named_partner(&srv, &format!("{tag} North"), "DISTRIBUTOR", "CN").await;
        let b = named_partner(&srv, &format!("{tag} South"), "RESELLER", "CN").await;
        let c = named_partner(&srv, &format!("{tag} West"), "RESELLER", "DE").await;
        named_partner(&srv, "Someone else", "RESELLER", "CN").await;
        let op = srv.operator();
        let lower = tag.to_lowercase();
        // Case-insensitive part of the name; pages of 2 follow next_marker.
        let first = op
            .get("/v2/operator/partners", &[("name", &lower), ("limit", "2")])
            .await
            .expect(200, "");
        assert_eq!(first["total_count"], 3);
        let mut seen = ids(&first, "partners", "partner_id");
        assert_eq!(seen.len(), 2);
        let marker = first["next_marker"].as_str().unwrap().to_owned();
        let second = op
            .get(
                "/v2/operator/partners",
                &[("name", &lower), ("limit", "2"), ("marker", &marker)],
            )
            .await
            .expect(200, "");
        assert_eq!(second["total_count"], 3);
        assert!(second.get("next_marker").is_none_or(Value::is_null));
        seen.extend(ids(&second, "partners", "partner_id"));
        seen.sort();
        let mut want = vec![a.clone(), b.clone(), c.clone()];
        want.sort();
        assert_eq!(seen, want);
        // Type and country narrow it.
        let resellers = op
            .get(
                "/v2/operator/partners",
                &[
                    ("name", &tag),
                    ("partner_type", "RESELLER"),
                    ("country_code", "DE"),
                ],
            )
            .await
            .expect(200, "");
        assert_eq!(ids(&resellers, "partners", "partner_id"), vec![c.clone()]);
        assert_eq!(resellers["partners"][0]["country_code"], "DE");
        assert_eq!(resellers["partners"][0]["partner_type"], "RESELLER");
        // A distributor's resellers.
        let d = partner(&srv, "DISTRIBUTOR").await;
        let r = partner(&srv, "RESELLER").await;
        link(&srv, &d, &r).await;
        let linked = op
            .get("/v2/operator/partners", &[("parent_partner_id", &d.id)])
            .await
            .expect(200, "");
        assert_eq!(ids(&linked, "partners", "partner_id"), vec![r.id.clone()]);
        // Active or suspended.
        op.post(
            &format!("/v2/operator/partners/{b}/suspend"),
            json!({"reason": "unpaid fees"}),
        )
        .await
        .expect(204, "");
        let status = |s: &'static str| {
            let op = op.clone();
            let tag = tag.clone();
            async move {
                let page = op
                    .get("/v2/operator/partners", &[("name", &tag), ("status", s)])
                    .await
                    .expect(200, "");
                ids(&page, "partners", "partner_id")
            }
        };
        assert_eq!(status("SUSPENDED").await, vec![b.clone()]);
        assert_eq!(status("ACTIVE").await.len(), 2);
        // Bad parameters name themselves; only the operator reads the directory.
        for (k, v) in [
            ("country_code", "china"),
            ("partner_type", "SHOP"),
            ("status", "GONE"),
            ("limit", "0"),
            ("limit", "101"),
        ] {
            let resp = op.get("/v2/operator/partners", &[(k, v)]).await;
            resp.expect(400, "CBC.0100");
            assert!(resp.msg().contains(k), "{k}: {}", resp.msg());
        }
        let staff = user(&srv, &d, &["admin"]).await;
        assert_eq!(
            staff.client.get("/v2/operator/partners", &[]).await.status,
            403
        );
    }
);

both_backends!(
    the_operator_searches_customers,
    |srv: TestServer| async move {
        let p = partner(&srv, "RESELLER").await;
        let linked = sub_customer(&srv, &p, "2").await;
        let loose = customer(&srv).await;
        let op = srv.operator();
        let by_partner = op
            .get("/v2/operator/customers", &[("partner_id", &p.id)])
            .await
            .expect(200, "");
        assert_eq!(by_partner["total_count"], 1);
        assert_eq!(
            by_partner["customers"][0]["customer_id"],
            linked.id.as_str()
        );
        assert_eq!(by_partner["customers"][0]["association_type"], "2");
        let by_name = op
            .get(
                "/v2/operator/customers",
                &[("account_name", &loose.name.to_uppercase())],
            )
            .await
            .expect(200, "");
        assert_eq!(
            ids(&by_name, "customers", "customer_id"),
            vec![loose.id.clone()]
        );
        let unassociated = op
            .get(
                "/v2/operator/customers",
                &[("account_name", &loose.name), ("status", "UNASSOCIATED")],
            )
            .await
            .expect(200, "");
        assert_eq!(unassociated["total_count"], 1);
        let associated = op
            .get(
                "/v2/operator/customers",
                &[("account_name", &loose.name), ("status", "ASSOCIATED")],
            )
            .await
            .expect(200, "");
        assert_eq!(associated["total_count"], 0);
        let all = op
            .get("/v2/operator/customers", &[("limit", "1")])
            .await
            .expect(200, "");
        assert!(all["total_count"].as_i64().unwrap() >= 2);
        assert!(all["next_marker"].is_string());
        op.get("/v2/operator/customers", &[("status", "MAYBE")])
            .await
            .expect(400, "CBC.0100");
    }
);
