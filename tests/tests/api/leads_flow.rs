//! S16 leads: dispatch and creation, list filters, follow-ups, status moves, outbound calls,
//! and another partner's leads answering like missing ones.

use serde_json::json;
use tests::both_backends;
use tests::fixtures_opportunities::{contact, dispatch_lead, partner_with, staff};

const LEADS: &str = "/v2/partners/leads";

both_backends!(
    leads_are_followed_up_and_moved,
    |srv: tests::TestServer| async move {
        let p = partner_with(&srv, "RESELLER", json!({})).await;
        let am = staff(&srv, &p, &["account_manager"], None).await;
        let c = &am.client;
        let (phone, email) = contact();
        let dispatched = dispatch_lead(&srv, &p, &phone, &email).await;
        srv.clock.advance(chrono::Duration::seconds(60));
        let own = c
            .post(
                LEADS,
                json!({"customer_name": "Hooli", "email": "gavin@hooli.example"}),
            )
            .await
            .expect(201, "")["lead_id"]
            .as_str()
            .unwrap()
            .to_owned();
        let ids = |v: serde_json::Value| -> Vec<String> {
            v["leads"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| l["lead_id"].as_str().unwrap().to_owned())
                .collect()
        };
        let v = c
            .post(&format!("{LEADS}/query"), json!({}))
            .await
            .expect(200, "");
        assert_eq!(ids(v), [own.clone(), dispatched.clone()]);
        let v = c
            .post(&format!("{LEADS}/query"), json!({"source": "DISPATCHED"}))
            .await
            .expect(200, "");
        assert_eq!(ids(v), [dispatched.as_str()]);
        let v = c
            .post(
                &format!("{LEADS}/query"),
                json!({"created_on_begin": "2026-11-25T12:00:30Z"}),
            )
            .await
            .expect(200, "");
        assert_eq!(ids(v), [own.as_str()]);
        // A range that can match nothing is a business answer naming the bounds.
        let r = c
            .post(
                &format!("{LEADS}/query"),
                json!({"created_on_begin": "2026-11-25T12:00:30Z", "created_on_end": "2026-11-25T12:00:00Z"}),
            )
            .await;
        r.expect(400, "CBC.99100112");
        assert!(r.msg().contains("created_on_begin"), "{}", r.msg());
        // A follow-up moves NEW to FOLLOWING; statuses move only along the allowed paths.
        c.put(
            &format!("{LEADS}/{dispatched}/status"),
            json!({"status": "CONVERTED"}),
        )
        .await
        .expect(400, "CBC.99100130");
        let f = c
            .post(
                &format!("{LEADS}/{dispatched}/follow-ups"),
                json!({"content": "demo booked"}),
            )
            .await
            .expect(201, "");
        assert_eq!(f["kind"], "NOTE");
        let v = c
            .get(&format!("{LEADS}/{dispatched}"), &[])
            .await
            .expect(200, "");
        assert_eq!(v["status"], "FOLLOWING");
        srv.clock.advance(chrono::Duration::seconds(1));
        // Calls go through the voice gateway (leads_calls.rs); a caller without a phone
        // records nothing.
        c.post(&format!("{LEADS}/{dispatched}/outbound-calls"), json!({}))
            .await
            .expect(400, "CBC.99100261");
        let v = c
            .get(&format!("{LEADS}/{dispatched}/follow-ups"), &[])
            .await
            .expect(200, "");
        assert_eq!(v["total_count"], 1);
        let v = c
            .put(
                &format!("{LEADS}/{dispatched}/status"),
                json!({"status": "CONVERTED"}),
            )
            .await
            .expect(200, "");
        assert_eq!(v["status"], "CONVERTED");
        c.post(
            &format!("{LEADS}/{dispatched}/follow-ups"),
            json!({"content": "x"}),
        )
        .await
        .expect(400, "CBC.99100130");
        let v = c
            .post(&format!("{LEADS}/query"), json!({"status": "CONVERTED"}))
            .await
            .expect(200, "");
        assert_eq!(ids(v), [dispatched.as_str()]);
        // A lead without a phone cannot be called.
        c.post(&format!("{LEADS}/{own}/outbound-calls"), json!({}))
            .await
            .expect(400, "CBC.99100131");
        // Another partner's lead is missing to this one.
        let other = partner_with(&srv, "RESELLER", json!({})).await;
        let stranger = staff(&srv, &other, &["admin"], None).await;
        for (m, path) in [
            ("GET", format!("{LEADS}/{own}")),
            ("POST", format!("{LEADS}/{own}/outbound-calls")),
            ("GET", format!("{LEADS}/{own}/follow-ups")),
        ] {
            let body = (m == "POST").then(|| "{}".to_owned());
            stranger
                .client
                .send(m, &path, &[], body)
                .await
                .expect(404, "CBC.99100002");
        }
        assert_eq!(
            stranger
                .client
                .post(&format!("{LEADS}/query"), json!({}))
                .await
                .expect(200, "")["total_count"],
            0
        );
        // Validation names the field; finance users have no access.
        for (body, field) in [
            (json!({"customer_name": "A"}), "mobile_phone"),
            (
                json!({"customer_name": "A", "mobile_phone": "12ab"}),
                "mobile_phone",
            ),
            (json!({"customer_name": "A", "email": "nope"}), "email"),
            (
                json!({"customer_name": "", "email": "a@b.example"}),
                "customer_name",
            ),
            (
                json!({"customer_name": "A", "email": "a@b.example", "industry": "x"}),
                "industry",
            ),
        ] {
            let r = c.post(LEADS, body).await;
            r.expect(400, "CBC.0100");
            assert!(r.msg().contains(field), "{}", r.msg());
        }
        c.post(&format!("{LEADS}/query"), json!({"status": "OPEN"}))
            .await
            .expect(400, "CBC.0100");
        let fin = staff(&srv, &p, &["finance"], None).await;
        fin.client
            .post(&format!("{LEADS}/query"), json!({}))
            .await
            .expect(403, "CBC.0151");
        srv.operator()
            .post(
                "/v2/operator/leads",
                json!({"partner_id": "missing", "customer_name": "A", "email": "a@b.example"}),
            )
            .await
            .expect(404, "CBC.99100002");
    }
);
