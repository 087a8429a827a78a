//! Streamed CSV exports of change records: content, quoting, formula neutralisation, and
//! 100,000 records arriving as a stream of bounded chunks.

use serde_json::json;
use tests::both_backends;
use tests::fixtures::{partner, recharge, sub_customer, unique, user};

const EXPORT: &str = "/v2/accounts/partner-accounts/account-change-records/export";

both_backends!(
    export_quotes_and_neutralises_formulas,
    |srv: tests::TestServer| async move {
        let d = partner(&srv, "DISTRIBUTOR").await;
        let name = format!("=SUM(1,2){}", unique(""));
        let r = srv
        .operator()
        .post("/v2/operator/partners", json!({"name": "evil", "account_name": name, "partner_type": "RESELLER", "country_code": "CN"}))
        .await
        .expect(201, "");
        let r = tests::fixtures::Party {
            id: r["partner_id"].as_str().unwrap().into(),
            domain_id: String::new(),
        };
        tests::fixtures::link(&srv, &d, &r).await;
        let fin = user(&srv, &d, &["finance"]).await;
        recharge(&srv, &d, "10").await;
        fin.client
            .post(
                "/v2/accounts/partner-accounts/indirect-partner-adjust",
                json!({"indirect_partner_id": r.id, "amount": 3}),
            )
            .await
            .expect(200, "");
        let resp = fin
            .client
            .get(EXPORT, &[("balance_type", "BALANCE_TYPE_DEBIT")])
            .await;
        assert_eq!(resp.status, 200, "{}", resp.text);
        assert!(resp
            .headers
            .get("content-type")
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("text/csv"));
        let lines: Vec<&str> = resp.text.lines().collect();
        assert_eq!(lines[0], "account_change_id,trade_time,trade_type,trade_detail_type,trade_id,type,change_amount,balance_after_change,customer_id,account_name");
        assert_eq!(lines.len(), 3);
        assert!(lines[1].ends_with(&format!(",\"'{name}\"")), "{}", lines[1]);
        assert!(lines[1].contains(",BEADJUST,SOURCE_OPERATION_BEADJUST,"));
        // Bad filters are refused before streaming starts.
        fin.client.get(EXPORT, &[]).await.expect(400, "CBC.0100");
        // The customer's own export.
        let c = sub_customer(&srv, &d, "2").await;
        fin.client
            .post(
                "/v2/accounts/partner-accounts/adjust-amount",
                json!({"customer_id": c.id, "amount": 2}),
            )
            .await
            .expect(200, "");
        let own = c
            .client
            .get(
                "/v2/accounts/customer-accounts/account-change-records/export",
                &[("balance_type", "BALANCE_TYPE_DEBIT")],
            )
            .await;
        assert_eq!(own.status, 200);
        assert_eq!(own.text.lines().count(), 2);
        assert!(own.text.contains("REVENUE,2.00,2.00,2026-11"));
    }
);

both_backends!(
    export_of_100k_records_streams,
    |srv: tests::TestServer| async move {
        let d = partner(&srv, "DISTRIBUTOR").await;
        let fin = user(&srv, &d, &["finance"]).await;
        recharge(&srv, &d, "1").await;
        let (db, pid) = (srv.db.clone(), d.id.clone());
        let now = tests::server::NowTs::now_ts(&srv.clock);
        tokio::task::spawn_blocking(move || {
            db.write(|c| {
                let acct = persistence::repo::accounts::find(c, "partner", &pid, 1)?.unwrap();
                let rows: Vec<_> = (0..100_000i64)
                    .map(|i| persistence::repo::ledger::LedgerRow {
                        seq: None,
                        id: format!("seed{i:08}"),
                        account_id: acct.id.clone(),
                        owner_kind: "partner".into(),
                        owner_id: pid.clone(),
                        account_type: 1,
                        trade_type: "ADJUST".into(),
                        trade_detail_type: "SOURCE_OPERAIION_ADJUST".into(),
                        trade_id: format!("t{i}"),
                        amount_cents: 0,
                        balance_after_cents: 100,
                        customer_id: None,
                        counterparty_id: None,
                        remark: None,
                        created_at: now - i % 1000,
                    })
                    .collect();
                persistence::repo::ledger_query::insert_many(c, &rows)
            })
        })
        .await
        .unwrap()
        .unwrap();
        let resp = fin
            .client
            .get_stream(EXPORT, &[("balance_type", "BALANCE_TYPE_DEBIT")])
            .await;
        assert_eq!(resp.status().as_u16(), 200);
        assert!(
            resp.headers().get("content-length").is_none(),
            "the export must be streamed, not buffered"
        );
        let mut resp = resp;
        let (mut chunks, mut bytes, mut largest, mut lines) = (0usize, 0usize, 0usize, 0usize);
        let mut tail = Vec::new();
        while let Some(chunk) = resp.chunk().await.expect("the stream must end cleanly") {
            chunks += 1;
            bytes += chunk.len();
            largest = largest.max(chunk.len());
            lines += chunk.iter().filter(|b| **b == b'\n').count();
            tail = chunk.to_vec();
        }
        assert_eq!(
            lines, 100_002,
            "header + 100,000 seeded rows + the recharge"
        );
        assert!(
            chunks >= 50,
            "{chunks} chunks for {bytes} bytes: not streamed in batches"
        );
        assert!(
            largest <= 512 * 1024,
            "a chunk of {largest} bytes: batches must stay bounded"
        );
        assert!(String::from_utf8_lossy(&tail).ends_with('\n'));
    }
);
