//! 16 workers move money at random for 10 s (MONEY_STRESS_SECS) between a distributor, two
//! resellers and their customers over HTTP. In periodic snapshots and at the end: Σ cash =
//! Σ recharges, no balance negative, every balance equals its ledger.

use rand::{Rng, SeedableRng};
use serde_json::json;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tests::both_backends;
use tests::fixtures::{assert_ledger, link, partner, recharge, sub_customer, user};

fn secs() -> u64 {
    std::env::var("MONEY_STRESS_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10)
}

both_backends!(
    random_money_moves_conserve_money,
    |srv: tests::TestServer| async move {
        let d = partner(&srv, "DISTRIBUTOR").await;
        let r1 = partner(&srv, "RESELLER").await;
        let r2 = partner(&srv, "RESELLER").await;
        link(&srv, &d, &r1).await;
        link(&srv, &d, &r2).await;
        let da = user(&srv, &d, &["finance"]).await.client;
        let ra = [
            user(&srv, &r1, &["finance"]).await.client,
            user(&srv, &r2, &["finance"]).await.client,
        ];
        let dc = [
            sub_customer(&srv, &d, "2").await.id,
            sub_customer(&srv, &d, "2").await.id,
        ];
        let rc = [
            sub_customer(&srv, &r1, "2").await.id,
            sub_customer(&srv, &r2, "2").await.id,
        ];
        let rid = [r1.id.clone(), r2.id.clone()];
        recharge(&srv, &d, "1000").await;
        let recharged = Arc::new(AtomicI64::new(100_000));
        let stop = Arc::new(AtomicBool::new(false));
        let ok = Arc::new(AtomicI64::new(0));
        let refused = Arc::new(AtomicI64::new(0));
        let deadline = Instant::now() + Duration::from_secs(secs());
        let mut workers = Vec::new();
        for w in 0..16u64 {
            let (op, da, ra, dc, rc, rid) = (
                srv.operator(),
                da.clone(),
                ra.clone(),
                dc.clone(),
                rc.clone(),
                rid.clone(),
            );
            let (recharged, ok, refused) = (recharged.clone(), ok.clone(), refused.clone());
            let d_id = d.id.clone();
            workers.push(tokio::spawn(async move {
            let mut rng = rand::rngs::StdRng::seed_from_u64(w);
            while Instant::now() < deadline {
                let cents: i64 = rng.gen_range(1..5_000);
                let amount = format!("{}.{:02}", cents / 100, cents % 100);
                let i = rng.gen_range(0..2);
                let r = match rng.gen_range(0..8) {
                    0 => {
                        let r = op.post(&format!("/v2/operator/partners/{d_id}/recharge"), json!({"amount": amount})).await;
                        if r.status == 200 {
                            recharged.fetch_add(cents, Ordering::SeqCst);
                        }
                        r
                    }
                    1 => da.post("/v2/accounts/partner-accounts/indirect-partner-adjust", json!({"indirect_partner_id": rid[i], "amount": amount})).await,
                    2 => da.post("/v2/accounts/partner-accounts/indirect-partner-reclaim", json!({"indirect_partner_id": rid[i], "amount": amount})).await,
                    3 => da.post("/v2/accounts/partner-accounts/adjust-amount", json!({"customer_id": dc[i], "amount": amount})).await,
                    4 => da.post("/v2/accounts/partner-accounts/reclaim", json!({"customer_id": dc[i], "amount": amount})).await,
                    5 => ra[i].post("/v2/accounts/partner-accounts/adjust-amount", json!({"customer_id": rc[i], "amount": amount})).await,
                    6 => ra[i].post("/v2/accounts/partner-accounts/reclaim", json!({"customer_id": rc[i], "amount": amount})).await,
                    _ => da.post("/v2/accounts/partner-accounts/adjust-amount", json!({"customer_id": rc[i], "amount": amount, "indirect_partner_id": rid[i]})).await,
                };
                match (r.status, r.code().as_str()) {
                    (200, _) => ok.fetch_add(1, Ordering::Relaxed),
                    (400, "CBC.99005003") => refused.fetch_add(1, Ordering::Relaxed),
                    (s, _) => panic!("unexpected answer {s}: {}", r.text),
                };
            }
        }));
        }
        let mut snapshots = 0;
        while !workers.iter().all(|w| w.is_finished()) {
            tokio::time::sleep(Duration::from_millis(700)).await;
            let snap = assert_ledger(&srv).await;
            assert_eq!(
                snap.cash_total, snap.recharged,
                "money was created or destroyed: {snap:?}"
            );
            snapshots += 1;
        }
        stop.store(true, Ordering::SeqCst);
        for w in workers {
            w.await.unwrap();
        }
        let snap = assert_ledger(&srv).await;
        assert_eq!(snap.cash_total, snap.recharged);
        assert_eq!(
            snap.recharged,
            recharged.load(Ordering::SeqCst),
            "every acknowledged recharge and no other"
        );
        let (ok, refused) = (ok.load(Ordering::Relaxed), refused.load(Ordering::Relaxed));
        eprintln!(
            "{:?}: {ok} moves, {refused} refused for balance, {snapshots} snapshots",
            srv.backend
        );
        assert!(
            ok > 100 && snapshots >= 5,
            "too little happened: {ok} moves, {snapshots} snapshots"
        );
    }
);
