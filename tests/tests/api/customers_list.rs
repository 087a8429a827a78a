//! ListSubCustomers with every filter, a distributor's view of its resellers' customers, and the
//! account manager of a customer.

use diesel::prelude::*;
use serde_json::{json, Value};
use tests::both_backends;
use tests::channel::{link_to, org, with_db};
use tests::fixtures::{customer, unique, user};
use tests::{Client, TestServer};

const LIST: &str = "/v2/partners/sub-customers/query";

/// Associates a fresh customer with `partner` at the current clock, with a name and a label.
async fn sub(
    srv: &TestServer,
    partner: &str,
    kind: &str,
    real: Option<&str>,
    label: Option<&str>,
) -> (String, String) {
    let c = customer(srv).await;
    let (id, pid, kind) = (c.id.clone(), partner.to_owned(), kind.to_owned());
    let (real, label) = (real.map(str::to_owned), label.map(str::to_owned));
    let now = domain::Clock::now(&srv.clock).timestamp();
    with_db(srv, move |conn| {
        use persistence::schema::customers as t;
        persistence::repo::customers::associate(conn, &id, &pid, &kind, now)?;
        diesel::update(t::table.find(&id))
            .set((t::customer_name.eq(&real), t::label.eq(&label)))
            .execute(conn)?;
        Ok(())
    })
    .await;
    (c.id, c.name)
}

async fn ids(c: &Client, body: Value) -> Vec<String> {
    let v = c.post(LIST, body).await.expect(200, "");
    let list: Vec<String> = v["customer_infos"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["customer_id"].as_str().unwrap().to_owned())
        .collect();
    assert!(v["count"].as_u64().unwrap() as usize >= list.len());
    list
}

both_backends!(
    list_sub_customers_filters,
    |srv: tests::TestServer| async move {
        let p = org(&srv, "DISTRIBUTOR").await;
        srv.clock.set("2026-11-01T00:00:00Z".parse().unwrap());
        let (c1, n1) = sub(&srv, p.id(), "2", Some("张三科技Acme"), Some("VIP-gold")).await;
        srv.clock.set("2026-11-10T00:00:00Z".parse().unwrap());
        let (c2, _) = sub(&srv, p.id(), "1", Some("李四"), Some("vip-silver")).await;
        srv.clock.set("2026-11-20T00:00:00Z".parse().unwrap());
        let (c3, _) = sub(&srv, p.id(), "2", None, None).await;
        let other = org(&srv, "DISTRIBUTOR").await;
        sub(&srv, other.id(), "2", None, None).await;
        let c = p.client();
        assert_eq!(
            ids(c, json!({})).await,
            [c3.as_str(), c2.as_str(), c1.as_str()],
            "newest first, only ours"
        );
        let middle = &n1[2..8].to_uppercase();
        assert_eq!(
            ids(c, json!({"account_name": middle})).await,
            [c1.as_str()],
            "fuzzy, case-insensitive"
        );
        assert_eq!(ids(c, json!({"customer": "三科"})).await, [c1.as_str()]);
        assert_eq!(ids(c, json!({"customer": "acme"})).await, [c1.as_str()]);
        assert_eq!(
            ids(c, json!({"label": "VIP"})).await,
            [c1.as_str()],
            "labels are case-sensitive"
        );
        assert_eq!(ids(c, json!({"label": "vip"})).await, [c2.as_str()]);
        assert_eq!(
            ids(c, json!({"association_type": "2"})).await,
            [c3.as_str(), c1.as_str()]
        );
        assert_eq!(
            ids(c, json!({"association_type": "1"})).await,
            [c2.as_str()]
        );
        assert_eq!(ids(c, json!({"associated_on_begin": "2026-11-10T00:00:00Z", "associated_on_end": "2026-11-19T00:00:00Z"})).await, [c2.as_str()]);
        assert_eq!(ids(c, json!({"customer_id": c2})).await, [c2.as_str()]);
        assert_eq!(
            ids(c, json!({"offset": 1, "limit": 1})).await,
            [c2.as_str()]
        );
        assert_eq!(ids(c, json!({"account_name": "", "customer": "", "label": "", "association_type": "", "customer_id": ""})).await.len(), 3);
        let page = c.post(LIST, json!({"limit": 1})).await.expect(200, "");
        assert_eq!(page["count"], 3);
        let i = &page["customer_infos"][0];
        assert_eq!(
            (
                i["verified_status"].as_str(),
                i["customer_type"].as_i64(),
                i["is_frozen"].as_i64()
            ),
            (Some("-1"), Some(-1), Some(0))
        );
        assert_eq!(i["account_managers"], json!([]));
        for (body, field) in [
            (json!({"account_name": "a b"}), "account_name"),
            (json!({"customer": "张 三"}), "customer"),
            (json!({"label": "x y"}), "label"),
            (json!({"association_type": "3"}), "association_type"),
            (json!({"associated_on_begin": ""}), "associated_on_begin"),
            (
                json!({"associated_on_end": "2026-11-01T00:00:00+08:00"}),
                "associated_on_end",
            ),
            (json!({"limit": 0}), "limit"),
            (json!({"offset": -1}), "offset"),
            (json!({"customer_id": 7}), "customer_id"),
        ] {
            let e = c.post(LIST, body).await;
            e.expect(400, "CBC.0100");
            assert!(e.msg().contains(field), "{}", e.msg());
        }
    }
);

both_backends!(
    distributors_see_their_resellers_customers_only,
    |srv: tests::TestServer| async move {
        let d = org(&srv, "DISTRIBUTOR").await;
        let r = org(&srv, "RESELLER").await;
        link_to(&srv, &d.party, &r.party).await;
        let (rc, _) = sub(&srv, r.id(), "2", None, None).await;
        let (dc, _) = sub(&srv, d.id(), "2", None, None).await;
        assert_eq!(
            ids(d.client(), json!({"indirect_partner_id": r.id()})).await,
            [rc.as_str()]
        );
        assert_eq!(ids(d.client(), json!({})).await, [dc.as_str()]);
        assert_eq!(ids(r.client(), json!({})).await, [rc.as_str()]);
        // Another distributor sees neither, and cannot name the reseller.
        let d2 = org(&srv, "DISTRIBUTOR").await;
        assert!(ids(d2.client(), json!({"customer_id": rc}))
            .await
            .is_empty());
        let a = d2
            .client()
            .post(LIST, json!({"indirect_partner_id": r.id()}))
            .await;
        a.expect(400, "CBC.99000037");
        let b = d2
            .client()
            .post(LIST, json!({"indirect_partner_id": "missing"}))
            .await;
        assert_eq!(a.msg(), b.msg());
        r.client()
            .post(LIST, json!({"indirect_partner_id": d.id()}))
            .await
            .expect(400, "CBC.99000037");
        let cust = customer(&srv).await;
        cust.client
            .post(LIST, json!({}))
            .await
            .expect(403, "CBC.0151");
        let fin = user(&srv, &d.party, &["finance"]).await;
        assert_eq!(ids(&fin.client, json!({})).await, [dc.as_str()]);
    }
);

both_backends!(
    one_account_manager_per_customer,
    |srv: tests::TestServer| async move {
        let p = org(&srv, "RESELLER").await;
        let (cid, _) = sub(&srv, p.id(), "2", None, None).await;
        let path = format!("/v2/partners/sub-customers/{cid}/account-manager");
        let am1 = user(&srv, &p.party, &["account_manager"]).await;
        let am2 = user(&srv, &p.party, &["account_manager"]).await;
        let c = p.client();
        let managers = |c: Client, cid: String| async move {
            c.post(LIST, json!({"customer_id": cid}))
                .await
                .expect(200, "")["customer_infos"][0]["account_managers"]
                .clone()
        };
        c.put(&path, json!({"account_manager_id": am1.name}))
            .await
            .expect(204, "");
        assert_eq!(
            managers(c.clone(), cid.clone()).await,
            json!([{"account_name": am1.name}])
        );
        c.put(&path, json!({"account_manager_id": am2.name}))
            .await
            .expect(204, "");
        assert_eq!(
            managers(c.clone(), cid.clone()).await,
            json!([{"account_name": am2.name}])
        );
        c.send("DELETE", &path, &[], None).await.expect(204, "");
        assert_eq!(managers(c.clone(), cid.clone()).await, json!([]));
        // Only our account managers, only our customers, only admins and supervisors.
        let fin = user(&srv, &p.party, &["finance"]).await;
        c.put(&path, json!({"account_manager_id": fin.name}))
            .await
            .expect(400, "CBC.99100073");
        let other = org(&srv, "RESELLER").await;
        let (foreign, _) = sub(&srv, other.id(), "2", None, None).await;
        let a = c
            .put(
                &format!("/v2/partners/sub-customers/{foreign}/account-manager"),
                json!({"account_manager_id": am1.name}),
            )
            .await;
        a.expect(400, "CBC.99000035");
        let b = c
            .put(
                &format!("/v2/partners/sub-customers/{}/account-manager", unique("x")),
                json!({"account_manager_id": am1.name}),
            )
            .await;
        assert_eq!(a.msg(), b.msg());
        am1.client
            .put(&path, json!({"account_manager_id": am1.name}))
            .await
            .expect(403, "CBC.0151");
        other
            .client()
            .put(&path, json!({"account_manager_id": am1.name}))
            .await
            .expect(400, "CBC.99000035");
    }
);
