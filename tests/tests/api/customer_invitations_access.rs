//! S11 customer invitations: who may see and handle them, and SYSTEM_BUSY.

use serde_json::json;
use tests::both_backends;
use tests::channel::{customer_with, org};
use tests::invitations::{
    accept_path, failed_with, invite_customer as invite, seen, CUSTOMER_INVITATIONS as INVITE,
};

both_backends!(
    invitations_are_seen_and_handled_only_by_their_partner,
    |srv: tests::TestServer| async move {
        let d = org(&srv, "DISTRIBUTOR").await;
        let r = org(&srv, "RESELLER").await;
        tests::channel::link_to(&srv, &d.party, &r.party).await;
        let c = customer_with(&srv, json!({})).await;
        let (rid, _) = invite(&r, &c, "2").await;
        // A distributor sees and re-sends its reseller's invitations; invites for it, too.
        let v = d
            .client()
            .get(INVITE, &[("indirect_partner_id", r.id())])
            .await
            .expect(200, "");
        assert_eq!(v["total_count"], 1);
        d.client()
            .post(&format!("{INVITE}/{rid}/resend"), json!({}))
            .await
            .expect(200, "");
        let c2 = customer_with(&srv, json!({})).await;
        d.client().post(INVITE, json!({"account_name": c2.name, "association_type": "2", "indirect_partner_id": r.id()})).await.expect(201, "");
        assert_eq!(
            r.client().get(INVITE, &[]).await.expect(200, "")["total_count"],
            2
        );
        assert_eq!(
            d.client().get(INVITE, &[]).await.expect(200, "")["total_count"],
            0
        );
        // Nobody else.
        let d2 = org(&srv, "DISTRIBUTOR").await;
        d2.client()
            .post(&format!("{INVITE}/{rid}/resend"), json!({}))
            .await
            .expect(404, "CBC.99100002");
        let a = d2
            .client()
            .get(INVITE, &[("indirect_partner_id", r.id())])
            .await;
        a.expect(400, "CBC.99000037");
        let other_reseller = org(&srv, "RESELLER").await;
        other_reseller
            .client()
            .post(&format!("{INVITE}/{rid}/resend"), json!({}))
            .await
            .expect(404, "CBC.99100002");
        r.client()
            .get(INVITE, &[("indirect_partner_id", d.id())])
            .await
            .expect(400, "CBC.99000037");
        // Identities: customers accept, partners invite; 401/403 before 400.
        c.client
            .post(INVITE, json!([]))
            .await
            .expect(403, "CBC.0151");
        c.client
            .get(INVITE, &[("limit", "0")])
            .await
            .expect(403, "CBC.0151");
        r.client()
            .post(&accept_path("whatever"), json!({}))
            .await
            .expect(403, "CBC.0151");
        r.client()
            .get("/v2/customers/invitations", &[])
            .await
            .expect(403, "CBC.0151");
        srv.operator()
            .post(INVITE, json!({}))
            .await
            .expect(403, "CBC.0151");
        srv.anonymous()
            .post(&accept_path("x"), json!({}))
            .await
            .expect(401, "APIGW.0301");
        let fin = tests::fixtures::user(&srv, &r.party, &["finance"]).await;
        fin.client
            .post(INVITE, json!({}))
            .await
            .expect(403, "CBC.0151");
    }
);

/// SYSTEM_BUSY: an acceptance that cannot get its locks in time is recorded as such and can be
/// retried with the same code. Forced through a row lock held elsewhere, which only PostgreSQL
/// lets a test hold while the server works (SQLite's writer turn is inside the server).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn system_busy_is_recorded_and_retryable_postgres() {
    use diesel::connection::SimpleConnection;
    let srv = tests::TestServer::start(tests::Backend::Postgres).await;
    let p = org(&srv, "DISTRIBUTOR").await;
    let c = customer_with(&srv, json!({})).await;
    let (id, code) = invite(&p, &c, "2").await;
    let (locked_tx, locked_rx) = std::sync::mpsc::channel();
    let (release_tx, release_rx) = std::sync::mpsc::channel::<()>();
    let (db, cid) = (srv.db.clone(), c.id.clone());
    let holder = std::thread::spawn(move || {
        let mut conn = db.connection().unwrap();
        conn.batch_execute(&format!(
            "BEGIN; SELECT id FROM customers WHERE id = '{cid}' FOR UPDATE;"
        ))
        .unwrap();
        locked_tx.send(()).unwrap();
        release_rx.recv().unwrap();
        conn.batch_execute("COMMIT;").unwrap();
    });
    locked_rx.recv().unwrap();
    let r = c.client.post(&accept_path(&code), json!({})).await;
    r.expect(503, "CBC.0251");
    assert!(r.headers.get("retry-after").is_some());
    failed_with(&p, &id, "FAILED", "SYSTEM_BUSY").await;
    release_tx.send(()).unwrap();
    holder.join().unwrap();
    c.client
        .post(&accept_path(&code), json!({}))
        .await
        .expect(204, "");
    assert_eq!(
        seen(p.client(), &id).await["association_status"],
        "ASSOCIATED"
    );
}
