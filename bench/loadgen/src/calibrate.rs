//! Ceilings measured in the same run on the same machine: pgbench for PostgreSQL, the same
//! bare transactions through one SQLite connection per thread for SQLite.

use crate::drive::Outcome;
use diesel::connection::SimpleConnection;
use diesel::{Connection, RunQueryDsl, SqliteConnection};
use serde::Serialize;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

#[derive(Debug, Clone, Serialize, Default)]
pub struct Ceilings {
    pub l_pay: Outcome,
    pub l_hot: Outcome,
    pub l_read: Outcome,
    /// Rows per second of copying the ledger out.
    pub l_copy_rows_per_sec: f64,
    /// Unauthenticated `GET /healthz` over HTTP: what the server and load generator can do
    /// at all on this machine, with no database (informational for P1).
    pub l_http: Outcome,
}

fn pg_parts(url: &str) -> (String, String) {
    // postgres://user@host:port/db → ("postgres://user@host:port", "db")
    match url.rsplit_once('/') {
        Some((base, db)) => (base.to_owned(), db.to_owned()),
        None => (url.to_owned(), String::new()),
    }
}

fn percentiles(dir: &Path) -> (f64, f64, u64) {
    let mut lat: Vec<u64> = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            if let Ok(text) = std::fs::read_to_string(e.path()) {
                // client_id transaction_no time_us script_no time_epoch time_us_frac
                lat.extend(
                    text.lines()
                        .filter_map(|l| l.split_whitespace().nth(2)?.parse::<u64>().ok()),
                );
            }
        }
    }
    lat.sort_unstable();
    let q = |p: f64| {
        lat.get(((lat.len() as f64 * p) as usize).min(lat.len().saturating_sub(1)))
            .copied()
            .unwrap_or(0) as f64
            / 1000.0
    };
    (q(0.5), q(0.99), lat.len() as u64)
}

fn pgbench(url: &str, args: &[&str], secs: u64) -> Result<Outcome, String> {
    let dir = std::env::temp_dir().join(format!("pgbench-{}", rand::random::<u32>()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let start = Instant::now();
    let out = Command::new("pgbench")
        .current_dir(&dir)
        .args(args)
        .args(["-T", &secs.to_string(), "-l", "--log-prefix", "tx", "-n"])
        .arg(url)
        .output()
        .map_err(|e| format!("pgbench: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "pgbench failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let tps = text
        .lines()
        .find(|l| l.starts_with("tps"))
        .and_then(|l| l.split_whitespace().nth(2))
        .and_then(|v| v.parse::<f64>().ok())
        .unwrap_or(0.0);
    let failed = text
        .lines()
        .find(|l| l.contains("number of failed transactions"))
        .and_then(|l| l.split(':').nth(1))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let (p50, p99, n) = percentiles(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(Outcome {
        requests: n,
        errors: failed,
        per_sec: tps,
        p50_ms: p50,
        p99_ms: p99,
        seconds: start.elapsed().as_secs_f64(),
        samples: vec![],
        ..Outcome::default()
    })
}

fn psql(url: &str, args: &[&str]) -> Result<String, String> {
    let out = Command::new("psql")
        .args(["-X", "-q", "-v", "ON_ERROR_STOP=1"])
        .args(args)
        .arg(url)
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Runs the vacuum that autovacuum would have run by now, when this cluster has autovacuum
/// off (the CI cluster does): without it the visibility map of the just-paid orders is stale
/// and every deep page visits the heap row by row, which a production database (autovacuum on,
/// thresholds per table from the migrations) does not see. Returns whether it vacuumed.
pub fn vacuum_if_autovacuum_off(url: &str) -> Result<bool, String> {
    if psql(url, &["-At", "-c", "SHOW autovacuum"])?.trim() == "on" {
        return Ok(false);
    }
    psql(url, &["-c", "VACUUM (ANALYZE) orders, ledger_entries"])?;
    Ok(true)
}

pub fn postgres(
    url: &str,
    script_dir: &Path,
    customers: usize,
    orders: usize,
    secs: u64,
    partner_id: &str,
) -> Result<Ceilings, String> {
    let script_dir =
        std::fs::canonicalize(script_dir).map_err(|e| format!("{}: {e}", script_dir.display()))?;
    let schema = script_dir.join("schema.sql");
    let pay = script_dir.join("pay.sql");
    let (nc, no) = (customers.to_string(), orders.to_string());
    psql(
        url,
        &[
            "-v",
            &format!("ncust={nc}"),
            "-v",
            &format!("norders={no}"),
            "-f",
            &schema.to_string_lossy(),
        ],
    )?;
    let pay_s = pay.to_string_lossy().into_owned();
    let l_pay = pgbench(
        url,
        &[
            "-M",
            "prepared",
            "-c",
            "16",
            "-j",
            "2",
            "-D",
            &format!("ncust={nc}"),
            "-D",
            &format!("norders={no}"),
            "-f",
            &pay_s,
        ],
        secs,
    )?;
    let l_hot = pgbench(
        url,
        &[
            "-M",
            "prepared",
            "-c",
            "16",
            "-j",
            "2",
            "-D",
            "ncust=1",
            "-D",
            &format!("norders={no}"),
            "-f",
            &pay_s,
        ],
        secs,
    )?;
    let (base, _) = pg_parts(url);
    let _ = base;
    Command::new("pgbench")
        .args(["-i", "-s", "10", "-q", "-n"])
        .arg(url)
        .output()
        .map_err(|e| e.to_string())?;
    let l_read = pgbench(url, &["-S", "-M", "prepared", "-c", "4", "-j", "2"], secs)?;
    let start = Instant::now();
    let copied = psql(url, &["-c", &format!("\\copy (SELECT * FROM ledger_entries WHERE owner_id = '{partner_id}') TO '/dev/null'")])?;
    let _ = copied;
    let rows: f64 = psql(
        url,
        &[
            "-tA",
            "-c",
            &format!("SELECT count(*) FROM ledger_entries WHERE owner_id = '{partner_id}'"),
        ],
    )?
    .trim()
    .parse()
    .unwrap_or(0.0);
    let l_copy = rows / start.elapsed().as_secs_f64().max(1e-9);
    Ok(Ceilings {
        l_pay,
        l_hot,
        l_read,
        l_copy_rows_per_sec: l_copy,
        l_http: Outcome::default(),
    })
}

/// The same bare transactions on SQLite (WAL, synchronous=FULL, BEGIN IMMEDIATE), 16 threads.
pub fn sqlite(
    path: &str,
    customers: usize,
    orders: usize,
    secs: u64,
    partner_id: &str,
) -> Result<Ceilings, String> {
    let path: &'static str = Box::leak(path.to_owned().into_boxed_str());
    let open = move || -> Result<SqliteConnection, String> {
        let mut c = SqliteConnection::establish(path).map_err(|e| e.to_string())?;
        c.batch_execute(
            "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000; PRAGMA synchronous=FULL;",
        )
        .map_err(|e| e.to_string())?;
        Ok(c)
    };
    let mut c = open()?;
    c.batch_execute(&format!(
        "DROP TABLE IF EXISTS cal_ledger; DROP TABLE IF EXISTS cal_accounts; DROP TABLE IF EXISTS cal_orders;
         CREATE TABLE cal_accounts (id INTEGER PRIMARY KEY, balance INTEGER NOT NULL);
         CREATE TABLE cal_ledger (seq INTEGER PRIMARY KEY AUTOINCREMENT, account_id INTEGER NOT NULL, amount INTEGER NOT NULL, created_at INTEGER NOT NULL);
         CREATE TABLE cal_orders (id INTEGER PRIMARY KEY, status INTEGER NOT NULL);
         WITH RECURSIVE g(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM g WHERE x < {a}) INSERT INTO cal_accounts SELECT x, 1000000000 FROM g;
         WITH RECURSIVE g(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM g WHERE x < {o}) INSERT INTO cal_orders SELECT x, 6 FROM g;",
        a = 2 * customers,
        o = orders
    ))
    .map_err(|e| e.to_string())?;
    // The server takes turns on one in-process writer lock; so does the ceiling. (Without it,
    // 16 connections spin in SQLite's busy handler and the "ceiling" falls to a few hundred
    // per second, far below what the database can do.)
    let turn: &'static std::sync::Mutex<()> = Box::leak(Box::new(std::sync::Mutex::new(())));
    let pay = |ncust: usize| {
        move || -> Result<Outcome, String> {
            threads(
                16,
                secs,
                move |conn, i| {
                    let c = (i as usize * 7919) % ncust + 1;
                    let o = (i as usize * 104_729) % orders + 1;
                    let _turn = turn.lock().unwrap_or_else(|p| p.into_inner());
                    conn.batch_execute(&format!(
                "BEGIN IMMEDIATE; SELECT id, balance FROM cal_accounts WHERE id IN ({a}, {b}) ORDER BY id;
                 UPDATE cal_accounts SET balance = balance - 1 WHERE id = {a}; UPDATE cal_accounts SET balance = balance - 1 WHERE id = {b};
                 INSERT INTO cal_ledger (account_id, amount, created_at) VALUES ({a}, -1, 0); INSERT INTO cal_ledger (account_id, amount, created_at) VALUES ({b}, -1, 0);
                 UPDATE cal_orders SET status = 5 WHERE id = {o}; COMMIT;",
                a = 2 * c - 1, b = 2 * c
            ))
                },
                open,
            )
        }
    };
    let l_pay = pay(customers)()?;
    let l_hot = pay(1)()?;
    let l_read = threads(
        4,
        secs,
        move |conn, i| {
            let id = (i as usize * 7919) % (2 * customers) + 1;
            diesel::sql_query(format!("SELECT balance FROM cal_accounts WHERE id = {id}"))
                .execute(conn)
                .map(drop)
        },
        open,
    )?;
    // Every column of every row of the partner's ledger, read and decoded (`execute` on a
    // SELECT reports the last write's row count, not the rows read).
    let start = Instant::now();
    let mut n = 0u64;
    {
        use diesel::prelude::*;
        use persistence::repo::ledger::LedgerRow;
        use persistence::schema::ledger_entries as le;
        let rows = le::table
            .filter(le::owner_id.eq(partner_id))
            .select(LedgerRow::as_select())
            .load_iter::<LedgerRow, diesel::connection::DefaultLoadingMode>(&mut c)
            .map_err(|e| e.to_string())?;
        for r in rows {
            r.map_err(|e| e.to_string())?;
            n += 1;
        }
    }
    let l_copy = n as f64 / start.elapsed().as_secs_f64().max(1e-9);
    Ok(Ceilings {
        l_pay,
        l_hot,
        l_read,
        l_copy_rows_per_sec: l_copy,
        l_http: Outcome::default(),
    })
}

fn threads(
    n: usize,
    secs: u64,
    work: impl Fn(&mut SqliteConnection, u64) -> diesel::QueryResult<()> + Send + Sync + Copy + 'static,
    open: impl Fn() -> Result<SqliteConnection, String> + Send + Copy + 'static,
) -> Result<Outcome, String> {
    let start = Instant::now();
    let deadline = start + std::time::Duration::from_secs(secs);
    let handles: Vec<_> = (0..n)
        .map(|t| {
            std::thread::spawn(move || -> Result<(Vec<u64>, u64), String> {
                let mut conn = open()?;
                let (mut lat, mut errors) = (Vec::new(), 0);
                let mut i = t as u64 * 1_000_000;
                while Instant::now() < deadline {
                    let s = Instant::now();
                    if work(&mut conn, i).is_err() {
                        errors += 1;
                        let _ = conn.batch_execute("ROLLBACK");
                    }
                    lat.push(s.elapsed().as_micros() as u64);
                    i += 1;
                }
                Ok((lat, errors))
            })
        })
        .collect();
    let (mut lat, mut errors) = (Vec::new(), 0);
    for h in handles {
        let (l, e) = h
            .join()
            .map_err(|_| "calibration thread panicked".to_owned())??;
        lat.extend(l);
        errors += e;
    }
    lat.sort_unstable();
    let q = |p: f64| {
        lat.get(((lat.len() as f64 * p) as usize).min(lat.len().saturating_sub(1)))
            .copied()
            .unwrap_or(0) as f64
            / 1000.0
    };
    let elapsed = start.elapsed().as_secs_f64();
    Ok(Outcome {
        requests: lat.len() as u64,
        errors,
        per_sec: lat.len() as f64 / elapsed,
        p50_ms: q(0.5),
        p99_ms: q(0.99),
        seconds: elapsed,
        samples: vec![],
        ..Outcome::default()
    })
}
