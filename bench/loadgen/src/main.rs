//! `loadgen`: seeds a benchmark data set, measures the database's own ceilings, drives the
//! server over HTTP with SDK-signed requests, and reports each figure as a ratio to its ceiling.

mod audit_cost;
mod bills;
mod calibrate;
mod coupons;
mod drive;
mod http;
mod report;
mod scenarios;
mod seed;

use clap::Parser;

// The generator shares the cores with the server; it should cost as little as it can.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Parser)]
#[command(about = "Partner BSS benchmark: ceilings, load, report")]
pub struct Args {
    /// `sqlite` or `postgres` (only labels the report; the URL decides).
    #[arg(long)]
    backend: String,
    #[arg(long)]
    database_url: String,
    /// The running server, e.g. http://127.0.0.1:18080
    #[arg(long)]
    server: String,
    #[arg(long)]
    server_pid: u32,
    /// The server's BSS_MASTER_KEY (to seal the seeded access keys).
    #[arg(long)]
    master_key: String,
    /// `smoke` (seconds, small data) or `full` (the sizes).
    #[arg(long, default_value = "smoke")]
    profile: String,
    /// Seconds per measured scenario (default 2 for smoke, 20 for full).
    #[arg(long)]
    secs: Option<u64>,
    #[arg(long, default_value = "bench/pgbench")]
    pgbench_dir: PathBuf,
    #[arg(long, default_value = "bench/results")]
    out: PathBuf,
    #[arg(long, default_value = "unknown")]
    commit: String,
    #[arg(long, default_value_t = 0)]
    pool_size: u32,
    /// HTTP connections of the closed-loop scenarios.
    #[arg(long, default_value_t = 16)]
    connections: usize,
    /// The operator credential the server was started with (P4 grants its quotas with it).
    #[arg(long, env = "BSS_OPERATOR_AK", default_value = "BENCHOPERATOR")]
    operator_ak: String,
    #[arg(
        long,
        env = "BSS_OPERATOR_SK",
        default_value = "bench-operator-secret-0000"
    )]
    operator_sk: String,
    /// Run only these scenarios (comma-separated: p1,p2,p3,p4,p5,p6,p7), e.g. under `perf`.
    #[arg(long, value_delimiter = ',')]
    only: Vec<String>,
    /// A second server on the same database started with `--bench-without-audit`: P2 then
    /// also compares PayOrders with and without audit events (bench/README.md).
    #[arg(long)]
    server_without_audit: Option<String>,
    #[arg(long, default_value_t = 0)]
    server_without_audit_pid: u32,
}

impl Args {
    fn wants(&self, scenario: &str) -> bool {
        self.only.is_empty() || self.only.iter().any(|s| s.eq_ignore_ascii_case(scenario))
    }
}

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("loadgen: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match rt.block_on(run(args)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("loadgen: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(a: Args) -> Result<(), String> {
    let full = a.profile == "full";
    let secs = a.secs.unwrap_or(if full { 20 } else { 2 });
    let sizes = if full {
        seed::Sizes {
            customers: 10_000,
            orders: 100_000,
            hot_orders: 30_000,
            audit_orders: 40_000,
            ledger_rows: 1_000_000,
        }
    } else {
        seed::Sizes {
            customers: 200,
            orders: 2_000,
            hot_orders: 1_000,
            audit_orders: 4_000,
            ledger_rows: 20_000,
        }
    };
    let key = api::auth::Vault::parse_master_key(&a.master_key).ok_or("bad --master-key")?;
    let vault = api::auth::Vault::new(&key);
    let mut cfg = persistence::DbConfig::new(&a.database_url);
    cfg.pool_size = 4;
    let db = persistence::Db::connect(&cfg).map_err(|e| e.to_string())?;
    let now = chrono::Utc::now().timestamp();
    eprintln!(
        "seeding {} customers, {} orders, {} ledger rows …",
        sizes.customers, sizes.orders, sizes.ledger_rows
    );
    let t = std::time::Instant::now();
    let (db2, sizes2) = (
        db.clone(),
        (
            sizes.customers,
            sizes.orders,
            sizes.hot_orders,
            sizes.audit_orders,
            sizes.ledger_rows,
        ),
    );
    let seeded = tokio::task::spawn_blocking(move || {
        seed::run(
            &db2,
            &vault,
            &seed::Sizes {
                customers: sizes2.0,
                orders: sizes2.1,
                hot_orders: sizes2.2,
                audit_orders: sizes2.3,
                ledger_rows: sizes2.4,
            },
            now,
        )
    })
    .await
    .map_err(|e| e.to_string())?
    .map_err(|e| e.to_string())?;
    eprintln!("seeded in {:.1} s", t.elapsed().as_secs_f64());
    let seeded = Arc::new(seeded);
    let partner_id = seeded
        .partner
        .as_ref()
        .map(|p| p.id.clone())
        .unwrap_or_default();
    eprintln!("calibrating the database ceilings …");
    let ceilings = if a.backend == "postgres" {
        calibrate::postgres(
            &a.database_url,
            &a.pgbench_dir,
            sizes.customers,
            sizes.orders,
            secs,
            &partner_id,
        )?
    } else {
        let path = a.database_url.trim_start_matches("sqlite://").to_owned();
        let (c, o) = (sizes.customers, sizes.orders);
        tokio::task::spawn_blocking(move || calibrate::sqlite(&path, c, o, secs, &partner_id))
            .await
            .map_err(|e| e.to_string())??
    };
    drive::watch_server(a.server_pid);
    let s = http::Signer::new(&a.server);
    let mut ceilings = ceilings;
    ceilings.l_http = scenarios::http_floor(&s, a.connections, (secs as f64 / 2.0).max(1.0)).await;
    let mut r = report::Report::new(&a, ceilings);
    let ledger = |db: persistence::Db| async move {
        tokio::task::spawn_blocking(move || {
            db.read(persistence::repo::accounts::ledger_mismatches)
                .map(|m| m.is_empty())
                .unwrap_or(false)
        })
        .await
        .unwrap_or(false)
    };
    let c = a.connections;
    if a.wants("p1") {
        eprintln!("P1 balance reads …");
        let p1 = scenarios::balances(&s, &seeded, c, secs as f64).await;
        r.load(
            "P1 signed balance reads (req/s)",
            &p1,
            "L_read",
            0.3,
            ledger(db.clone()).await,
        );
        // The same reads against the HTTP stack's own ceiling: on SQLite, L_read is an in-process
        // read no HTTP request can approach (see bench/README.md).
        r.load(
            "P1 signed balance reads vs L_http (req/s, informational)",
            &p1,
            "L_http",
            0.3,
            true,
        );
    }
    if a.wants("p2") {
        eprintln!("P2 PayOrders …");
        let spread: Arc<Vec<(usize, String)>> = Arc::new(seeded.orders.clone());
        let half = spread.len() / 2;
        let first: Arc<Vec<_>> = Arc::new(spread[..half].to_vec());
        let p2 = scenarios::pay(&s, &seeded, first, c, secs as f64, None).await;
        r.load(
            "P2 PayOrders, many customers (paid/s)",
            &p2,
            "L_pay",
            0.6,
            ledger(db.clone()).await,
        );
        let rest: Arc<Vec<_>> = Arc::new(spread[half..].to_vec());
        let rate = (p2.per_sec * 0.5).max(1.0);
        let p2o = scenarios::pay(
            &s,
            &seeded,
            rest,
            c,
            (secs as f64 / 2.0).max(1.0),
            Some(rate),
        )
        .await;
        r.load(
            &format!("P2 open loop at {rate:.0}/s (p99 vs pgbench p99)"),
            &p2o,
            "L_pay",
            0.0,
            ledger(db.clone()).await,
        );
        if let Some(url) = &a.server_without_audit {
            eprintln!("P2 PayOrders with and without audit events …");
            let on = audit_cost::Side {
                signer: s.clone(),
                pid: a.server_pid,
            };
            let off = audit_cost::Side {
                signer: http::Signer::new(url),
                pid: a.server_without_audit_pid,
            };
            let round = (secs as f64 / 2.0).max(1.0);
            let (with, without) = audit_cost::run(&on, &off, &seeded, c, round).await;
            r.audit_cost(&with, &without, ledger(db.clone()).await);
        }
    }
    if a.wants("p3") {
        eprintln!("P3 hot customer and partner on behalf …");
        let hot: Arc<Vec<(usize, String)>> =
            Arc::new(seeded.hot_orders.iter().map(|o| (0, o.clone())).collect());
        let p3 = scenarios::pay(&s, &seeded, hot, c, secs as f64, None).await;
        r.load(
            "P3 PayOrders, one hot customer (paid/s)",
            &p3,
            "L_hot",
            0.6,
            ledger(db.clone()).await,
        );
        let p3b = scenarios::partner_pays(&s, &seeded, c, secs as f64).await;
        r.load(
            "P3 partner pays on behalf, one account (paid/s)",
            &p3b,
            "L_hot",
            0.6,
            ledger(db.clone()).await,
        );
    }
    if a.wants("p4") {
        eprintln!("P4 coupons from one quota …");
        let op = coupons::Operator {
            ak: a.operator_ak.clone(),
            sk: a.operator_sk.clone(),
        };
        let p4 = coupons::run(
            &s,
            &op,
            &seeded,
            &db,
            c,
            secs as f64,
            if full { 2_000 } else { 200 },
        )
        .await?;
        r.issuing(&p4, ledger(db.clone()).await);
    }
    if a.wants("p5") {
        eprintln!("P5 paging …");
        paging(&s, &seeded, full, &mut r, "").await?;
        if a.backend == "postgres" {
            let url = a.database_url.clone();
            let vacuumed =
                tokio::task::spawn_blocking(move || calibrate::vacuum_if_autovacuum_off(&url))
                    .await
                    .map_err(|e| e.to_string())??;
            if vacuumed {
                eprintln!("P5 again after the vacuum autovacuum would have run …");
                paging(&s, &seeded, full, &mut r, " after VACUUM").await?;
            }
        }
    }
    if a.wants("p6") {
        eprintln!("P6 export …");
        let p6 = scenarios::export(&s, &seeded, a.server_pid).await?;
        r.export(&p6, ledger(db.clone()).await);
    }
    if a.wants("p7") {
        eprintln!("P7 bills: ingest, then a month's sums …");
        let op = coupons::Operator {
            ak: a.operator_ak.clone(),
            sk: a.operator_sk.clone(),
        };
        let ingest = bills::ingest(&s, &op, &seeded, &db, if full { 50 } else { 5 }).await?;
        r.ingest(&ingest, ledger(db.clone()).await);
        let records = if full { 10_000_000 } else { 100_000 };
        let month =
            bills::monthly_sum(&s, &seeded, &db, records, if full { 50 } else { 10 }).await?;
        r.monthly_sum(&month);
    }
    r.print();
    r.write(&a.out, &a.backend)
}

/// P5 on the change records and on the orders; `note` labels a repeated measurement.
async fn paging(
    s: &http::Signer,
    seeded: &Arc<seed::Seeded>,
    full: bool,
    r: &mut report::Report,
    note: &str,
) -> Result<(), String> {
    let rounds = if full { 50 } else { 10 };
    let records = scenarios::paging(
        s,
        seeded,
        "/v2/accounts/partner-accounts/account-change-records",
        &[("balance_type", "BALANCE_TYPE_DEBIT")],
        rounds,
    )
    .await?;
    r.paging(&format!("change records{note}"), &records);
    let orders = scenarios::paging(s, seeded, "/v2/orders/customer-orders", &[], rounds).await?;
    r.paging(&format!("orders{note}"), &orders);
    Ok(())
}
