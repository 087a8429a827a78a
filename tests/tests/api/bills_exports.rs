//! CSV exports of sub-customer consumption and monthly sums (#22): streamed, with the same
//! visibility as the lists (an account manager exports only its customers' rows).

use serde_json::json;
use tests::both_backends;
use tests::fixtures::{partner, sub_customer, user};
use tests::TestServer;

const RECORDS: &str = "/v2/bills/subcustomer-bills/res-fee-records/export";
const SUMS: &str = "/v2/bills/partner-bills/subcustomer-bills/monthly-sum/export";

fn utc(t: i64) -> String {
    chrono::DateTime::from_timestamp(t, 0)
        .map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default()
}

both_backends!(
    consumption_exports_show_what_the_lists_show,
    |srv: TestServer| async move {
        use domain::Clock;
        let now = srv.clock.now().timestamp();
        let cycle = domain::consumption::bill_cycle(now);
        let p = partner(&srv, "DISTRIBUTOR").await;
        let admin = user(&srv, &p, &["admin"]).await;
        let manager = user(&srv, &p, &["account_manager"]).await;
        let mine = sub_customer(&srv, &p, "1").await;
        let other = sub_customer(&srv, &p, "1").await;
        admin
            .client
            .put(
                &format!("/v2/partners/sub-customers/{}/account-manager", mine.id),
                json!({"account_manager_id": manager.name}),
            )
            .await
            .expect(204, "");
        let rec = |id: &str, customer: &str, amount: &str| {
            json!({
                "record_id": id, "customer_id": customer, "resource_id": "vm-1",
                "service_type_code": "hws.service.type.ec2", "resource_type_code": "hws.resource.type.vm",
                "region_code": "cn-north-4", "charging_mode": 3, "usage": "1", "usage_unit": "hour",
                "official_amount": amount, "amount": amount,
                "usage_begin_time": utc(now - 7200), "usage_end_time": utc(now - 3600),
            })
        };
        srv.operator()
            .post(
                "/v2/operator/usage-fee-records",
                json!({"platform": "x", "records": [rec("a", &mine.id, "1.50"), rec("b", &other.id, "2.25")]}),
            )
            .await
            .expect(200, "");
        let q = [("bill_cycle", cycle.as_str())];
        let all = admin.client.get(RECORDS, &q).await;
        assert_eq!(all.status, 200, "{}", all.text);
        assert!(all.headers["content-type"]
            .to_str()
            .unwrap_or_default()
            .starts_with("text/csv"));
        let lines: Vec<&str> = all.text.lines().collect();
        assert_eq!(lines.len(), 3, "{}", all.text);
        assert!(lines[0].starts_with("customer_id,bill_cycle"));
        assert!(all.text.contains("1.50") && all.text.contains("2.25"));
        let own = manager.client.get(RECORDS, &q).await;
        assert_eq!(own.status, 200);
        let own_lines: Vec<&str> = own.text.lines().collect();
        assert_eq!(own_lines.len(), 2, "{}", own.text);
        assert!(own_lines[1].starts_with(&mine.id));

        let sq = [("cycle", cycle.as_str())];
        let sums = admin.client.get(SUMS, &sq).await;
        assert_eq!(sums.status, 200, "{}", sums.text);
        assert_eq!(sums.text.lines().count(), 3, "{}", sums.text);
        let own_sums = manager.client.get(SUMS, &sq).await;
        assert_eq!(own_sums.text.lines().count(), 2, "{}", own_sums.text);

        // Another partner's export has the header only; a customer may not export.
        let q2 = partner(&srv, "DISTRIBUTOR").await;
        let stranger = user(&srv, &q2, &["admin"]).await;
        assert_eq!(
            stranger.client.get(RECORDS, &q).await.text.lines().count(),
            1
        );
        assert_eq!(mine.client.get(RECORDS, &q).await.status, 403);
    }
);
