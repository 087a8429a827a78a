//! #18 item 15: inviting a customer reveals nothing about who is a customer, and a person who
//! is not yet one registers through the invitation (`POST /v2/customer-registrations`).

use serde_json::{json, Value};
use tests::both_backends;
use tests::channel::{code_for, customer_with, org, phone, Org};
use tests::fixtures::unique;
use tests::invitations::{accept_path, failed_with, refused, seen, CUSTOMER_INVITATIONS as INVITE};

const REGISTER: &str = "/v2/customer-registrations";

async fn invite(p: &Org, body: Value) -> Value {
    p.client().post(INVITE, body).await.expect(201, "")
}

fn keys(v: &Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
    k.sort();
    k
}

fn code(v: &Value) -> String {
    v["invitation_code"].as_str().unwrap().to_owned()
}

both_backends!(
    inviting_reveals_nothing_about_who_is_a_customer,
    |srv: tests::TestServer| async move {
        let p = org(&srv, "SOLUTION_PROVIDER").await;
        let known_mail = format!("{}@example.com", unique("known"));
        let known = customer_with(&srv, json!({"email": known_mail})).await;
        let twin_mail = format!("{}@example.com", unique("twin"));
        customer_with(&srv, json!({"email": twin_mail})).await;
        customer_with(&srv, json!({"email": twin_mail})).await;
        let ghost_mail = format!("{}@example.com", unique("ghost"));
        let answers = [
            invite(
                &p,
                json!({"account_name": known.name, "association_type": "2"}),
            )
            .await,
            invite(
                &p,
                json!({"account_name": unique("ghost"), "association_type": "2"}),
            )
            .await,
            invite(&p, json!({"email": known_mail, "association_type": "1"})).await,
            invite(&p, json!({"email": ghost_mail, "association_type": "1"})).await,
            invite(&p, json!({"email": twin_mail, "association_type": "1"})).await,
        ];
        for a in &answers {
            assert_eq!(keys(a), keys(&answers[0]), "{a}");
            assert_eq!(a["association_status"], "PENDING");
            assert_eq!(a["expire_time"], answers[0]["expire_time"]);
        }
        // The list shows only what the partner typed, all alike.
        let list = p
            .client()
            .get(INVITE, &[("limit", "100")])
            .await
            .expect(200, "");
        let rows = list["invitations"].as_array().unwrap();
        assert_eq!(rows.len(), 5);
        for r in rows {
            assert_eq!(keys(r), keys(&rows[0]));
            assert_eq!(r["association_status"], "PENDING");
            assert!(r["customer_id"].is_null() && r["account_name"].is_null());
        }
        // An address is mailed whether or not a customer has it, with the same text.
        let outbox = |to: String| {
            let op = srv.operator();
            async move {
                op.get("/v2/operator/outbox", &[("recipient", &to)])
                    .await
                    .expect(200, "")["messages"][0]["content"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            }
        };
        let to_known = outbox(known_mail.clone()).await;
        let to_ghost = outbox(ghost_mail.clone()).await;
        assert!(to_ghost.contains(&code(&answers[3])) && to_ghost.contains(REGISTER));
        assert_eq!(
            to_known
                .replace(&code(&answers[2]), "")
                .replace(&known_mail, ""),
            to_ghost
                .replace(&code(&answers[3]), "")
                .replace(&ghost_mail, ""),
        );
        // The customer invited by account name accepts as before; one of two customers with
        // the invited address accepts too, and sees it among its invitations.
        known
            .client
            .post(&accept_path(&code(&answers[0])), json!({}))
            .await
            .expect(204, "");
        let twin = customer_with(&srv, json!({"email": twin_mail})).await;
        let mine = twin
            .client
            .get("/v2/customers/invitations", &[])
            .await
            .expect(200, "");
        assert_eq!(mine["total_count"], 1, "{mine}");
        twin.client
            .post(&accept_path(&code(&answers[4])), json!({}))
            .await
            .expect(204, "");
        let i = seen(p.client(), answers[4]["invitation_id"].as_str().unwrap()).await;
        assert_eq!(i["customer_id"], twin.id.as_str());
        // A code addressed to someone else is not found for a customer.
        refused(&twin, &code(&answers[1]), "CBC.99100080").await;
    }
);

both_backends!(
    a_person_registers_through_an_invitation,
    |srv: tests::TestServer| async move {
        let p = org(&srv, "DISTRIBUTOR").await;
        let anon = srv.anonymous();
        let mail = format!("{}@example.com", unique("new"));
        let inv = invite(&p, json!({"email": mail, "association_type": "2"})).await;
        let id = inv["invitation_id"].as_str().unwrap();
        let name = unique("newc");
        // Every field checked as CreateSubCustomer checks it, naming it; the code stays usable.
        for (body, field) in [
            (json!({}), "invitation_code"),
            (json!({"invitation_code": ""}), "invitation_code"),
            (
                json!({"invitation_code": "x".repeat(65)}),
                "invitation_code",
            ),
            (
                json!({"invitation_code": code(&inv), "domain_name": "1bad"}),
                "domain_name",
            ),
            (
                json!({"invitation_code": code(&inv), "password": ""}),
                "password",
            ),
            (
                json!({"invitation_code": code(&inv), "mobile_phone": phone()}),
                "verification_code",
            ),
            (
                json!({"invitation_code": code(&inv), "mobile_phone": "123"}),
                "mobile_phone",
            ),
            (
                json!({"invitation_code": code(&inv), "is_close_market_ms": "yes"}),
                "is_close_market_ms",
            ),
            (
                json!({"invitation_code": code(&inv), "cooperation_type": "1"}),
                "cooperation_type",
            ),
            (
                json!({"invitation_code": code(&inv), "indirect_partner_id": "someone"}),
                "indirect_partner_id",
            ),
            (
                json!({"invitation_code": code(&inv), "xaccount_id": "x".repeat(65)}),
                "xaccount_id",
            ),
        ] {
            let e = anon.post(REGISTER, body).await;
            e.expect(400, "CBC.0100");
            assert!(e.msg().contains(field), "{field}: {}", e.msg());
        }
        // A taken name is refused as CreateSubCustomer refuses it.
        let taken = customer_with(&srv, json!({})).await;
        anon.post(
            REGISTER,
            json!({"invitation_code": code(&inv), "domain_name": taken.name}),
        )
        .await
        .expect(400, "CBC.99100001");
        assert_eq!(seen(p.client(), id).await["association_status"], "PENDING");
        // Registered and associated at once, resale as invited, with the invited address.
        let v = anon
            .post(
                REGISTER,
                json!({"invitation_code": code(&inv), "domain_name": name, "password": "Cloud#2024pass", "cooperation_type": "2", "indirect_partner_id": p.id(), "include_association_result": true}),
            )
            .await
            .expect(201, "");
        assert_eq!(v["domain_name"], name.as_str());
        let customer_id = v["domain_id"].as_str().unwrap();
        let i = seen(p.client(), id).await;
        assert_eq!(
            (
                i["association_status"].as_str(),
                i["customer_id"].as_str(),
                i["account_name"].as_str()
            ),
            (Some("ASSOCIATED"), Some(customer_id), Some(name.as_str()))
        );
        let listed = p
            .client()
            .post(
                "/v2/partners/sub-customers/query",
                json!({"customer_id": customer_id}),
            )
            .await
            .expect(200, "");
        assert_eq!(listed["customer_infos"][0]["association_type"], "2");
        assert_eq!(listed["customer_infos"][0]["email"], mail.as_str());
        srv.anonymous()
            .post(
                "/v2/auth/tokens",
                json!({"user_name": name, "password": "Cloud#2024pass"}),
            )
            .await
            .expect(200, "");
        // Single use.
        let again = anon
            .post(
                REGISTER,
                json!({"invitation_code": code(&inv), "domain_name": unique("again")}),
            )
            .await;
        again.expect(400, "CBC.99100082");
        assert_eq!(
            seen(p.client(), id).await["association_status"],
            "ASSOCIATED"
        );
        // A wrong code.
        anon.post(REGISTER, json!({"invitation_code": unique("nocode")}))
            .await
            .expect(400, "CBC.99100080");
        // A code a re-send replaced: LINK_NOT_FOUND, recorded; the new one works, in referral
        // mode as invited, under an account name nobody had, with a mobile number verified by
        // the code the inviting partner sent.
        let ghost = unique("ghost");
        let inv2 = invite(&p, json!({"account_name": ghost, "association_type": "1"})).await;
        let id2 = inv2["invitation_id"].as_str().unwrap();
        let new = p
            .client()
            .post(&format!("{INVITE}/{id2}/resend"), json!({}))
            .await
            .expect(200, "");
        anon.post(REGISTER, json!({"invitation_code": code(&inv2)}))
            .await
            .expect(400, "CBC.99100080");
        failed_with(&p, id2, "FAILED", "LINK_NOT_FOUND").await;
        let ph = phone();
        let sms = code_for(&srv, p.client(), &ph).await;
        let v = anon
            .post(
                REGISTER,
                json!({"invitation_code": code(&new), "domain_name": ghost, "mobile_phone": ph, "verification_code": sms}),
            )
            .await
            .expect(201, "");
        let listed = p
            .client()
            .post(
                "/v2/partners/sub-customers/query",
                json!({"customer_id": v["domain_id"]}),
            )
            .await
            .expect(200, "");
        assert_eq!(listed["customer_infos"][0]["association_type"], "1");
        assert_eq!(listed["customer_infos"][0]["account_name"], ghost.as_str());
        // Expired: refused, and the partner sees LINK_EXPIRED.
        let inv3 = invite(
            &p,
            json!({"email": format!("{}@example.com", unique("late")), "association_type": "2"}),
        )
        .await;
        srv.clock.advance(chrono::Duration::days(7));
        anon.post(REGISTER, json!({"invitation_code": code(&inv3)}))
            .await
            .expect(400, "CBC.99100081");
        failed_with(
            &p,
            inv3["invitation_id"].as_str().unwrap(),
            "EXPIRED",
            "LINK_EXPIRED",
        )
        .await;
    }
);
