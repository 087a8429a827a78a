//! Load drivers: a closed loop (fixed concurrency, as fast as answers come) and an open loop
//! (fixed arrival rate, for latency without coordinated omission). Latencies go to HDR
//! histograms in microseconds.

use hdrhistogram::Histogram;
use serde::Serialize;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Serialize, Default)]
pub struct Outcome {
    pub requests: u64,
    pub errors: u64,
    pub per_sec: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub seconds: f64,
    /// The first few error answers, for the report.
    pub samples: Vec<String>,
    /// CPU time (user + system) per operation of the server and of this load generator: on a
    /// shared machine, what a request costs is steadier than how many fit in a second.
    pub server_cpu_ms_per_op: f64,
    pub loadgen_cpu_ms_per_op: f64,
}

static SERVER_PID: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

/// Names the server process whose CPU time the drivers sample (the P2 audit comparison
/// switches between two servers).
pub fn watch_server(pid: u32) {
    SERVER_PID.store(pid, std::sync::atomic::Ordering::Relaxed);
}

/// utime + stime of a process in milliseconds (Linux `/proc/<pid>/stat`, 100 ticks/s).
fn cpu_ms(pid: &str) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| {
            // Fields after the parenthesised command name; utime and stime are 14th and 15th.
            let rest = s.rsplit_once(')')?.1;
            let f: Vec<&str> = rest.split_whitespace().collect();
            let t = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
            Some(t * 10.0)
        })
        .unwrap_or(0.0)
}

struct Cpu(f64, f64);

impl Cpu {
    fn now() -> Cpu {
        let server = match SERVER_PID.load(std::sync::atomic::Ordering::Relaxed) {
            0 => 0.0,
            p => cpu_ms(&p.to_string()),
        };
        Cpu(server, cpu_ms("self"))
    }

    fn per_op(&self, o: &mut Outcome) {
        let end = Cpu::now();
        let n = (o.requests as f64).max(1.0);
        o.server_cpu_ms_per_op = (end.0 - self.0) / n;
        o.loadgen_cpu_ms_per_op = (end.1 - self.1) / n;
    }
}

fn new_hist() -> Histogram<u64> {
    Histogram::new_with_bounds(1, 120_000_000, 3)
        .unwrap_or_else(|_| Histogram::new(3).unwrap_or_else(|_| unreachable!()))
}

fn outcome(h: &Histogram<u64>, errors: u64, elapsed: Duration, samples: Vec<String>) -> Outcome {
    let n = h.len();
    Outcome {
        requests: n,
        errors,
        per_sec: n as f64 / elapsed.as_secs_f64().max(1e-9),
        p50_ms: h.value_at_quantile(0.5) as f64 / 1000.0,
        p99_ms: h.value_at_quantile(0.99) as f64 / 1000.0,
        seconds: elapsed.as_secs_f64(),
        samples,
        ..Outcome::default()
    }
}

/// Runs `op(i)` from `concurrency` workers until `secs` pass or `limit` operations were
/// started; `op` answers Ok(()) or Err(description).
pub async fn closed<F, Fut>(concurrency: usize, secs: f64, limit: u64, op: F) -> Outcome
where
    F: Fn(u64) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<(), String>> + Send,
{
    let cpu = Cpu::now();
    let op = Arc::new(op);
    let next = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs_f64(secs);
    let start = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..concurrency {
        let (op, next) = (op.clone(), next.clone());
        tasks.push(tokio::spawn(async move {
            let mut h = new_hist();
            let (mut errors, mut samples) = (0u64, Vec::new());
            while Instant::now() < deadline {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= limit {
                    break;
                }
                let t = Instant::now();
                let r = op(i).await;
                let _ = h.record(t.elapsed().as_micros().max(1) as u64);
                if let Err(e) = r {
                    errors += 1;
                    if samples.len() < 3 {
                        samples.push(e);
                    }
                }
            }
            (h, errors, samples)
        }));
    }
    let mut all = new_hist();
    let (mut errors, mut samples) = (0, Vec::new());
    for t in tasks {
        if let Ok((h, e, s)) = t.await {
            let _ = all.add(&h);
            errors += e;
            samples.extend(s);
        }
    }
    samples.truncate(5);
    let mut o = outcome(&all, errors, start.elapsed(), samples);
    cpu.per_op(&mut o);
    o
}

/// Starts `op(i)` at `rate` per second for `secs`, whatever the answers take; latency counts
/// from the scheduled start.
pub async fn open<F, Fut>(rate: f64, secs: f64, limit: u64, op: F) -> Outcome
where
    F: Fn(u64) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<(), String>> + Send + 'static,
{
    let cpu = Cpu::now();
    let op = Arc::new(op);
    let start = Instant::now();
    let total = ((rate * secs) as u64).min(limit);
    let gap = Duration::from_secs_f64(1.0 / rate.max(0.001));
    let mut tasks = Vec::new();
    for i in 0..total {
        let due = start + gap * u32::try_from(i).unwrap_or(u32::MAX);
        tokio::time::sleep_until(due.into()).await;
        let op = op.clone();
        tasks.push(tokio::spawn(async move {
            let r = op(i).await;
            (due.elapsed().as_micros().max(1) as u64, r)
        }));
    }
    let mut h = new_hist();
    let (mut errors, mut samples) = (0, Vec::new());
    for t in tasks {
        if let Ok((us, r)) = t.await {
            let _ = h.record(us);
            if let Err(e) = r {
                errors += 1;
                if samples.len() < 5 {
                    samples.push(e);
                }
            }
        }
    }
    let mut o = outcome(&h, errors, start.elapsed(), samples);
    cpu.per_op(&mut o);
    o
}
