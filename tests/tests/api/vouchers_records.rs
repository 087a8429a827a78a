//! S9: ListPartnerCouponsRecord with every filter (repeated keys, strict time bounds, result)
//! and its streamed CSV export; a distributor reads its reseller's records.

use chrono::Duration;
use serde_json::json;
use tests::both_backends;
use tests::fixtures_vouchers::*;

both_backends!(
    records_filters_and_export,
    |srv: tests::TestServer| async move {
        let (d, r1, _) = channel(&srv).await;
        let stranger = desk(&srv, "RESELLER").await;
        let c = resale(&srv, &d.party, 2).await;
        let q = quota(&srv, d.id(), "50", json!({})).await;
        let cq = quota(&srv, d.id(), "50", json!({"quota_type": 1})).await;
        let v = d
            .client
            .post(COUPONS, json!({"quota_id": q, "customer_ids": [c[0], c[1], "ghost"], "face_value": "20", "memo": "=HYPERLINK(\"x\")"}))
            .await
            .expect(200, "");
        let ids = coupon_ids(&v);
        srv.clock.advance(Duration::seconds(30));
        let t_mid = "2026-11-25T12:00:15Z";
        issue(&d.client, &cq, &c[..1], "5").await;
        assert_eq!(
            d.client
                .post(RECLAIM, json!({"coupon_id": ids[1]}))
                .await
                .status,
            204
        );
        let total = |qs: Vec<(&'static str, String)>| {
            let cl = d.client.clone();
            async move {
                let qs: Vec<(&str, &str)> = qs.iter().map(|(k, v)| (*k, v.as_str())).collect();
                cl.get(RECORDS, &qs).await.expect(200, "")["total_count"]
                    .as_i64()
                    .unwrap()
            }
        };
        assert_eq!(total(vec![]).await, 5);
        assert_eq!(total(vec![("operation_types", "1".into())]).await, 4);
        assert_eq!(
            total(vec![
                ("operation_types", "1".into()),
                ("operation_types", "2".into())
            ])
            .await,
            5
        );
        assert_eq!(
            total(vec![("operation_types", "".into())]).await,
            0,
            "an empty list filters"
        );
        assert_eq!(total(vec![("coupon_ids", ids[1].clone())]).await, 2);
        assert_eq!(
            total(vec![
                ("coupon_ids", ids[0].clone()),
                ("coupon_ids", ids[1].clone())
            ])
            .await,
            3
        );
        assert_eq!(total(vec![("coupon_ids", "".into())]).await, 0);
        assert_eq!(total(vec![("quota_id", q.clone())]).await, 4);
        assert_eq!(total(vec![("quota_id", "".into())]).await, 0);
        assert_eq!(total(vec![("quota_type", "1".into())]).await, 1);
        assert_eq!(total(vec![("customer_id", c[0].clone())]).await, 2);
        assert_eq!(total(vec![("customer_id", "ghost".into())]).await, 1);
        assert_eq!(total(vec![("result", "-1".into())]).await, 1);
        assert_eq!(total(vec![("result", "0".into())]).await, 4);
        assert_eq!(
            total(vec![("result", "x".into())]).await,
            5,
            "non-enum values do not filter"
        );
        assert_eq!(total(vec![("operation_time_begin", t_mid.into())]).await, 2);
        assert_eq!(total(vec![("operation_time_end", t_mid.into())]).await, 3);
        assert_eq!(
            total(vec![("operation_time_end", "2026-11-25T12:00:00Z".into())]).await,
            0,
            "strict"
        );
        let page = d
            .client
            .get(RECORDS, &[("limit", "2"), ("offset", "1")])
            .await
            .expect(200, "");
        assert_eq!(page["records"].as_array().unwrap().len(), 2);
        let newest = &d.client.get(RECORDS, &[]).await.expect(200, "")["records"][0];
        assert_eq!(newest["operation_type"], "2");
        assert_eq!(newest["operation_amount"].to_string(), "20.00");
        assert_eq!(newest["quota_type"], 0);
        let failed = d
            .client
            .get(RECORDS, &[("result", "-1")])
            .await
            .expect(200, "");
        assert!(failed["records"][0]["remark"]
            .as_str()
            .unwrap()
            .starts_with("CBC.99000035"));
        for bad in [
            vec![("operation_types", "10")],
            vec![("quota_type", "2")],
            vec![("operation_time_begin", "")],
            vec![("limit", "101")],
            vec![("indirect_partner_id", stranger.id())],
        ] {
            let r = d.client.get(RECORDS, &bad).await;
            assert_eq!(r.status, 400, "{bad:?}: {}", r.text);
        }
        let nine: Vec<(&str, &str)> = ["1", "2", "3", "4", "5", "6", "7", "8", "9"]
            .iter()
            .map(|t| ("operation_types", *t))
            .collect();
        d.client.get(RECORDS, &nine).await.expect(400, "CBC.0100");

        // A distributor reads its reseller's records; the reseller reads its own.
        let rq = quota(&srv, r1.id(), "10", json!({})).await;
        let rc = resale(&srv, &r1.party, 1).await;
        issue(&r1.client, &rq, &rc, "10").await;
        assert_eq!(
            d.client
                .get(RECORDS, &[("indirect_partner_id", r1.id())])
                .await
                .expect(200, "")["total_count"],
            1
        );
        assert_eq!(
            r1.client.get(RECORDS, &[]).await.expect(200, "")["total_count"],
            1
        );

        let resp = d
            .client
            .get_stream(EXPORT, &[("operation_types", "1")])
            .await;
        assert_eq!(resp.status(), 200);
        assert!(resp.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv"));
        let text = resp.text().await.unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "id,operation_time,operation_type,quota_id,quota_type,coupon_id,customer_id,operation_amount,result,remark");
        assert_eq!(lines.len(), 5, "{text}");
        assert!(
            text.contains("'=HYPERLINK"),
            "formulas are neutralised: {text}"
        );
        assert!(text.contains(",20.00,0,"));
        let all = d
            .client
            .get_stream(EXPORT, &[("indirect_partner_id", r1.id())])
            .await
            .text()
            .await
            .unwrap();
        assert_eq!(all.lines().count(), 2);
        d.client
            .get(EXPORT, &[("quota_type", "7")])
            .await
            .expect(400, "CBC.0100");
        srv.anonymous()
            .get(EXPORT, &[])
            .await
            .expect(401, "APIGW.0301");
        assert_vouchers(&srv).await;
    }
);

both_backends!(
    export_writes_numbers_as_numbers,
    |srv: tests::TestServer| async move {
        // #18 item 16: a cell that is a number (`-1`, `-12.50`) is written as it is; only
        // text a spreadsheet would run as a formula is neutralised.
        let (d, _, _) = channel(&srv).await;
        let c = resale(&srv, &d.party, 1).await;
        let q = quota(&srv, d.id(), "50", json!({})).await;
        for memo in ["-12.50", "-1", "-1+A1"] {
            d.client
                .post(
                    COUPONS,
                    json!({"quota_id": q, "customer_ids": [c[0]], "face_value": "1", "memo": memo}),
                )
                .await
                .expect(200, "");
        }
        let text = d.client.get_stream(EXPORT, &[]).await.text().await.unwrap();
        let remarks: Vec<&str> = text
            .lines()
            .skip(1)
            .filter_map(|l| l.rsplit(',').next())
            .collect();
        for want in ["-12.50", "-1", "'-1+A1"] {
            assert!(remarks.contains(&want), "{want} in {remarks:?}");
        }
        assert!(!remarks.contains(&"'-1") && !remarks.contains(&"'-12.50"));
    }
);
