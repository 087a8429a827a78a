//! S13 query: a filter on every field, ranges on spend and update time, sorting by update
//! time, keyset paging with a marker, and parameter errors that name the parameter.

use serde_json::json;
use std::collections::BTreeSet;
use tests::both_backends;
use tests::fixtures_opportunities::{
    create_opportunity, opportunity_body, sales_org, visible_ids, OPPS, OPPS_QUERY,
};

both_backends!(
    filters_ranges_and_sorting,
    |srv: tests::TestServer| async move {
        let o = sales_org(&srv).await;
        let c = &o.d_admin.client;
        let mut b1 = opportunity_body(&o.cd.id, Some(&o.a1.name));
        b1["industry"] = json!("FINANCE");
        b1["opportunity_type"] = json!("NEW_CUSTOMER");
        b1["confidence"] = json!(20);
        b1["stage"] = json!("DISCOVERY");
        b1["expected_monthly_amount"] = json!("100.00");
        let first = create_opportunity(c, b1).await;
        srv.clock.advance(chrono::Duration::seconds(3600));
        let mut b2 = opportunity_body(&o.cd.id, Some(&o.a2.name));
        b2["confidence"] = json!(80);
        b2["expected_monthly_amount"] = json!("5000.50");
        let second = create_opportunity(c, b2).await;
        srv.clock.advance(chrono::Duration::seconds(3600));
        // A reseller's: its distributor queries it but only the reseller creates it.
        let third = create_opportunity(&o.r_admin.client, opportunity_body(&o.cr.id, None)).await;
        let one = |id: &String| BTreeSet::from([id.clone()]);
        let cases = vec![
            (json!({"industry": "FINANCE"}), one(&first)),
            (json!({"opportunity_type": "NEW_CUSTOMER"}), one(&first)),
            (json!({"stage": "DISCOVERY"}), one(&first)),
            (json!({"confidence": 80}), one(&second)),
            // An exact confidence with a range: both apply.
            (
                json!({"confidence": 80, "confidence_min": 50}),
                one(&second),
            ),
            (
                json!({"confidence_min": 30, "confidence_max": 90}),
                BTreeSet::from([second.clone(), third.clone()]),
            ),
            (json!({"customer_id": o.cr.id}), one(&third)),
            (json!({"account_manager_id": o.a2.name}), one(&second)),
            (
                json!({"account_manager_id": "nobody-at-all"}),
                BTreeSet::new(),
            ),
            (
                json!({"expected_monthly_amount_min": "1000", "expected_monthly_amount_max": "5000.50"}),
                BTreeSet::from([second.clone(), third.clone()]),
            ),
            (json!({"expected_monthly_amount_max": 999.99}), one(&first)),
            (
                json!({"updated_on_begin": "2026-11-25T13:00:00Z", "updated_on_end": "2026-11-25T13:00:00Z"}),
                one(&second),
            ),
            (
                json!({"updated_on_begin": "2026-11-25T13:00:01Z"}),
                one(&third),
            ),
            (
                json!({"industry": ""}),
                BTreeSet::from([first.clone(), second.clone(), third.clone()]),
            ),
        ];
        for (filter, want) in cases {
            assert_eq!(visible_ids(c, filter.clone()).await, want, "{filter}");
        }
        // Newest first by default; oldest first on request; an update moves it to the top.
        let order = |v: serde_json::Value| -> Vec<String> {
            v["opportunities"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o["opportunity_id"].as_str().unwrap().to_owned())
                .collect()
        };
        let v = c.post(OPPS_QUERY, json!({})).await.expect(200, "");
        assert_eq!(order(v), [third.clone(), second.clone(), first.clone()]);
        let v = c
            .post(OPPS_QUERY, json!({"sort": "last_update_time"}))
            .await
            .expect(200, "");
        assert_eq!(order(v), [first.clone(), second.clone(), third.clone()]);
        srv.clock.advance(chrono::Duration::seconds(60));
        let v = c
            .put(&format!("{OPPS}/{first}"), json!({"stage": "PROPOSAL"}))
            .await
            .expect(200, "");
        assert_eq!(v["last_update_time"], "2026-11-25T14:01:00Z");
        let v = c.post(OPPS_QUERY, json!({})).await.expect(200, "");
        assert_eq!(order(v.clone())[0], first);
        let row = &v["opportunities"][0];
        assert_eq!(row["stage"], "PROPOSAL");
        assert_eq!(row["industry"], "FINANCE");
        assert_eq!(row["expected_monthly_amount"].to_string(), "100.00");
        assert_eq!(row["measure_id"], 1);
        assert_eq!(row["account_manager_id"], o.a1.name.as_str());
        assert_eq!(row["customer_name"], o.cd.name.as_str());
        // Errors name the parameter.
        let bad = [
            (json!({"confidence": 101}), "confidence"),
            (json!({"stage": "DONE"}), "stage"),
            (json!({"industry": "retail"}), "industry"),
            (json!({"opportunity_type": "X"}), "opportunity_type"),
            (
                json!({"expected_monthly_amount_min": "-1"}),
                "expected_monthly_amount_min",
            ),
            (
                json!({"updated_on_begin": "2026-11-25"}),
                "updated_on_begin",
            ),
            (json!({"sort": "name"}), "sort"),
            (json!({"limit": 101}), "limit"),
            (json!({"offset": -1}), "offset"),
        ];
        for (body, field) in bad {
            let r = c.post(OPPS_QUERY, body.clone()).await;
            r.expect(400, "CBC.0100");
            assert!(r.msg().contains(field), "{body}: {}", r.msg());
        }
        // Well-formed filters that can match nothing, and a marker no page handed out, are
        // business answers naming the parameter.
        let business = [
            (
                json!({"confidence_min": 60, "confidence_max": 50}),
                "CBC.99100112",
                "confidence_min",
            ),
            (
                json!({"confidence": 5, "confidence_max": 1}),
                "CBC.99100112",
                "confidence",
            ),
            (
                json!({"expected_monthly_amount_min": "9", "expected_monthly_amount_max": "1"}),
                "CBC.99100112",
                "expected_monthly_amount_min",
            ),
            (
                json!({"updated_on_begin": "2026-11-26T00:00:00Z", "updated_on_end": "2026-11-25T00:00:00Z"}),
                "CBC.99100112",
                "updated_on_begin",
            ),
            (json!({"marker": "garbage!"}), "CBC.99100113", "marker"),
        ];
        for (body, code, field) in business {
            let r = c.post(OPPS_QUERY, body.clone()).await;
            r.expect(400, code);
            assert!(r.msg().contains(field), "{body}: {}", r.msg());
        }
        let r = c.post(OPPS, json!({"customer_id": o.cd.id})).await;
        r.expect(400, "CBC.0100");
        assert!(r.msg().contains("opportunity_name"), "{}", r.msg());
        let mut b = opportunity_body(&o.cd.id, None);
        b["stage"] = json!("WON");
        let r = c.post(OPPS, b).await;
        r.expect(400, "CBC.0100");
        assert!(r.msg().contains("stage"), "{}", r.msg());
        c.put(&format!("{OPPS}/{first}"), json!({}))
            .await
            .expect(400, "CBC.0100");
    }
);

both_backends!(
    keyset_pages_cover_everything_once,
    |srv: tests::TestServer| async move {
        let o = sales_org(&srv).await;
        let c = &o.d_admin.client;
        let mut made = BTreeSet::new();
        for i in 0..23 {
            // Several share an update time, so the id breaks ties.
            if i % 3 == 0 {
                srv.clock.advance(chrono::Duration::seconds(1));
            }
            made.insert(create_opportunity(c, opportunity_body(&o.cd.id, None)).await);
        }
        for sort in ["-last_update_time", "last_update_time"] {
            let mut seen = Vec::new();
            let mut marker: Option<String> = None;
            let mut pages = 0;
            loop {
                let mut body = json!({"limit": 5, "sort": sort});
                if let Some(m) = &marker {
                    body["marker"] = json!(m);
                }
                let v = c.post(OPPS_QUERY, body).await.expect(200, "");
                assert_eq!(v["total_count"], 23);
                pages += 1;
                for o in v["opportunities"].as_array().unwrap() {
                    seen.push((
                        o["last_update_time"].as_str().unwrap().to_owned(),
                        o["opportunity_id"].as_str().unwrap().to_owned(),
                    ));
                }
                match v["next_marker"].as_str() {
                    Some(m) => marker = Some(m.to_owned()),
                    None => break,
                }
            }
            assert_eq!(pages, 5, "{sort}");
            let ids: BTreeSet<String> = seen.iter().map(|(_, id)| id.clone()).collect();
            assert_eq!(ids, made, "every opportunity exactly once ({sort})");
            assert_eq!(seen.len(), 23);
            let mut sorted = seen.clone();
            sorted.sort();
            if sort.starts_with('-') {
                sorted.reverse();
            }
            assert_eq!(seen, sorted, "in (last_update_time, id) order ({sort})");
        }
        // offset/limit still work as in BSS.
        let v = c
            .post(OPPS_QUERY, json!({"offset": 20, "limit": 10}))
            .await
            .expect(200, "");
        assert_eq!(v["opportunities"].as_array().unwrap().len(), 3);
        assert!(v["next_marker"].is_null());
    }
);
