//! Consumption and bills (issue 22): usage fee records charged in Huawei's order (cash coupons,
//! cash, credit, then arrears), arrears written off by the next money, retried batches charged
//! once, bill cycles in UTC+8 with closed cycles unchanged, and S13 visibility of partners'
//! reads. On SQLite and PostgreSQL.

use serde_json::{json, Value};
use tests::both_backends;
use tests::channel::org;
use tests::fixtures::{assert_ledger, cash, customer, sub_customer, user, Customer};
use tests::fixtures_orders::{coupon, customer_credit, recharge_customer};
use tests::TestServer;

const INGEST: &str = "/v2/operator/usage-fee-records";
const MINE: &str = "/v2/bills/customer-bills/res-fee-records";
const FLOW: &str = "/v2/bills/customer-bills/fee-records";
const SUM: &str = "/v2/bills/customer-bills/monthly-sum";
const PARTNER_DETAIL: &str = "/v2/bills/subcustomer-bills/res-fee-records";
const PARTNER_SUM: &str = "/v2/bills/partner-bills/subcustomer-bills/monthly-sum";

fn now(srv: &TestServer) -> i64 {
    use domain::Clock;
    srv.clock.now().timestamp()
}

fn cycle(srv: &TestServer) -> String {
    domain::consumption::bill_cycle(now(srv))
}

fn utc(t: i64) -> String {
    chrono::DateTime::from_timestamp(t, 0)
        .unwrap()
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// A usage record of `amount` yuan for `customer`, ending an hour before the server's now.
fn rec(srv: &TestServer, id: &str, customer: &str, amount: &str) -> Value {
    let end = now(srv) - 3600;
    json!({
        "record_id": id,
        "customer_id": customer,
        "resource_id": "vm-1",
        "resource_name": "ecs-web-01",
        "service_type_code": "hws.service.type.ec2",
        "resource_type_code": "hws.resource.type.vm",
        "region_code": "cn-north-4",
        "charging_mode": 3,
        "usage": "1.5",
        "usage_unit": "hour",
        "official_amount": amount,
        "amount": amount,
        "usage_begin_time": utc(end - 3600),
        "usage_end_time": utc(end),
    })
}

async fn ingest(srv: &TestServer, records: Vec<Value>) -> Value {
    srv.operator()
        .post(INGEST, json!({"platform": "hwc-cn", "records": records}))
        .await
        .expect(200, "")
}

fn amounts(v: &Value, fields: &[&str]) -> Vec<String> {
    fields.iter().map(|f| v[*f].to_string()).collect()
}

both_backends!(
    usage_is_charged_coupons_cash_credit_then_arrears,
    |srv: TestServer| async move {
        let c = customer(&srv).await;
        recharge_customer(&srv, &c.id, "5").await;
        customer_credit(&srv, &c.id, "3").await;
        let cp = coupon(&srv, &c.id, 4, "2", json!({})).await;
        // A voucher (type 1) never pays consumption.
        coupon(&srv, &c.id, 1, "50", json!({})).await;
        let batch = vec![
            rec(&srv, "r1", &c.id, "1.00"),
            rec(&srv, "r2", &c.id, "4.00"),
            rec(&srv, "r3", &c.id, "6.00"),
        ];
        let done = ingest(&srv, batch.clone()).await;
        assert_eq!(done, json!({"accepted": 3, "duplicates": 0}));
        let page = c
            .client
            .get(MINE, &[("cycle", &cycle(&srv))])
            .await
            .expect(200, "");
        assert_eq!(page["total_count"], 3);
        assert_eq!(page["currency"], "CNY");
        let f = [
            "flexipurchase_coupon_amount",
            "cash_amount",
            "credit_amount",
            "debt_amount",
        ];
        let rows: Vec<Vec<String>> = page["fee_records"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| amounts(r, &f))
            .collect();
        assert_eq!(
            rows,
            vec![
                vec!["1.00", "0.00", "0.00", "0.00"],
                vec!["1.00", "3.00", "0.00", "0.00"],
                vec!["0.00", "2.00", "3.00", "1.00"],
            ]
        );
        assert_eq!(page["fee_records"][0]["charge_mode"], "3");
        assert_eq!(page["fee_records"][0]["usage"].to_string(), "1.5");
        assert_eq!(cash(&srv, "customer", &c.id).await, 0);
        // The cash coupon is spent; the retried batch charges nothing.
        let again = ingest(&srv, batch).await;
        assert_eq!(again, json!({"accepted": 0, "duplicates": 3}));
        assert_eq!(
            c.client
                .get(MINE, &[("cycle", &cycle(&srv))])
                .await
                .expect(200, "")["total_count"],
            3
        );
        let _ = cp;
        assert_ledger(&srv).await;
        // The next recharge writes the arrears off first (WRITEOFF row), then the rest stays.
        recharge_customer(&srv, &c.id, "0.40").await;
        assert_eq!(cash(&srv, "customer", &c.id).await, 0);
        recharge_customer(&srv, &c.id, "2").await;
        assert_eq!(cash(&srv, "customer", &c.id).await, 140);
        let flow = c
            .client
            .get(FLOW, &[("bill_cycle", &cycle(&srv))])
            .await
            .expect(200, "");
        let r3 = &flow["records"][2];
        assert_eq!(r3["writeoff_amount"].to_string(), "1.00");
        assert_eq!(r3["status"], 1);
        assert_ledger(&srv).await;
        let sum = c
            .client
            .get(SUM, &[("bill_cycle", &cycle(&srv))])
            .await
            .expect(200, "");
        assert_eq!(sum["total_count"], 1);
        assert_eq!(
            amounts(
                &sum,
                &[
                    "consume_amount",
                    "cash_amount",
                    "credit_amount",
                    "debt_amount",
                    "flexipurchase_coupon_amount"
                ]
            ),
            vec!["11.00", "5.00", "3.00", "1.00", "2.00"]
        );
    }
);

both_backends!(
    bad_batches_are_refused_whole,
    |srv: TestServer| async move {
        let c = customer(&srv).await;
        let op = srv.operator();
        let mut wrong = rec(&srv, "x1", &c.id, "2.00");
        wrong["discount_amount"] = json!("0.50");
        let r = op
            .post(
                INGEST,
                json!({"platform": "p", "records": [rec(&srv, "ok", &c.id, "1"), wrong]}),
            )
            .await;
        let v = r.expect(400, "CBC.0100");
        assert!(
            v["error_msg"]
                .as_str()
                .unwrap()
                .contains("records[1].amount"),
            "{v}"
        );
        let r = op
            .post(
                INGEST,
                json!({"platform": "p", "records": [rec(&srv, "d", &c.id, "1"), rec(&srv, "d", &c.id, "1")]}),
            )
            .await;
        r.expect(400, "CBC.0100");
        let r = op
            .post(
                INGEST,
                json!({"platform": "p", "records": [rec(&srv, "n", "nobody", "1")]}),
            )
            .await;
        // A well-formed id that names nothing is a business answer.
        assert!(r.expect(404, "CBC.99100002")["error_msg"]
            .as_str()
            .unwrap()
            .contains("records[0].customer_id"));
        let many: Vec<Value> = (0..1001)
            .map(|i| rec(&srv, &format!("m{i}"), &c.id, "1"))
            .collect();
        op.post(INGEST, json!({"platform": "p", "records": many}))
            .await
            .expect(400, "CBC.0100");
        // Customers and partners may not post usage.
        c.client
            .post(
                INGEST,
                json!({"platform": "p", "records": [rec(&srv, "z", &c.id, "1")]}),
            )
            .await
            .expect(403, "");
        assert_eq!(
            c.client
                .get(MINE, &[("cycle", &cycle(&srv))])
                .await
                .expect(200, "")["total_count"],
            0
        );
        c.client
            .get(MINE, &[("cycle", "2026-13")])
            .await
            .expect(400, "CBC.0100");
    }
);

async fn assign(org: &tests::channel::Org, customer: &Customer, manager: &str) {
    org.client()
        .put(
            &format!("/v2/partners/sub-customers/{}/account-manager", customer.id),
            json!({"account_manager_id": manager}),
        )
        .await
        .expect(204, "");
}

fn customers_of(v: &Value, list: &str) -> Vec<String> {
    let mut ids: Vec<String> = v[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["customer_id"].as_str().unwrap().to_owned())
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

both_backends!(
    two_cycles_and_what_each_partner_user_sees,
    |srv: TestServer| async move {
        let o = org(&srv, "DISTRIBUTOR").await;
        let sup = user(&srv, &o.party, &["account_manager_supervisor"]).await;
        let a1 = user(&srv, &o.party, &["account_manager"]).await;
        let a2 = user(&srv, &o.party, &["account_manager"]).await;
        let fin = user(&srv, &o.party, &["finance"]).await;
        // a1 reports to the supervisor.
        let c1 = sub_customer(&srv, &o.party, "2").await;
        let c2 = sub_customer(&srv, &o.party, "2").await;
        let c3 = sub_customer(&srv, &o.party, "1").await;
        assign(&o, &c1, &a1.name).await;
        assign(&o, &c2, &a2.name).await;
        let first = cycle(&srv);
        ingest(
            &srv,
            vec![
                rec(&srv, "a", &c1.id, "1.00"),
                rec(&srv, "b", &c2.id, "2.00"),
                rec(&srv, "c", &c3.id, "3.00"),
            ],
        )
        .await;
        // The next month: the first cycle is closed; a late record of it goes to the open one.
        let late = rec(&srv, "late", &c1.id, "7.00");
        srv.clock.advance(chrono::Duration::days(10));
        let second = cycle(&srv);
        assert_ne!(first, second);
        ingest(&srv, vec![rec(&srv, "d", &c1.id, "4.00"), late]).await;
        let sums = |c: &Customer, cyc: String| {
            let client = c.client.clone();
            async move {
                client
                    .get(SUM, &[("bill_cycle", &cyc)])
                    .await
                    .expect(200, "")["consume_amount"]
                    .to_string()
            }
        };
        assert_eq!(sums(&c1, first.clone()).await, "1.00");
        assert_eq!(sums(&c1, second.clone()).await, "11.00");
        // The late record keeps its own bill date in the open cycle.
        let mine = c1
            .client
            .get(MINE, &[("cycle", &second)])
            .await
            .expect(200, "");
        let dates: Vec<&str> = mine["fee_records"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["bill_date"].as_str().unwrap())
            .collect();
        assert!(dates.iter().any(|d| d.starts_with(&first)), "{dates:?}");
        // Who sees whose records of the first cycle.
        let q = [("bill_cycle", first.as_str())];
        let all = {
            let mut v = vec![c1.id.clone(), c2.id.clone(), c3.id.clone()];
            v.sort();
            v
        };
        for (client, want) in [
            (o.client(), all.clone()),
            (&fin.client, all.clone()),
            (&sup.client, vec![]),
            (&a1.client, vec![c1.id.clone()]),
            (&a2.client, vec![c2.id.clone()]),
        ] {
            let v = client.get(PARTNER_DETAIL, &q).await.expect(200, "");
            assert_eq!(customers_of(&v, "fee_records"), want);
            assert_eq!(v["currency"], "CNY");
        }
        // An account manager naming another's login sees nothing; an admin sees that one's.
        let other = [
            ("bill_cycle", first.as_str()),
            ("account_manager_id", a2.name.as_str()),
        ];
        let v = a1.client.get(PARTNER_DETAIL, &other).await.expect(200, "");
        assert_eq!(v["total_count"], 0);
        let v = o.client().get(PARTNER_DETAIL, &other).await.expect(200, "");
        assert_eq!(customers_of(&v, "fee_records"), vec![c2.id.clone()]);
        let v = o
            .client()
            .get(
                PARTNER_DETAIL,
                &[("bill_cycle", first.as_str()), ("association_type", "1")],
            )
            .await
            .expect(200, "");
        assert_eq!(customers_of(&v, "fee_records"), vec![c3.id.clone()]);
        // Monthly sums with the same visibility.
        let v = o
            .client()
            .get(PARTNER_SUM, &[("cycle", second.as_str())])
            .await
            .expect(200, "");
        assert_eq!(v["count"], 1);
        assert_eq!(v["bill_sums"][0]["amount"].to_string(), "11.00");
        assert_eq!(v["bill_sums"][0]["bill_type"], "0");
        let v = a2
            .client
            .get(PARTNER_SUM, &[("cycle", first.as_str())])
            .await
            .expect(200, "");
        assert_eq!(customers_of(&v, "bill_sums"), vec![c2.id.clone()]);
        // Customers cannot read partners' views, nor partners customers'.
        c1.client.get(PARTNER_DETAIL, &q).await.expect(403, "");
        o.client()
            .get(MINE, &[("cycle", &first)])
            .await
            .expect(403, "");
        let _ = sup;
        assert_ledger(&srv).await;
    }
);

both_backends!(
    arrears_are_written_off_by_the_next_allocation,
    |srv: TestServer| async move {
        let o = org(&srv, "DISTRIBUTOR").await;
        srv.operator()
            .post(
                &format!("/v2/operator/partners/{}/recharge", o.id()),
                json!({"amount": "100"}),
            )
            .await
            .expect(200, "");
        let c = sub_customer(&srv, &o.party, "2").await;
        ingest(&srv, vec![rec(&srv, "u1", &c.id, "3.25")]).await;
        let mine = c
            .client
            .get(MINE, &[("cycle", &cycle(&srv))])
            .await
            .expect(200, "");
        assert_eq!(mine["fee_records"][0]["debt_amount"].to_string(), "3.25");
        o.client()
            .post(
                "/v2/accounts/partner-accounts/adjust-amount",
                json!({"customer_id": c.id, "amount": "5"}),
            )
            .await
            .expect(200, "");
        assert_eq!(cash(&srv, "customer", &c.id).await, 175);
        let flow = c
            .client
            .get(FLOW, &[("bill_cycle", &cycle(&srv)), ("status", "1")])
            .await
            .expect(200, "");
        assert_eq!(flow["total_count"], 1);
        assert_eq!(flow["records"][0]["writeoff_amount"].to_string(), "3.25");
        let rows = c
            .client
            .get("/v2/accounts/customer-accounts/account-change-records", &[])
            .await;
        let _ = rows;
        assert_ledger(&srv).await;
    }
);

both_backends!(
    on_demand_resources_and_consuming_customers,
    |srv: TestServer| async move {
        let o = org(&srv, "DISTRIBUTOR").await;
        let am = user(&srv, &o.party, &["account_manager"]).await;
        let c1 = sub_customer(&srv, &o.party, "2").await;
        let c2 = sub_customer(&srv, &o.party, "2").await;
        assign(&o, &c1, &am.name).await;
        let res = |id: &str, c: &str| {
            json!({"resource_id": id, "customer_id": c, "service_type_code": "hws.service.type.ec2",
                "resource_type_code": "hws.resource.type.vm", "region_code": "cn-north-4",
                "effective_time": "2026-11-01T00:00:00Z"})
        };
        let op = srv.operator();
        let v = op
            .post(
                "/v2/operator/on-demand-resources",
                json!({"resources": [res("vm-a", &c1.id), res("vm-b", &c2.id)]}),
            )
            .await
            .expect(200, "");
        assert_eq!(v, json!({"created": 2, "updated": 0}));
        let mut closed = res("vm-a", &c1.id);
        closed["status"] = json!(6);
        let v = op
            .post(
                "/v2/operator/on-demand-resources",
                json!({"resources": [closed]}),
            )
            .await
            .expect(200, "");
        assert_eq!(v, json!({"created": 0, "updated": 1}));
        // A resource cannot move to another customer.
        op.post(
            "/v2/operator/on-demand-resources",
            json!({"resources": [res("vm-a", &c2.id)]}),
        )
        .await
        .expect(400, "CBC.0100");
        let q = "/v2/partners/sub-customers/on-demand-resources/query";
        let v = o
            .client()
            .post(q, json!({"customer_id": c1.id}))
            .await
            .expect(200, "");
        assert_eq!(v["total_count"], 1);
        assert_eq!(v["resources"][0]["resource_id"], "vm-a");
        assert_eq!(v["resources"][0]["status"], 6);
        let v = o
            .client()
            .post(q, json!({"customer_id": c1.id, "status": 1}))
            .await
            .expect(200, "");
        assert_eq!(v["total_count"], 0);
        // The account manager sees c1's, not c2's.
        let v = am
            .client
            .post(q, json!({"customer_id": c2.id}))
            .await
            .expect(200, "");
        assert_eq!(v["total_count"], 0);
        // Customers with consumption in the cycle.
        ingest(&srv, vec![rec(&srv, "z1", &c2.id, "1.00")]).await;
        let path = "/v2/bills/subcustomer-bills/res-fee-records/sub-customers/query";
        let v = o
            .client()
            .post(path, json!({"bill_cycle": cycle(&srv)}))
            .await
            .expect(200, "");
        assert_eq!(
            v,
            json!({"sub_customers": [{"customer_id": c2.id}], "total_count": 1})
        );
        let v = am
            .client
            .post(path, json!({"bill_cycle": cycle(&srv)}))
            .await
            .expect(200, "");
        assert_eq!(v["total_count"], 0);
    }
);
