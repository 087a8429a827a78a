//! S11 customer invitations: invite rules, every association failure reason (stored with its
//! message and the partner's action), re-send and listing.

use serde_json::json;
use tests::both_backends;
use tests::channel::{customer_with, org, with_db};
use tests::fixtures::unique;
use tests::invitations::{
    accept_path, failed_with, invite_customer as invite, refused, seen,
    CUSTOMER_INVITATIONS as INVITE,
};

both_backends!(
    every_failure_reason_is_stored_with_its_action,
    |srv: tests::TestServer| async move {
        let p = org(&srv, "DISTRIBUTOR").await;
        // Success, then CODE_USED for a second use (the association stays).
        let ok = customer_with(&srv, json!({})).await;
        let (id, code) = invite(&p, &ok, "2").await;
        let mine = ok
            .client
            .get("/v2/customers/invitations", &[])
            .await
            .expect(200, "");
        assert_eq!(mine["invitations"][0]["invitation_code"], code.as_str());
        assert!(mine["invitations"][0]["partner_name"].is_string());
        ok.client
            .post(&accept_path(&code), json!({}))
            .await
            .expect(204, "");
        let i = seen(p.client(), &id).await;
        assert_eq!(
            (i["association_status"].as_str(), i["customer_id"].as_str()),
            (Some("ASSOCIATED"), Some(ok.id.as_str()))
        );
        assert!(i["failure_reason_code"].is_null() && i["invitation_code"].is_null());
        let list = p
            .client()
            .post(
                "/v2/partners/sub-customers/query",
                json!({"customer_id": ok.id}),
            )
            .await
            .expect(200, "");
        assert_eq!(list["customer_infos"][0]["association_type"], "2");
        refused(&ok, &code, "CBC.99100082").await;
        assert_eq!(
            seen(p.client(), &id).await["association_status"],
            "ASSOCIATED"
        );
        // HAS_CREDIT_ACCOUNT only blocks resale; then CODE_USED; a re-send gives a fresh code.
        let credit = customer_with(&srv, json!({"has_credit_account": true})).await;
        let (id, code) = invite(&p, &credit, "2").await;
        refused(&credit, &code, "CBC.99100083").await;
        let i = failed_with(&p, &id, "FAILED", "HAS_CREDIT_ACCOUNT").await;
        assert!(i["partner_action"].as_str().unwrap().contains("referral"));
        refused(&credit, &code, "CBC.99100082").await;
        failed_with(&p, &id, "FAILED", "CODE_USED").await;
        let again = p
            .client()
            .post(&format!("{INVITE}/{id}/resend"), json!({}))
            .await
            .expect(200, "");
        assert_ne!(again["invitation_code"], code.as_str());
        let i = seen(p.client(), &id).await;
        assert_eq!(
            (i["association_status"].as_str(), i["resend_count"].as_i64()),
            (Some("PENDING"), Some(1))
        );
        let credit2 = customer_with(&srv, json!({"has_credit_account": true})).await;
        let (_, code) = invite(&p, &credit2, "1").await;
        credit2
            .client
            .post(&accept_path(&code), json!({}))
            .await
            .expect(204, "");
        // IS_PARTNER, SPECIAL_CONTRACT (terminated, then a re-sent invitation succeeds).
        let partnerish = customer_with(&srv, json!({"is_partner": true})).await;
        let (id, code) = invite(&p, &partnerish, "1").await;
        refused(&partnerish, &code, "CBC.99100084").await;
        failed_with(&p, &id, "FAILED", "IS_PARTNER").await;
        let contract = customer_with(&srv, json!({"special_contract": true})).await;
        let (id, code) = invite(&p, &contract, "2").await;
        refused(&contract, &code, "CBC.99100086").await;
        failed_with(&p, &id, "FAILED", "SPECIAL_CONTRACT").await;
        let cid = contract.id.clone();
        with_db(&srv, move |conn| {
            use diesel::prelude::*;
            use persistence::schema::customers as t;
            Ok(diesel::update(t::table.find(&cid))
                .set(t::special_contract.eq(false))
                .execute(conn)?)
        })
        .await;
        let again = p
            .client()
            .post(&format!("{INVITE}/{id}/resend"), json!({}))
            .await
            .expect(200, "");
        contract
            .client
            .post(
                &accept_path(again["invitation_code"].as_str().unwrap()),
                json!({}),
            )
            .await
            .expect(204, "");
        // BOUND_TO_OTHER_PARTNER.
        let other = org(&srv, "RESELLER").await;
        let taken = customer_with(&srv, json!({})).await;
        let (id, code) = invite(&p, &taken, "2").await;
        let (_, theirs) = invite(&other, &taken, "1").await;
        taken
            .client
            .post(&accept_path(&theirs), json!({}))
            .await
            .expect(204, "");
        refused(&taken, &code, "CBC.99100085").await;
        failed_with(&p, &id, "FAILED", "BOUND_TO_OTHER_PARTNER").await;
        // LINK_NOT_FOUND: unknown codes, someone else's code (no oracle), a replaced link.
        let late = customer_with(&srv, json!({})).await;
        let (id, old) = invite(&p, &late, "2").await;
        refused(&late, &unique("nocode"), "CBC.99100080").await;
        refused(&ok, &old, "CBC.99100080").await;
        assert_eq!(
            seen(p.client(), &id).await["association_status"],
            "PENDING",
            "a stranger changes nothing"
        );
        let new = p
            .client()
            .post(&format!("{INVITE}/{id}/resend"), json!({}))
            .await
            .expect(200, "");
        refused(&late, &old, "CBC.99100080").await;
        failed_with(&p, &id, "FAILED", "LINK_NOT_FOUND").await;
        late.client
            .post(
                &accept_path(new["invitation_code"].as_str().unwrap()),
                json!({}),
            )
            .await
            .expect(204, "");
        // LINK_EXPIRED: shown as soon as it expires, stored when the customer tries.
        let slow = customer_with(&srv, json!({})).await;
        let (id, code) = invite(&p, &slow, "2").await;
        srv.clock.advance(chrono::Duration::days(7));
        failed_with(&p, &id, "EXPIRED", "LINK_EXPIRED").await;
        refused(&slow, &code, "CBC.99100081").await;
        let i = failed_with(&p, &id, "EXPIRED", "LINK_EXPIRED").await;
        assert!(i["failed_on"].as_str().is_some());
    }
);

both_backends!(
    invite_rules_listing_and_resend,
    |srv: tests::TestServer| async move {
        let p = org(&srv, "SOLUTION_PROVIDER").await;
        let c = p.client();
        let a = customer_with(&srv, json!({"email": "a@example.com"})).await;
        // By e-mail: the code is e-mailed through the outbox.
        let v = c
            .post(
                INVITE,
                json!({"email": "a@example.com", "association_type": "2", "remark": "hi"}),
            )
            .await
            .expect(201, "");
        let code = v["invitation_code"].as_str().unwrap();
        assert_eq!(v["expire_time"], "2026-12-02T12:00:00Z");
        let out = srv
            .operator()
            .get("/v2/operator/outbox", &[("recipient", "a@example.com")])
            .await
            .expect(200, "");
        assert_eq!(
            (
                out["messages"][0]["channel"].as_str(),
                out["messages"][0]["purpose"].as_str()
            ),
            (Some("EMAIL"), Some("CUSTOMER_INVITATION"))
        );
        assert!(out["messages"][0]["content"]
            .as_str()
            .unwrap()
            .contains(code));
        // A second pending invitation to the same address is refused (the partner's own
        // knowledge); the same customer by account name is another invitee.
        let dup = c
            .post(
                INVITE,
                json!({"email": "a@example.com", "association_type": "1"}),
            )
            .await;
        dup.expect(400, "CBC.99100075");
        let i = seen(c, v["invitation_id"].as_str().unwrap()).await;
        assert_eq!(
            (i["invitee"].as_str(), i["remark"].as_str()),
            (Some("a@example.com"), Some("hi"))
        );
        assert!(
            i["customer_id"].is_null() && i["account_name"].is_null(),
            "nothing about the customer before it accepts"
        );
        a.client
            .post(&accept_path(code), json!({}))
            .await
            .expect(204, "");
        c.post(
            INVITE,
            json!({"account_name": a.name, "association_type": "2"}),
        )
        .await
        .expect(400, "CBC.99100074");
        let r = c
            .post(
                &format!("{INVITE}/{}/resend", v["invitation_id"].as_str().unwrap()),
                json!({}),
            )
            .await;
        r.expect(400, "CBC.99100076");
        // Parameters (unknown customers: tests/api/customer_registrations.rs).
        for (body, field) in [
            (json!({"account_name": a.name}), "association_type"),
            (
                json!({"account_name": a.name, "association_type": "3"}),
                "association_type",
            ),
            (json!({"association_type": "2"}), "account_name"),
            (
                json!({"account_name": a.name, "email": "x@y.z", "association_type": "2"}),
                "email",
            ),
            (
                json!({"account_name": a.name, "association_type": "2", "remark": "r".repeat(257)}),
                "remark",
            ),
            (
                json!({"email": "not-an-address", "association_type": "2"}),
                "email",
            ),
            (
                json!({"account_name": "no spaces", "association_type": "2"}),
                "account_name",
            ),
            (
                json!({"account_name": "a@b.example", "association_type": "2"}),
                "account_name",
            ),
        ] {
            let e = c.post(INVITE, body).await;
            e.expect(400, "CBC.0100");
            assert!(e.msg().contains(field), "{}", e.msg());
        }
        // Status filter and paging.
        let b = customer_with(&srv, json!({"is_partner": true})).await;
        let (_, code_b) = invite(&p, &b, "1").await;
        refused(&b, &code_b, "CBC.99100084").await;
        let d = customer_with(&srv, json!({})).await;
        invite(&p, &d, "2").await;
        let count = |s: &'static str| {
            let c = c.clone();
            async move {
                c.get(INVITE, &[("association_status", s)])
                    .await
                    .expect(200, "")["total_count"]
                    .as_i64()
                    .unwrap()
            }
        };
        assert_eq!(
            (
                count("ASSOCIATED").await,
                count("FAILED").await,
                count("PENDING").await,
                count("EXPIRED").await
            ),
            (1, 1, 1, 0)
        );
        let page = c
            .get(INVITE, &[("limit", "1"), ("offset", "1")])
            .await
            .expect(200, "");
        assert_eq!(
            (
                page["total_count"].as_i64(),
                page["invitations"].as_array().unwrap().len()
            ),
            (Some(3), 1)
        );
        for (k, v) in [
            ("association_status", "DONE"),
            ("limit", "0"),
            ("offset", "x"),
        ] {
            let e = c.get(INVITE, &[(k, v)]).await;
            e.expect(400, "CBC.0100");
            assert!(e.msg().contains(k), "{}", e.msg());
        }
        let e = d
            .client
            .get(
                "/v2/customers/invitations",
                &[("association_status", "NOPE")],
            )
            .await;
        e.expect(400, "CBC.0100");
        assert_eq!(
            d.client
                .get(
                    "/v2/customers/invitations",
                    &[("association_status", "PENDING")]
                )
                .await
                .expect(200, "")["total_count"],
            1
        );
    }
);
