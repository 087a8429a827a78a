//! 16 workers pay, cancel and refund random orders of 3 hot customers for 10 s
//! (ORDER_STRESS_SECS); afterwards every order is paid at most once, money is conserved and
//! every balance equals its ledger. And two parallel payments of one order never both succeed.

use domain::orders::{OrderStatus, OrderType};
use rand::{Rng, SeedableRng};
use serde_json::json;
use std::time::{Duration, Instant};
use tests::both_backends;
use tests::fixtures::{assert_ledger, customer};
use tests::fixtures_orders::{customer_credit, order, plain, recharge_customer, PAY};

fn secs() -> u64 {
    std::env::var("ORDER_STRESS_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10)
}

both_backends!(
    two_parallel_payments_one_wins,
    |srv: tests::TestServer| async move {
        let c = customer(&srv).await;
        recharge_customer(&srv, &c.id, "1000").await;
        for _ in 0..20 {
            let o = order(&srv, &c.id, "1", json!({})).await;
            let (a, b) = tokio::join!(c.client.post(PAY, plain(&o)), c.client.post(PAY, plain(&o)));
            let mut statuses = [a.status, b.status];
            statuses.sort();
            assert_eq!(statuses, [204, 400], "{} / {}", a.text, b.text);
            let loser = if a.status == 400 { a } else { b };
            assert_eq!(loser.code(), "CBC.99003106");
        }
        assert_eq!(
            tests::fixtures::cash(&srv, "customer", &c.id).await,
            100_000 - 2000
        );
        assert_ledger(&srv).await;
    }
);

both_backends!(
    random_payments_cancels_and_refunds,
    |srv: tests::TestServer| async move {
        let mut customers = Vec::new();
        for _ in 0..3 {
            let c = customer(&srv).await;
            recharge_customer(&srv, &c.id, "5000").await;
            customer_credit(&srv, &c.id, "3000").await;
            customers.push(c);
        }
        let mut orders = Vec::new();
        for i in 0..300 {
            let c = &customers[i % 3];
            let cents = 100 + (i * 37 % 9000);
            orders.push((
                i % 3,
                order(
                    &srv,
                    &c.id,
                    &format!("{}.{:02}", cents / 100, cents % 100),
                    json!({}),
                )
                .await,
            ));
        }
        let deadline = Instant::now() + Duration::from_secs(secs());
        let mut workers = Vec::new();
        for w in 0..16u64 {
            let clients: Vec<_> = customers.iter().map(|c| c.client.clone()).collect();
            let (op, orders) = (srv.operator(), orders.clone());
            workers.push(tokio::spawn(async move {
                let mut rng = rand::rngs::StdRng::seed_from_u64(w);
                let mut done = 0;
                while Instant::now() < deadline {
                    let (who, o) = &orders[rng.gen_range(0..orders.len())];
                    let r = match rng.gen_range(0..10) {
                        0..=5 => clients[*who].post(PAY, plain(o)).await,
                        6 => {
                            clients[*who]
                                .put("/v2/orders/customer-orders/cancel", json!({"order_id": o}))
                                .await
                        }
                        _ => {
                            op.post(
                                &format!("/v2/operator/orders/{o}/unsubscribe"),
                                json!({"refund_amount": "0.50"}),
                            )
                            .await
                        }
                    };
                    let fine = matches!(r.status, 200 | 204)
                        || matches!(
                            r.code().as_str(),
                            "CBC.99003106" | "CBC.99005010" | "CBC.99005003" | "CBC.99100063"
                        );
                    assert!(fine, "unexpected {}: {}", r.status, r.text);
                    done += 1;
                }
                done
            }));
        }
        let mut total = 0;
        for w in workers {
            total += w.await.unwrap();
        }
        // Every order: paid at most once, and its DEDEUCT rows equal what it says was paid.
        let db = srv.db.clone();
        let ids: Vec<String> = customers.iter().map(|c| c.id.clone()).collect();
        let (paid_orders, conserved) = tokio::task::spawn_blocking(move || {
            db.read(|conn| {
                use persistence::repo::{accounts, ledger_query, orders};
                let f = orders::OrderFilter {
                    customer_ids: Some(ids.clone()),
                    ..Default::default()
                };
                let all = orders::page(conn, &f, 0, 1_000_000)?;
                let mut paid = 0;
                let (mut out, mut back) = (0i64, 0i64);
                // Unsubscription orders (type 4) carry the refunds, counted on their originals.
                for o in all
                    .iter()
                    .filter(|o| o.order_type != OrderType::Unsubscribe)
                {
                    let mut debits = 0;
                    let mut n = 0;
                    for (kind, acct) in [("customer", 1), ("customer", 2)] {
                        let lf = ledger_query::LedgerFilter {
                            owner_kind: kind.into(),
                            owner_id: o.customer_id.clone(),
                            account_type: acct,
                            trade_id: Some(o.id.clone()),
                            ..Default::default()
                        };
                        for r in ledger_query::page(conn, &lf, 0, 100)? {
                            debits += r.amount_cents;
                            n += 1;
                        }
                    }
                    assert!(n <= 2, "order {} has {n} payment rows", o.id);
                    let spent = o.paid_from_balances().cents();
                    assert_eq!(-debits, spent, "order {}", o.id);
                    assert!(o.refunded.cents() <= spent);
                    paid += usize::from(o.status == OrderStatus::Completed);
                    out += spent;
                    back += o.refunded.cents();
                }
                let mut held = 0i64;
                for id in &ids {
                    for a in accounts::for_owner(conn, "customer", id)? {
                        held += a.balance_cents;
                    }
                }
                // Each customer started with 5000 cash and 3000 credit.
                Ok::<_, persistence::StoreError>((paid, held == 3 * 800_000 - out + back))
            })
        })
        .await
        .unwrap()
        .unwrap();
        assert!(conserved, "money was created or destroyed");
        assert_ledger(&srv).await;
        eprintln!(
            "{:?}: {total} operations, {paid_orders} orders paid",
            srv.backend
        );
        assert!(paid_orders > 10 && total > 100);
    }
);
