//! S16 masking: no response that carries a plan-2.0 partner's lead, no line of its CSV export
//! and no captured log line contains the lead's raw phone or email.

use serde_json::json;
use tests::both_backends;
use tests::fixtures_opportunities::{contact, dispatch_lead, partner_with, staff};
use tests::log_capture;
use tests::Response;

const LEADS: &str = "/v2/partners/leads";

/// Everything a response shows: headers and body.
fn shown(r: &Response) -> String {
    let headers: Vec<String> = r
        .headers
        .iter()
        .map(|(k, v)| format!("{k}: {v:?}"))
        .collect();
    format!("{}\n{}", headers.join("\n"), r.text)
}

both_backends!(
    raw_contacts_of_plan_2_leads_never_leave_the_server,
    |srv: tests::TestServer| async move {
        let logs = log_capture::capture();
        let p = partner_with(&srv, "RESELLER", json!({"marketing_plan_version": "2.0"})).await;
        let am = staff(&srv, &p, &["account_manager"], None).await;
        let c = &am.client;
        let (phone, email) = contact();
        let (phone2, email2) = contact();
        let mut seen: Vec<String> = Vec::new();
        // The operator dispatches one; the partner creates one.
        let r = srv
            .operator()
            .post(
                "/v2/operator/leads",
                json!({"partner_id": p.id, "customer_name": "Initech", "mobile_phone": phone, "email": email}),
            )
            .await;
        let v = r.expect(201, "");
        assert_eq!(
            v["mobile_phone"],
            format!("{}****{}", &phone[..3], &phone[7..])
        );
        assert_eq!(v["contacts_masked"], true);
        seen.push(shown(&r));
        let dispatched = v["lead_id"].as_str().unwrap().to_owned();
        let r = c
            .post(
                LEADS,
                json!({"customer_name": "Hooli", "mobile_phone": phone2, "email": email2}),
            )
            .await;
        let v = r.expect(201, "");
        assert!(
            v["email"].as_str().unwrap().ends_with("***@example.com"),
            "{v}"
        );
        seen.push(shown(&r));
        let own = v["lead_id"].as_str().unwrap().to_owned();
        // Every lead-returning operation.
        for (method, path, body) in [
            ("POST", format!("{LEADS}/query"), Some(json!({}))),
            (
                "POST",
                format!("{LEADS}/query"),
                Some(json!({"source": "DISPATCHED"})),
            ),
            ("GET", format!("{LEADS}/{dispatched}"), None),
            ("GET", format!("{LEADS}/{own}"), None),
            (
                "POST",
                format!("{LEADS}/{dispatched}/follow-ups"),
                Some(json!({"content": "called back"})),
            ),
            ("GET", format!("{LEADS}/{dispatched}/follow-ups"), None),
            (
                "POST",
                format!("{LEADS}/{dispatched}/outbound-calls"),
                Some(json!({})),
            ),
            (
                "POST",
                format!("{LEADS}/{own}/outbound-calls"),
                Some(json!({})),
            ),
            (
                "PUT",
                format!("{LEADS}/{own}/status"),
                Some(json!({"status": "FOLLOWING"})),
            ),
            (
                "PUT",
                format!("{LEADS}/{dispatched}/status"),
                Some(json!({"status": "CONVERTED"})),
            ),
            (
                "PUT",
                format!("{LEADS}/{dispatched}/status"),
                Some(json!({"status": "NEW"})),
            ),
            (
                "POST",
                format!("{LEADS}/{dispatched}/outbound-calls"),
                Some(json!({})),
            ),
            ("POST", format!("{LEADS}/export"), Some(json!({}))),
        ] {
            let r = c
                .send(method, &path, &[], body.map(|b| b.to_string()))
                .await;
            assert!(r.status < 500, "{method} {path}: {}", r.text);
            seen.push(shown(&r));
        }
        // The outbound call's masked callee is checked with a voice gateway in leads_calls.rs.
        let r = c
            .post(&format!("{LEADS}/{own}/outbound-calls"), json!({}))
            .await;
        r.expect(400, "CBC.99100261");
        seen.push(shown(&r));
        let csv = c.post(&format!("{LEADS}/export"), json!({})).await;
        assert_eq!(csv.text.lines().count(), 3, "{}", csv.text);
        assert!(csv.text.contains("****"));
        seen.push(shown(&csv));
        // Wrongly typed contacts are refused without echoing them.
        let r = c
            .post(
                LEADS,
                json!({"customer_name": "X", "mobile_phone": phone.parse::<u64>().unwrap()}),
            )
            .await;
        r.expect(400, "CBC.0100");
        seen.push(shown(&r));
        let r = c
            .post(
                LEADS,
                json!({"customer_name": "X", "email": format!("{email} x")}),
            )
            .await;
        r.expect(400, "CBC.0100");
        seen.push(shown(&r));
        // The log captured the operations, with the contacts masked.
        let log = logs.text();
        assert!(
            log.contains(&format!("lead.id={dispatched}")),
            "lead creation was not logged"
        );
        // (Placed calls, and their log lines, need a voice gateway: leads_calls.rs.)
        seen.push(log);
        for raw in [&phone, &email, &phone2, &email2] {
            for (i, text) in seen.iter().enumerate() {
                assert!(
                    !text.contains(raw.as_str()),
                    "raw contact in output #{i}:\n{text}"
                );
            }
        }
    }
);

both_backends!(
    plan_1_partners_see_contacts_but_calls_never_reveal_them,
    |srv: tests::TestServer| async move {
        let p = partner_with(&srv, "RESELLER", json!({})).await;
        let am = staff(&srv, &p, &["account_manager"], None).await;
        let (phone, email) = contact();
        let id = dispatch_lead(&srv, &p, &phone, &email).await;
        let v = am
            .client
            .get(&format!("{LEADS}/{id}"), &[])
            .await
            .expect(200, "");
        assert_eq!(v["mobile_phone"], phone.as_str());
        assert_eq!(v["email"], email.as_str());
        assert_eq!(v["contacts_masked"], false);
        // Calls go through the voice gateway (leads_calls.rs checks their masked callee); a
        // caller without a phone is refused without the number.
        let r = am
            .client
            .post(&format!("{LEADS}/{id}/outbound-calls"), json!({}))
            .await;
        r.expect(400, "CBC.99100261");
        assert!(!r.text.contains(&phone));
        let csv = am.client.post(&format!("{LEADS}/export"), json!({})).await;
        assert!(csv.text.contains(&phone));
    }
);
