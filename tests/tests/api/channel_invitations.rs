//! S3 reseller invitations: each rule with its own code, the life cycle, expiry, listing.

use serde_json::json;
use tests::both_backends;
use tests::channel::{link_to, org, org_in, Org};
use tests::fixtures::unique;

const INVITE: &str = "/v2/partners/indirect-partners/invitations";

fn answer(id: &str, what: &str) -> String {
    format!("{INVITE}/{id}/{what}")
}

async fn invite(d: &Org, r: &Org) -> String {
    let v = d
        .client()
        .post(
            INVITE,
            json!({"indirect_partner_id": r.id(), "remark": "join us"}),
        )
        .await
        .expect(201, "");
    assert_eq!(v["status"], "PENDING");
    v["invitation_id"].as_str().unwrap().to_owned()
}

both_backends!(
    each_invitation_rule_has_its_code,
    |srv: tests::TestServer| async move {
        let d = org(&srv, "DISTRIBUTOR").await;
        let r = org(&srv, "RESELLER").await;
        let v = d
            .client()
            .post(INVITE, json!({"indirect_partner_id": r.id()}))
            .await
            .expect(201, "");
        assert_eq!(v["expire_time"], "2026-12-02T12:00:00Z", "7 days");
        // No second pending invitation for the same pair.
        let dup = d
            .client()
            .post(INVITE, json!({"indirect_partner_id": r.id()}))
            .await;
        dup.expect(400, "CBC.99100070");
        assert!(dup.msg().contains("pending invitation"));
        // The invitee has joined the reseller program (a missing partner answers the same).
        let name = unique("nj");
        srv.operator()
            .post("/v2/operator/partners", json!({"name": "n", "account_name": name, "partner_type": "RESELLER", "country_code": "CN", "reseller_program_joined": false}))
            .await
            .expect(201, "");
        let r1 = d.client().post(INVITE, json!({"account_name": name})).await;
        r1.expect(400, "CBC.99100011");
        assert!(r1.msg().contains("reseller program"));
        let sp = org(&srv, "SOLUTION_PROVIDER").await;
        d.client()
            .post(INVITE, json!({"indirect_partner_id": sp.id()}))
            .await
            .expect(400, "CBC.99100011");
        let missing = d
            .client()
            .post(INVITE, json!({"indirect_partner_id": "nope"}))
            .await;
        missing.expect(400, "CBC.99100011");
        assert_eq!(missing.msg(), r1.msg(), "no existence oracle");
        // Same country/region.
        let de = org_in(&srv, "RESELLER", "DE").await;
        let r2 = d
            .client()
            .post(INVITE, json!({"indirect_partner_id": de.id()}))
            .await;
        r2.expect(400, "CBC.99100012");
        assert!(r2.msg().contains("country"));
        // Not cooperating with another distributor; not already ours.
        let other = org(&srv, "DISTRIBUTOR").await;
        let bound = org(&srv, "RESELLER").await;
        link_to(&srv, &other.party, &bound.party).await;
        let r3 = d
            .client()
            .post(INVITE, json!({"indirect_partner_id": bound.id()}))
            .await;
        r3.expect(400, "CBC.99100013");
        assert!(r3.msg().contains("another distributor"));
        let mine = org(&srv, "RESELLER").await;
        link_to(&srv, &d.party, &mine.party).await;
        d.client()
            .post(INVITE, json!({"indirect_partner_id": mine.id()}))
            .await
            .expect(400, "CBC.99100014");
        // Parameters.
        for (body, field) in [
            (json!({}), "indirect_partner_id"),
            (
                json!({"indirect_partner_id": "a", "account_name": "b"}),
                "account_name",
            ),
            (
                json!({"indirect_partner_id": r.id(), "remark": "x".repeat(257)}),
                "remark",
            ),
            (json!({"account_name": 5}), "account_name"),
        ] {
            let e = d.client().post(INVITE, body).await;
            e.expect(400, "CBC.0100");
            assert!(e.msg().contains(field), "{}", e.msg());
        }
        // By account name.
        let by_name = org(&srv, "RESELLER").await;
        let acct = srv
            .operator()
            .get(&format!("/v2/operator/partners/{}", by_name.id()), &[])
            .await
            .expect(200, "");
        d.client()
            .post(INVITE, json!({"account_name": acct["account_name"]}))
            .await
            .expect(201, "");
    }
);

both_backends!(
    accept_reject_cancel_and_expiry,
    |srv: tests::TestServer| async move {
        let d = org(&srv, "DISTRIBUTOR").await;
        let op = srv.operator();
        // Accept links the reseller; a second answer is refused.
        let r1 = org(&srv, "RESELLER").await;
        let id = invite(&d, &r1).await;
        r1.client()
            .post(&answer(&id, "accept"), json!({}))
            .await
            .expect(204, "");
        let p = op
            .get(&format!("/v2/operator/partners/{}", r1.id()), &[])
            .await
            .expect(200, "");
        assert_eq!(p["parent_partner_id"], d.id());
        let again = r1.client().post(&answer(&id, "reject"), json!({})).await;
        again.expect(400, "CBC.99100071");
        assert!(again.msg().contains("ACCEPTED"));
        // Reject, then a new invitation may be sent, and cancelled.
        let r2 = org(&srv, "RESELLER").await;
        let id2 = invite(&d, &r2).await;
        r2.client()
            .post(&answer(&id2, "reject"), json!({}))
            .await
            .expect(204, "");
        let id3 = invite(&d, &r2).await;
        d.client()
            .post(&answer(&id3, "cancel"), json!({}))
            .await
            .expect(204, "");
        r2.client()
            .post(&answer(&id3, "accept"), json!({}))
            .await
            .expect(400, "CBC.99100071");
        // Expiry after 7 days: EXPIRED in the list, refused, and the pair may be invited again.
        let r3 = org(&srv, "RESELLER").await;
        let id4 = invite(&d, &r3).await;
        srv.clock.advance(chrono::Duration::days(7));
        let listed = r3
            .client()
            .get(INVITE, &[("status", "EXPIRED")])
            .await
            .expect(200, "");
        assert_eq!(listed["total_count"], 1);
        assert_eq!(listed["invitations"][0]["invitation_id"], id4.as_str());
        let pending = r3
            .client()
            .get(INVITE, &[("status", "PENDING")])
            .await
            .expect(200, "");
        assert_eq!(pending["total_count"], 0);
        r3.client()
            .post(&answer(&id4, "accept"), json!({}))
            .await
            .expect(400, "CBC.99100072");
        d.client()
            .post(&answer(&id4, "cancel"), json!({}))
            .await
            .expect(400, "CBC.99100072");
        invite(&d, &r3).await;
        // Accepting one distributor's invitation expires the others' (see below); a new
        // invitation to the reseller is refused by the rules.
        let other = org(&srv, "DISTRIBUTOR").await;
        let r4 = org(&srv, "RESELLER").await;
        let id5 = invite(&d, &r4).await;
        let id6 = invite(&other, &r4).await;
        r4.client()
            .post(&answer(&id6, "accept"), json!({}))
            .await
            .expect(204, "");
        let late = r4.client().post(&answer(&id5, "accept"), json!({})).await;
        late.expect(400, "CBC.99100072");
        d.client()
            .post(INVITE, json!({"indirect_partner_id": r4.id()}))
            .await
            .expect(400, "CBC.99100013");
    }
);

fn statuses(list: &serde_json::Value) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = list["invitations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["invitation_id"].as_str().unwrap().to_owned(),
                i["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    v.sort();
    v
}

both_backends!(
    accepting_one_invitation_expires_the_other_pending_ones,
    |srv: tests::TestServer| async move {
        let r = org(&srv, "RESELLER").await;
        let (d1, d2, d3, d4) = (
            org(&srv, "DISTRIBUTOR").await,
            org(&srv, "DISTRIBUTOR").await,
            org(&srv, "DISTRIBUTOR").await,
            org(&srv, "DISTRIBUTOR").await,
        );
        let a = invite(&d1, &r).await;
        let b = invite(&d2, &r).await;
        let c = invite(&d3, &r).await;
        let rejected = invite(&d4, &r).await;
        r.client()
            .post(&answer(&rejected, "reject"), json!({}))
            .await
            .expect(204, "");
        // Another reseller's pending invitation from the same distributor is untouched.
        let bystander = org(&srv, "RESELLER").await;
        let kept = invite(&d2, &bystander).await;
        r.client()
            .post(&answer(&b, "accept"), json!({}))
            .await
            .expect(204, "");
        // At once, before any expiry time: stored EXPIRED, seen so by both sides.
        let mut want = vec![
            (a.clone(), "EXPIRED".to_owned()),
            (b.clone(), "ACCEPTED".to_owned()),
            (c.clone(), "EXPIRED".to_owned()),
            (rejected.clone(), "REJECTED".to_owned()),
        ];
        want.sort();
        let got = r.client().get(INVITE, &[]).await.expect(200, "");
        assert_eq!(statuses(&got), want);
        let pending = r
            .client()
            .get(INVITE, &[("status", "PENDING")])
            .await
            .expect(200, "");
        assert_eq!(pending["total_count"], 0);
        let expired = r
            .client()
            .get(INVITE, &[("status", "EXPIRED")])
            .await
            .expect(200, "");
        assert_eq!(expired["total_count"], 2);
        let seen_by_d1 = d1.client().get(INVITE, &[]).await.expect(200, "");
        assert_eq!(
            statuses(&seen_by_d1),
            vec![(a.clone(), "EXPIRED".to_owned())]
        );
        // Neither the reseller nor the distributor can answer an expired invitation.
        r.client()
            .post(&answer(&a, "accept"), json!({}))
            .await
            .expect(400, "CBC.99100072");
        r.client()
            .post(&answer(&c, "reject"), json!({}))
            .await
            .expect(400, "CBC.99100072");
        d3.client()
            .post(&answer(&c, "cancel"), json!({}))
            .await
            .expect(400, "CBC.99100072");
        let other = bystander
            .client()
            .get(INVITE, &[("status", "PENDING")])
            .await
            .expect(200, "");
        assert_eq!(statuses(&other), vec![(kept, "PENDING".to_owned())]);
    }
);

both_backends!(
    both_sides_list_with_status_filter_and_paging,
    |srv: tests::TestServer| async move {
        let d = org(&srv, "DISTRIBUTOR").await;
        let mut resellers = Vec::new();
        for _ in 0..3 {
            let r = org(&srv, "RESELLER").await;
            invite(&d, &r).await;
            srv.clock.advance(chrono::Duration::seconds(1));
            resellers.push(r);
        }
        let all = d
            .client()
            .get(INVITE, &[("limit", "2")])
            .await
            .expect(200, "");
        assert_eq!(all["total_count"], 3);
        let page = all["invitations"].as_array().unwrap();
        assert_eq!(page.len(), 2);
        assert_eq!(
            page[0]["indirect_partner_id"],
            resellers[2].id(),
            "newest first"
        );
        assert_eq!(page[0]["status"], "PENDING");
        assert_eq!(page[0]["remark"], "join us");
        assert_eq!(page[0]["distributor_id"], d.id());
        let rest = d
            .client()
            .get(INVITE, &[("offset", "2")])
            .await
            .expect(200, "");
        assert_eq!(rest["invitations"].as_array().unwrap().len(), 1);
        assert_eq!(
            d.client()
                .get(INVITE, &[("status", "ACCEPTED")])
                .await
                .expect(200, "")["total_count"],
            0
        );
        // The reseller sees only what it received, with the distributor's names.
        let got = resellers[0].client().get(INVITE, &[]).await.expect(200, "");
        assert_eq!(got["total_count"], 1);
        assert!(got["invitations"][0]["distributor_account_name"].is_string());
        for (k, v) in [
            ("status", "pending"),
            ("limit", "0"),
            ("limit", "101"),
            ("offset", "-1"),
            ("limit", "x"),
        ] {
            let e = d.client().get(INVITE, &[(k, v)]).await;
            e.expect(400, "CBC.0100");
            assert!(e.msg().contains(k), "{}", e.msg());
        }
    }
);

both_backends!(
    only_the_right_parties_invite_and_answer,
    |srv: tests::TestServer| async move {
        let d = org(&srv, "DISTRIBUTOR").await;
        let d2 = org(&srv, "DISTRIBUTOR").await;
        let r = org(&srv, "RESELLER").await;
        let r2 = org(&srv, "RESELLER").await;
        let id = invite(&d, &r).await;
        // A reseller cannot act as a distributor; a non-admin distributor user cannot invite.
        r.client()
            .post(INVITE, json!({"indirect_partner_id": r2.id()}))
            .await
            .expect(403, "CBC.0151");
        r.client()
            .post(INVITE, json!("not even an object"))
            .await
            .expect(403, "CBC.0151");
        r.client()
            .post(&answer(&id, "cancel"), json!({}))
            .await
            .expect(403, "CBC.0151");
        let am = tests::fixtures::user(&srv, &d.party, &["account_manager"]).await;
        am.client
            .post(INVITE, json!({"indirect_partner_id": r2.id()}))
            .await
            .expect(403, "CBC.0151");
        let sp = org(&srv, "SOLUTION_PROVIDER").await;
        sp.client().get(INVITE, &[]).await.expect(403, "CBC.0151");
        srv.operator()
            .get(INVITE, &[])
            .await
            .expect(403, "CBC.0151");
        srv.anonymous()
            .post(INVITE, json!("x"))
            .await
            .expect(401, "APIGW.0301");
        // Another distributor's invitation, or another reseller's, is not found.
        d2.client()
            .post(&answer(&id, "cancel"), json!({}))
            .await
            .expect(404, "CBC.99100002");
        r2.client()
            .post(&answer(&id, "accept"), json!({}))
            .await
            .expect(404, "CBC.99100002");
        d.client()
            .post(&answer(&id, "accept"), json!({}))
            .await
            .expect(403, "CBC.0151");
        let reseller_user = tests::fixtures::user(&srv, &r.party, &["account_manager"]).await;
        reseller_user
            .client
            .post(&answer(&id, "accept"), json!({}))
            .await
            .expect(403, "CBC.0151");
        assert_eq!(
            d2.client().get(INVITE, &[]).await.expect(200, "")["total_count"],
            0
        );
        assert_eq!(
            r2.client().get(INVITE, &[]).await.expect(200, "")["total_count"],
            0
        );
        r.client()
            .post(&answer(&id, "accept"), json!({}))
            .await
            .expect(204, "");
    }
);
