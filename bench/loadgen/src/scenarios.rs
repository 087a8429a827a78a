//! The benchmark scenarios P1–P6 over HTTP with signed requests.

use crate::drive::{self, Outcome};
use crate::http::Signer;
use crate::seed::Seeded;
use serde::Serialize;
use serde_json::json;
use std::sync::Arc;
use std::time::Instant;

fn check(r: Result<crate::http::Reply, String>, ok: u16) -> Result<(), String> {
    match r {
        Ok(r) if r.status == ok => Ok(()),
        Ok(r) => Err(format!(
            "{}: {}",
            r.status,
            String::from_utf8_lossy(&r.body)
        )),
        Err(e) => Err(e),
    }
}

/// The HTTP stack's own ceiling on this machine: unauthenticated `GET /healthz` (no
/// signature, no database) from the same load generator.
pub async fn http_floor(s: &Signer, conc: usize, secs: f64) -> Outcome {
    let s = s.clone();
    drive::closed(conc, secs, u64::MAX, move |_| {
        let s = s.clone();
        async move {
            let r = s
                .http
                .get(format!("{}/healthz", s.base))
                .send()
                .await
                .map_err(|e| e.to_string())?;
            let status = r.status().as_u16();
            r.bytes().await.map_err(|e| e.to_string())?;
            if status == 200 {
                Ok(())
            } else {
                Err(format!("healthz answered {status}"))
            }
        }
    })
    .await
}

/// P1: signed balance reads by many customers.
pub async fn balances(s: &Signer, seed: &Arc<Seeded>, conc: usize, secs: f64) -> Outcome {
    let (s, seed) = (s.clone(), seed.clone());
    drive::closed(conc, secs, u64::MAX, move |i| {
        let (s, seed) = (s.clone(), seed.clone());
        async move {
            let k = &seed.customers[i as usize % seed.customers.len()];
            check(
                s.call(
                    &k.ak,
                    &k.sk,
                    "GET",
                    "/v2/accounts/customer-accounts/balances",
                    &[],
                    None,
                )
                .await,
                200,
            )
        }
    })
    .await
}

fn pay_body(order: &str) -> serde_json::Value {
    json!({"order_id": order, "use_coupon": "NO", "use_discount": "NO"})
}

/// P2/P3: PayOrders over `orders` (customer index, order id), each paid once.
pub async fn pay(
    s: &Signer,
    seed: &Arc<Seeded>,
    orders: Arc<Vec<(usize, String)>>,
    conc: usize,
    secs: f64,
    rate: Option<f64>,
) -> Outcome {
    let (s, seed, n) = (s.clone(), seed.clone(), orders.len() as u64);
    let op = move |i: u64| {
        let (s, seed, orders) = (s.clone(), seed.clone(), orders.clone());
        async move {
            let (ci, id) = &orders[i as usize];
            let k = &seed.customers[*ci];
            check(
                s.call(
                    &k.ak,
                    &k.sk,
                    "POST",
                    "/v3/orders/customer-orders/pay",
                    &[],
                    Some(&pay_body(id)),
                )
                .await,
                204,
            )
        }
    };
    match rate {
        None => drive::closed(conc, secs, n, op).await,
        Some(r) => drive::open(r, secs, n, op).await,
    }
}

/// P3: the partner pays its customers' orders on their behalf, all from one account.
pub async fn partner_pays(s: &Signer, seed: &Arc<Seeded>, conc: usize, secs: f64) -> Outcome {
    let (s, seed) = (s.clone(), seed.clone());
    let n = seed.agent_orders.len() as u64;
    drive::closed(conc, secs, n, move |i| {
        let (s, seed) = (s.clone(), seed.clone());
        async move {
            let Some(p) = &seed.partner else {
                return Err("no partner".into());
            };
            let path = format!(
                "/v2/partners/sub-customers/orders/{}/pay",
                seed.agent_orders[i as usize]
            );
            check(
                s.call(
                    &p.ak,
                    &p.sk,
                    "POST",
                    &path,
                    &[],
                    Some(&json!({"use_coupon": "NO", "use_discount": "NO"})),
                )
                .await,
                204,
            )
        }
    })
    .await
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct Paging {
    /// The deep page measured: 1,000, or the last full page of a smaller list (smoke sizes).
    pub deep_page: i64,
    pub page1_p50_ms: f64,
    pub page1000_p50_ms: f64,
    pub ratio: f64,
}

/// P5: page 1 against page 1,000 (offset 9,990) of one list, sequentially; a list shorter
/// than 10,000 rows is measured at its last full page instead (an empty page says nothing).
pub async fn paging(
    s: &Signer,
    seed: &Arc<Seeded>,
    path: &str,
    base: &[(&str, &str)],
    rounds: usize,
) -> Result<Paging, String> {
    let p = seed.partner.clone().ok_or("no partner")?;
    let mut q: Vec<(&str, &str)> = base.to_vec();
    q.push(("limit", "10"));
    let first = s.call(&p.ak, &p.sk, "GET", path, &q, None).await?;
    let total = serde_json::from_slice::<serde_json::Value>(&first.body)
        .ok()
        .and_then(|v| v["total_count"].as_i64())
        .unwrap_or(0);
    let deep = (total - 10).clamp(0, 9990);
    let deep_offset = deep.to_string();
    let mut t1 = Vec::new();
    let mut t1000 = Vec::new();
    for _ in 0..rounds {
        for (offset, out) in [("0", &mut t1), (deep_offset.as_str(), &mut t1000)] {
            let mut q: Vec<(&str, &str)> = base.to_vec();
            q.push(("offset", offset));
            q.push(("limit", "10"));
            let start = Instant::now();
            check(s.call(&p.ak, &p.sk, "GET", path, &q, None).await, 200)?;
            out.push(start.elapsed().as_secs_f64() * 1000.0);
        }
    }
    let p50 = |v: &mut Vec<f64>| {
        v.sort_by(|a, b| a.total_cmp(b));
        v.get(v.len() / 2).copied().unwrap_or(0.0)
    };
    let (a, b) = (p50(&mut t1), p50(&mut t1000));
    Ok(Paging {
        deep_page: deep / 10 + 1,
        page1_p50_ms: a,
        page1000_p50_ms: b,
        ratio: b / a.max(1e-9),
    })
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct Export {
    pub rows: u64,
    pub rows_per_sec: f64,
    pub first_byte_ms: f64,
    pub rss_growth_mb: f64,
}

fn rss_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// P6: the CSV export of the partner's ledger, streamed; RSS sampled while it runs.
pub async fn export(s: &Signer, seed: &Arc<Seeded>, server_pid: u32) -> Result<Export, String> {
    let p = seed.partner.clone().ok_or("no partner")?;
    let before = rss_kb(server_pid);
    let peak = Arc::new(std::sync::atomic::AtomicU64::new(before));
    let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let sampler = {
        let (peak, done) = (peak.clone(), done.clone());
        tokio::spawn(async move {
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                peak.fetch_max(rss_kb(server_pid), std::sync::atomic::Ordering::Relaxed);
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            }
        })
    };
    let date = signing::format_sdk_date(chrono::Utc::now().timestamp());
    let path = "/v2/accounts/partner-accounts/account-change-records/export";
    let q = [("balance_type", "BALANCE_TYPE_DEBIT")];
    let qs = signing::build_query(&q);
    let headers = [
        ("Content-Type", "application/json"),
        ("Host", s.host.as_str()),
        ("X-Sdk-Date", date.as_str()),
    ];
    let auth = signing::sign("GET", path, &qs, &headers, b"", &p.ak, &p.sk);
    let start = Instant::now();
    let mut resp = s
        .http
        .get(format!("{}{path}?{qs}", s.base))
        .header("Content-Type", "application/json")
        .header("X-Sdk-Date", &date)
        .header("Authorization", auth)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if resp.status().as_u16() != 200 {
        return Err(format!("export answered {}", resp.status()));
    }
    let (mut first, mut lines) = (None, 0u64);
    while let Some(chunk) = resp.chunk().await.map_err(|e| e.to_string())? {
        first.get_or_insert_with(|| start.elapsed().as_secs_f64() * 1000.0);
        lines += chunk.iter().filter(|b| **b == b'\n').count() as u64;
    }
    let secs = start.elapsed().as_secs_f64();
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    let _ = sampler.await;
    let rows = lines.saturating_sub(1);
    let growth = peak
        .load(std::sync::atomic::Ordering::Relaxed)
        .saturating_sub(before);
    Ok(Export {
        rows,
        rows_per_sec: rows as f64 / secs.max(1e-9),
        first_byte_ms: first.unwrap_or(0.0),
        rss_growth_mb: growth as f64 / 1024.0,
    })
}
