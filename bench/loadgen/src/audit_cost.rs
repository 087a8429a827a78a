//! What audit events cost PayOrders: the same P2 load, alternately against the server (audit
//! on) and a second server of the same binary on the same database started with
//! `--bench-without-audit`, in rounds on, off, off, on so that the drift of a shared machine
//! weighs on both sides alike. Each round pays its own slice of orders.

use crate::drive::{self, Outcome};
use crate::http::Signer;
use crate::scenarios;
use crate::seed::Seeded;
use std::sync::Arc;

/// One server of the comparison.
pub struct Side {
    pub signer: Signer,
    pub pid: u32,
}

/// P2 with audit events (`.0`) and without (`.1`), each summed over its two rounds.
pub async fn run(
    on: &Side,
    off: &Side,
    seed: &Arc<Seeded>,
    conc: usize,
    secs: f64,
) -> (Outcome, Outcome) {
    let quarter = (seed.audit_orders.len() / 4).max(1);
    let slices: Vec<Arc<Vec<(usize, String)>>> = seed
        .audit_orders
        .chunks(quarter)
        .take(4)
        .map(|c| Arc::new(c.to_vec()))
        .collect();
    let (mut with, mut without) = (Vec::new(), Vec::new());
    for (round, orders) in slices.into_iter().enumerate() {
        let audited = round == 0 || round == 3;
        let side = if audited { on } else { off };
        drive::watch_server(side.pid);
        let o = scenarios::pay(&side.signer, seed, orders, conc, secs, None).await;
        if audited { &mut with } else { &mut without }.push(o);
    }
    drive::watch_server(on.pid);
    (merge(&with), merge(&without))
}

/// Rounds as one measurement: requests over the time they took; the worse p99.
fn merge(rounds: &[Outcome]) -> Outcome {
    let requests: u64 = rounds.iter().map(|o| o.requests).sum();
    let seconds: f64 = rounds.iter().map(|o| o.seconds).sum();
    let n = (requests as f64).max(1.0);
    let weighted =
        |f: fn(&Outcome) -> f64| rounds.iter().map(|o| f(o) * o.requests as f64).sum::<f64>() / n;
    Outcome {
        requests,
        errors: rounds.iter().map(|o| o.errors).sum(),
        per_sec: requests as f64 / seconds.max(1e-9),
        p50_ms: weighted(|o| o.p50_ms),
        p99_ms: rounds.iter().map(|o| o.p99_ms).fold(0.0, f64::max),
        seconds,
        samples: rounds.iter().flat_map(|o| o.samples.clone()).collect(),
        server_cpu_ms_per_op: weighted(|o| o.server_cpu_ms_per_op),
        loadgen_cpu_ms_per_op: weighted(|o| o.loadgen_cpu_ms_per_op),
    }
}
