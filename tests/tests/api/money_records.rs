//! Change records (partner and customer) and adjust records: filters, UTC+8 dates, paging.

use serde_json::json;
use tests::both_backends;
use tests::fixtures::{link, partner, recharge, sub_customer, user};

const RECORDS: &str = "/v2/accounts/partner-accounts/account-change-records";

both_backends!(
    partner_change_records_filter_and_page,
    |srv: tests::TestServer| async move {
        let d = partner(&srv, "DISTRIBUTOR").await;
        let fin = user(&srv, &d, &["finance"]).await;
        let c = sub_customer(&srv, &d, "2").await;
        for _ in 0..3 {
            recharge(&srv, &d, "10").await;
        }
        fin.client
            .post(
                "/v2/accounts/partner-accounts/adjust-amount",
                json!({"customer_id": c.id, "amount": "7.5"}),
            )
            .await
            .expect(200, "");
        let all = fin
            .client
            .get(RECORDS, &[("balance_type", "BALANCE_TYPE_DEBIT")])
            .await
            .expect(200, "");
        assert_eq!(all["total_count"], 4);
        assert_eq!(all["currency"], "CNY");
        let first = &all["records"][0];
        assert_eq!(first["trade_detail_type"], "SOURCE_OPERATION_BEADJUST");
        assert_eq!(first["type"], "2");
        assert_eq!(first["change_amount"], "7.50");
        assert_eq!(first["balance_after_change"], "22.50");
        assert_eq!(first["customer_id"], c.id.as_str());
        assert_eq!(first["account_name"], c.name.as_str());
        assert_eq!(
            all["records"][1]["trade_detail_type"],
            "SOURCE_OPERAIION_RECHARGE"
        );
        let only = fin
            .client
            .get(
                RECORDS,
                &[
                    ("balance_type", "BALANCE_TYPE_DEBIT"),
                    ("trade_type", "RECHARGE"),
                    ("limit", "2"),
                    ("offset", "1"),
                ],
            )
            .await
            .expect(200, "");
        assert_eq!(only["total_count"], 3);
        assert_eq!(only["records"].as_array().unwrap().len(), 2);
        let credit = fin
            .client
            .get(RECORDS, &[("balance_type", "BALANCE_TYPE_CREDIT")])
            .await
            .expect(200, "");
        assert_eq!(credit["total_count"], 0);
        for (q, field) in [
            (vec![], "balance_type"),
            (vec![("balance_type", "CASH")], "balance_type"),
            (
                vec![
                    ("balance_type", "BALANCE_TYPE_DEBIT"),
                    ("trade_type", "GIFT"),
                ],
                "trade_type",
            ),
            (
                vec![
                    ("balance_type", "BALANCE_TYPE_DEBIT"),
                    ("trade_time_begin", "2026/01/01"),
                ],
                "trade_time_begin",
            ),
            (
                vec![("balance_type", "BALANCE_TYPE_DEBIT"), ("limit", "101")],
                "limit",
            ),
            (
                vec![("balance_type", "BALANCE_TYPE_DEBIT"), ("offset", "-1")],
                "offset",
            ),
            (
                vec![("balance_type", "BALANCE_TYPE_DEBIT"), ("limit", "ten")],
                "limit",
            ),
        ] {
            let r = fin.client.get(RECORDS, &q).await;
            r.expect(400, "CBC.0100");
            assert!(r.msg().contains(field), "{q:?}: {}", r.msg());
        }
        // Well-formed dates too far apart: a business refusal.
        let r = fin
            .client
            .get(
                RECORDS,
                &[
                    ("balance_type", "BALANCE_TYPE_DEBIT"),
                    ("trade_time_begin", "2025-01-01"),
                    ("trade_time_end", "2026-06-01"),
                ],
            )
            .await;
        r.expect(400, "CBC.99100066");
        assert!(r.msg().contains("one year"), "{}", r.msg());
    }
);

both_backends!(
    dates_are_beijing_days,
    |srv: tests::TestServer| async move {
        let d = partner(&srv, "DISTRIBUTOR").await;
        let fin = user(&srv, &d, &["finance"]).await;
        // 2026-11-25T17:00:00Z is already 2026-11-26 01:00 in UTC+8.
        srv.clock.advance(chrono::Duration::hours(5));
        recharge(&srv, &d, "1").await;
        let mut c = fin.client.clone();
        c.set_clock(srv.clock.clone());
        let day = |b: &'static str, e: &'static str| {
            let c = c.clone();
            async move {
                c.get(
                    RECORDS,
                    &[
                        ("balance_type", "BALANCE_TYPE_DEBIT"),
                        ("trade_time_begin", b),
                        ("trade_time_end", e),
                    ],
                )
                .await
                .expect(200, "")["total_count"]
                    .as_i64()
                    .unwrap()
            }
        };
        assert_eq!(day("2026-11-25", "2026-11-25").await, 0);
        assert_eq!(day("2026-11-26", "2026-11-26").await, 1);
        assert_eq!(day("2025-11-26", "2026-11-26").await, 1);
    }
);

both_backends!(
    reseller_records_through_the_distributor,
    |srv: tests::TestServer| async move {
        let d = partner(&srv, "DISTRIBUTOR").await;
        let r = partner(&srv, "RESELLER").await;
        link(&srv, &d, &r).await;
        let fin = user(&srv, &d, &["finance"]).await;
        recharge(&srv, &d, "9").await;
        fin.client
            .post(
                "/v2/accounts/partner-accounts/indirect-partner-adjust",
                json!({"indirect_partner_id": r.id, "amount": 4}),
            )
            .await
            .expect(200, "");
        let theirs = fin
            .client
            .get(
                RECORDS,
                &[
                    ("balance_type", "BALANCE_TYPE_DEBIT"),
                    ("indirect_partner_id", &r.id),
                ],
            )
            .await
            .expect(200, "");
        assert_eq!(theirs["total_count"], 1);
        assert_eq!(theirs["records"][0]["type"], "1");
        assert_eq!(theirs["records"][0]["customer_id"], d.id.as_str());
        let mine = fin
            .client
            .get(
                RECORDS,
                &[
                    ("balance_type", "BALANCE_TYPE_DEBIT"),
                    ("trade_type", "BEADJUST"),
                ],
            )
            .await
            .expect(200, "");
        assert_eq!(mine["records"][0]["customer_id"], r.id.as_str());
    }
);

both_backends!(
    adjust_records_list_customer_allocations,
    |srv: tests::TestServer| async move {
        let d = partner(&srv, "DISTRIBUTOR").await;
        let fin = user(&srv, &d, &["finance"]).await;
        let c1 = sub_customer(&srv, &d, "2").await;
        let c2 = sub_customer(&srv, &d, "1").await;
        recharge(&srv, &d, "100").await;
        let t = fin
            .client
            .post(
                "/v2/accounts/partner-accounts/adjust-amount",
                json!({"customer_id": c1.id, "amount": 5}),
            )
            .await
            .expect(200, "");
        fin.client
            .post(
                "/v2/accounts/partner-accounts/adjust-amount",
                json!({"customer_id": c2.id, "amount": 6}),
            )
            .await
            .expect(200, "");
        fin.client
            .post(
                "/v2/accounts/partner-accounts/reclaim",
                json!({"customer_id": c2.id, "amount": 1}),
            )
            .await
            .expect(200, "");
        let url = "/v3/accounts/partner-accounts/adjust-records";
        let all = fin.client.get(url, &[]).await.expect(200, "");
        assert_eq!(all["total_count"], 3);
        let rec = &all["records"][2];
        assert_eq!(rec["customer_id"], c1.id.as_str());
        assert_eq!(rec["customer_name"], c1.name.as_str());
        assert_eq!(rec["amount"], "5.00");
        assert_eq!(rec["operation_type"], "SOURCE_OPERATION_BEADJUST");
        assert_eq!(rec["trans_id"], t["transfer_id"]);
        let back = fin
            .client
            .get(url, &[("operation_type", "SOURCE_OPERATION_BERETRIEVE")])
            .await
            .expect(200, "");
        assert_eq!(back["total_count"], 1);
        assert_eq!(
            fin.client
                .get(url, &[("customer_id", &c2.id)])
                .await
                .expect(200, "")["total_count"],
            2
        );
        assert_eq!(
            fin.client
                .get(url, &[("trans_id", t["transfer_id"].as_str().unwrap())])
                .await
                .expect(200, "")["total_count"],
            1
        );
        assert_eq!(
            fin.client
                .get(url, &[("operation_time_begin", "2026-11-25T12:00:01Z")])
                .await
                .expect(200, "")["total_count"],
            0
        );
        assert_eq!(
            fin.client
                .get(url, &[("operation_time_end", "2026-11-25T12:00:00Z")])
                .await
                .expect(200, "")["total_count"],
            3
        );
        fin.client
            .get(url, &[("operation_type", "GIFT")])
            .await
            .expect(400, "CBC.0100");
        fin.client
            .get(url, &[("operation_time_begin", "yesterday")])
            .await
            .expect(400, "CBC.0100");
    }
);

both_backends!(
    customer_change_records,
    |srv: tests::TestServer| async move {
        let d = partner(&srv, "DISTRIBUTOR").await;
        let fin = user(&srv, &d, &["finance"]).await;
        let c = sub_customer(&srv, &d, "2").await;
        recharge(&srv, &d, "100").await;
        fin.client
            .post(
                "/v2/accounts/partner-accounts/adjust-amount",
                json!({"customer_id": c.id, "amount": 5}),
            )
            .await
            .expect(200, "");
        fin.client
            .post(
                "/v2/accounts/partner-accounts/reclaim",
                json!({"customer_id": c.id, "amount": 2}),
            )
            .await
            .expect(200, "");
        let url = "/v2/accounts/customer-accounts/account-change-records";
        let all = c
            .client
            .get(url, &[("balance_type", "BALANCE_TYPE_DEBIT")])
            .await
            .expect(200, "");
        assert_eq!(all["total_count"], 2);
        assert_eq!(all["records"][0]["revenue_expense_type"], "EXPENSE");
        assert_eq!(all["records"][0]["balance_after_change"], "3.00");
        assert_eq!(all["records"][0]["bill_cycle"], "2026-11");
        assert_eq!(all["records"][1]["account_name"], c.name.as_str());
        let rev = c
            .client
            .get(
                url,
                &[
                    ("balance_type", "BALANCE_TYPE_DEBIT"),
                    ("revenue_expense_type", "REVENUE"),
                ],
            )
            .await
            .expect(200, "");
        assert_eq!(rev["total_count"], 1);
        let none = c
            .client
            .get(
                url,
                &[
                    ("balance_type", "BALANCE_TYPE_DEBIT"),
                    ("payment_channel_id", "alipay"),
                ],
            )
            .await
            .expect(200, "");
        assert_eq!(none["total_count"], 0);
        fin.client
            .get(url, &[("balance_type", "BALANCE_TYPE_DEBIT")])
            .await
            .expect(403, "CBC.0151");
    }
);
