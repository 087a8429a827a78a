//! One table of figures, each with its ceiling and ratio, to stdout and to a JSON file.

use crate::calibrate::Ceilings;
use crate::drive::Outcome;
use crate::scenarios::{Export, Paging};
use serde::Serialize;
use std::path::Path;

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub figure: String,
    pub value: f64,
    pub ceiling_name: String,
    pub ceiling: f64,
    pub ratio: f64,
    pub target: String,
    pub met: bool,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub errors: u64,
    pub ledger_ok: bool,
}

#[derive(Debug, Serialize)]
pub struct Report {
    pub backend: String,
    pub profile: String,
    pub commit: String,
    pub pool_size: u32,
    pub connections: usize,
    pub date: String,
    pub ceilings: Ceilings,
    pub rows: Vec<Row>,
}

impl Report {
    pub fn new(a: &crate::Args, ceilings: Ceilings) -> Self {
        Report {
            backend: a.backend.clone(),
            profile: a.profile.clone(),
            commit: a.commit.clone(),
            pool_size: a.pool_size,
            connections: a.connections,
            date: chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            ceilings,
            rows: Vec::new(),
        }
    }

    fn ceiling(&self, name: &str) -> &Outcome {
        match name {
            "L_hot" => &self.ceilings.l_hot,
            "L_read" => &self.ceilings.l_read,
            _ => &self.ceilings.l_pay,
        }
    }

    /// A throughput figure against its ceiling; `min_ratio` 0 means a latency-only row.
    pub fn load(
        &mut self,
        figure: &str,
        o: &Outcome,
        ceiling: &str,
        min_ratio: f64,
        ledger_ok: bool,
    ) {
        let c = self.ceiling(ceiling).clone();
        let (value, ceil, target, met) = if min_ratio > 0.0 {
            let ratio = o.per_sec / c.per_sec.max(1e-9);
            (
                o.per_sec,
                c.per_sec,
                format!("≥ {min_ratio} × {ceiling}, 0 errors"),
                ratio >= min_ratio && o.errors == 0,
            )
        } else {
            (
                o.p99_ms,
                c.p99_ms,
                format!("p99 ≤ 3 × {ceiling} p99"),
                o.p99_ms <= 3.0 * c.p99_ms && o.errors == 0,
            )
        };
        self.rows.push(Row {
            figure: figure.into(),
            value,
            ceiling_name: ceiling.into(),
            ceiling: ceil,
            ratio: value / ceil.max(1e-9),
            target,
            met: met && ledger_ok,
            p50_ms: o.p50_ms,
            p99_ms: o.p99_ms,
            errors: o.errors,
            ledger_ok,
        });
        for s in &o.samples {
            eprintln!("  error sample: {s}");
        }
    }

    pub fn paging(&mut self, figure: &str, p: &Paging) {
        self.rows.push(Row {
            figure: figure.into(),
            value: p.page1000_p50_ms,
            ceiling_name: "page 1 p50 ms".into(),
            ceiling: p.page1_p50_ms,
            ratio: p.ratio,
            target: "≤ 2".into(),
            met: p.ratio <= 2.0,
            p50_ms: p.page1000_p50_ms,
            p99_ms: 0.0,
            errors: 0,
            ledger_ok: true,
        });
    }

    pub fn export(&mut self, e: &Export, ledger_ok: bool) {
        let ratio = e.rows_per_sec / self.ceilings.l_copy_rows_per_sec.max(1e-9);
        self.rows.push(Row {
            figure: format!(
                "P6 CSV export of {} rows (rows/s; first byte {:.0} ms; RSS +{:.1} MB)",
                e.rows, e.first_byte_ms, e.rss_growth_mb
            ),
            value: e.rows_per_sec,
            ceiling_name: "L_copy".into(),
            ceiling: self.ceilings.l_copy_rows_per_sec,
            ratio,
            target: "≥ 0.3 × L_copy, RSS < 64 MB, first byte < 500 ms".into(),
            met: ratio >= 0.3 && e.rss_growth_mb < 64.0 && e.first_byte_ms < 500.0 && ledger_ok,
            p50_ms: e.first_byte_ms,
            p99_ms: 0.0,
            errors: 0,
            ledger_ok,
        });
    }

    pub fn print(&self) {
        println!(
            "\nPartner BSS benchmark — backend {}, profile {}, commit {}, pool {}, {} connections",
            self.backend, self.profile, self.commit, self.pool_size, self.connections
        );
        let c = &self.ceilings;
        println!(
            "ceilings: L_pay {:.0}/s (p50 {:.2} ms, p99 {:.2} ms) · L_hot {:.0}/s · L_read {:.0}/s · L_copy {:.0} rows/s",
            c.l_pay.per_sec, c.l_pay.p50_ms, c.l_pay.p99_ms, c.l_hot.per_sec, c.l_read.per_sec, c.l_copy_rows_per_sec
        );
        println!(
            "{:<62} {:>10} {:>8} {:>10} {:>6} {:>8} {:>8} {:>6} {:>6}  target",
            "figure", "value", "ceiling", "", "ratio", "p50 ms", "p99 ms", "errors", "ledger"
        );
        for r in &self.rows {
            println!(
                "{:<62} {:>10.1} {:>8} {:>10.1} {:>6.2} {:>8.2} {:>8.2} {:>6} {:>6}  {} {}",
                r.figure,
                r.value,
                r.ceiling_name,
                r.ceiling,
                r.ratio,
                r.p50_ms,
                r.p99_ms,
                r.errors,
                if r.ledger_ok { "ok" } else { "BAD" },
                r.target,
                if r.met { "met" } else { "MISSED" }
            );
        }
    }

    pub fn write(&self, dir: &Path, backend: &str) -> Result<(), String> {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
        let day = chrono::Utc::now().format("%Y-%m-%d");
        let path = dir.join(format!("{day}-{backend}-{}.json", self.profile));
        let text = serde_json::to_string_pretty(self).map_err(|e| e.to_string())?;
        std::fs::write(&path, text).map_err(|e| e.to_string())?;
        println!("written {}", path.display());
        Ok(())
    }
}
