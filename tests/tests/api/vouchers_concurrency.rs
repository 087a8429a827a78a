//! 16 workers issue, reclaim and pass quota between a distributor and two resellers for 10 s
//! (VOUCHER_STRESS_SECS). Afterwards every quota adds up (granted = balance + issued −
//! reclaimed + passed on − taken back), no balance is negative, and records match coupons 1:1.

use rand::{Rng, SeedableRng};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tests::both_backends;
use tests::fixtures_vouchers::*;
use tests::Client;

fn secs() -> u64 {
    std::env::var("VOUCHER_STRESS_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10)
}

fn first_str(v: &Value, list: &str, key: &str, pick: usize) -> Option<String> {
    let items = v[list].as_array()?;
    let item = items.get(pick % items.len().max(1))?;
    item[key].as_str().map(str::to_owned)
}

/// A usable coupon `c` issued (for `indirect`, as its distributor), if any.
async fn some_coupon(c: &Client, indirect: Option<&str>, pick: usize) -> Option<String> {
    let mut q = vec![("status", "2"), ("limit", "20")];
    if let Some(i) = indirect {
        q.push(("indirect_partner_id", i));
    }
    first_str(
        &c.get(COUPONS, &q).await.json(),
        "user_coupons",
        "coupon_id",
        pick,
    )
}

both_backends!(
    concurrent_issue_reclaim_and_moves_keep_quotas_whole,
    |srv: tests::TestServer| async move {
        let (d, r1, r2) = channel(&srv).await;
        let q = quota(&srv, d.id(), "20000", json!({})).await;
        let dc = resale(&srv, &d.party, 2).await;
        let rc = [
            resale(&srv, &r1.party, 1).await,
            resale(&srv, &r2.party, 1).await,
        ];
        let rs = [
            (r1.id().to_owned(), r1.client.clone()),
            (r2.id().to_owned(), r2.client.clone()),
        ];
        let ok = Arc::new(AtomicI64::new(0));
        let refused = Arc::new(AtomicI64::new(0));
        let deadline = Instant::now() + Duration::from_secs(secs());
        let mut workers = Vec::new();
        for w in 0..16u64 {
            let (dcl, q, dc, rc, rs) = (
                d.client.clone(),
                q.clone(),
                dc.clone(),
                rc.clone(),
                rs.clone(),
            );
            let (ok, refused) = (ok.clone(), refused.clone());
            workers.push(tokio::spawn(async move {
                let mut rng = rand::rngs::StdRng::seed_from_u64(w);
                while Instant::now() < deadline {
                    let i = rng.gen_range(0..2usize);
                    let pick = rng.gen_range(0..20usize);
                    let face = format!("{}.{:02}", rng.gen_range(1..60), rng.gen_range(0..100));
                    let (rid, rcl) = (&rs[i].0, &rs[i].1);
                    let r = match rng.gen_range(0..10) {
                        0..=2 => dcl.post(COUPONS, json!({"quota_id": q, "customer_ids": dc, "face_value": face})).await,
                        3 => dcl.post(ADJUST, json!({"quota_id": q, "indirect_partner_ids": [rs[0].0, rs[1].0], "quota_amount": face})).await,
                        4 => {
                            let issued = dcl.get(ISSUED_QUOTAS, &[("indirect_partner_id", rid), ("limit", "100")]).await.json();
                            let Some(child) = first_str(&issued, "quotas", "quota_id", pick) else { continue };
                            dcl.post(RECLAIM_QUOTAS, json!({"quota_ids": [child]})).await
                        }
                        5 | 6 => {
                            let mine = rcl.post(QUOTAS, json!({"quota_status_list": [0]})).await.json();
                            let Some(child) = first_str(&mine, "quotas", "quota_id", 0) else { continue };
                            rcl.post(COUPONS, json!({"quota_id": child, "customer_ids": rc[i], "face_value": face})).await
                        }
                        7 => {
                            let Some(c) = some_coupon(&dcl, None, pick).await else { continue };
                            dcl.post(RECLAIM, json!({"coupon_id": c})).await
                        }
                        8 => {
                            let Some(c) = some_coupon(rcl, None, pick).await else { continue };
                            rcl.post(RECLAIM, json!({"coupon_id": c})).await
                        }
                        _ => {
                            let Some(c) = some_coupon(&dcl, Some(rid), pick).await else { continue };
                            dcl.post(RECLAIM, json!({"coupon_id": c, "indirect_partner_id": rid})).await
                        }
                    };
                    match (r.status, r.code().as_str()) {
                        (204, _) | (200, "") => ok.fetch_add(1, Ordering::Relaxed),
                        // Reclaimed by another worker first; a reseller quota taken back meanwhile.
                        (200, "CBC.99000048") | (400, "CBC.99000012") => refused.fetch_add(1, Ordering::Relaxed),
                        (s, _) => panic!("unexpected answer {s}: {}", r.text),
                    };
                }
            }));
        }
        let mut audits = 0;
        while !workers.iter().all(|w| w.is_finished()) {
            tokio::time::sleep(Duration::from_millis(1500)).await;
            assert_vouchers(&srv).await;
            audits += 1;
        }
        for w in workers {
            w.await.unwrap();
        }
        assert_vouchers(&srv).await;
        let (ok, refused) = (ok.load(Ordering::Relaxed), refused.load(Ordering::Relaxed));
        let coupons = d.client.get(COUPONS, &[]).await.expect(200, "")["total_count"]
            .as_i64()
            .unwrap();
        eprintln!("{:?}: {ok} operations, {refused} refused, {coupons} distributor coupons, {audits} audits", srv.backend);
        assert!(
            ok > 100 && coupons > 10,
            "too little happened: {ok} operations, {coupons} coupons"
        );
    }
);
