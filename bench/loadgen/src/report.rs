//! One table of figures, each with its ceiling and ratio, to stdout and to a JSON file.

use crate::bills::{Ingest, MonthlySum};
use crate::calibrate::Ceilings;
use crate::coupons::Issuing;
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
    /// CPU ms per operation: server, load generator (0 where not sampled).
    pub server_cpu_ms: f64,
    pub loadgen_cpu_ms: f64,
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
    /// P4's answers next to what the database holds, per quota.
    pub p4: Option<Issuing>,
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
            p4: None,
        }
    }

    fn ceiling(&self, name: &str) -> &Outcome {
        match name {
            "L_hot" => &self.ceilings.l_hot,
            "L_read" => &self.ceilings.l_read,
            "L_http" => &self.ceilings.l_http,
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
            server_cpu_ms: o.server_cpu_ms_per_op,
            loadgen_cpu_ms: o.loadgen_cpu_ms_per_op,
        });
        for s in &o.samples {
            eprintln!("  error sample: {s}");
        }
    }

    /// P2 with audit events against the same load without them: the audit log may cost
    /// PayOrders less than 10 % of its throughput.
    pub fn audit_cost(&mut self, with: &Outcome, without: &Outcome, ledger_ok: bool) {
        let ratio = with.per_sec / without.per_sec.max(1e-9);
        let errors = with.errors + without.errors;
        self.rows.push(Row {
            figure: "P2 PayOrders with audit events vs without (paid/s)".into(),
            value: with.per_sec,
            ceiling_name: "P2 without audit".into(),
            ceiling: without.per_sec,
            ratio,
            target: "≥ 0.9 × without audit, 0 errors".into(),
            met: ratio >= 0.9 && errors == 0 && ledger_ok,
            p50_ms: with.p50_ms,
            p99_ms: with.p99_ms,
            errors,
            ledger_ok,
            server_cpu_ms: with.server_cpu_ms_per_op,
            loadgen_cpu_ms: with.loadgen_cpu_ms_per_op,
        });
        eprintln!(
            "  audit cost: {:.0} paid/s with events ({:.3} server CPU ms each), {:.0} without ({:.3} ms): ratio {ratio:.3}",
            with.per_sec, with.server_cpu_ms_per_op, without.per_sec, without.server_cpu_ms_per_op
        );
        for s in with.samples.iter().chain(&without.samples) {
            eprintln!("  error sample: {s}");
        }
    }

    /// P4: issued/s against L_hot; "ledger" also means no over-issue on either quota.
    pub fn issuing(&mut self, p: &Issuing, ledger_ok: bool) {
        let c = self.ceilings.l_hot.per_sec;
        let ratio = p.load.per_sec / c.max(1e-9);
        let whole = p.ok() && ledger_ok;
        let errors = p.load.errors + p.exhaust.errors;
        self.rows.push(Row {
            figure: "P4 coupons issued from one quota (issued/s)".into(),
            value: p.load.per_sec,
            ceiling_name: "L_hot".into(),
            ceiling: c,
            ratio,
            target: "≥ 0.5 × L_hot, 0 errors, 0 over-issue".into(),
            met: ratio >= 0.5 && errors == 0 && whole,
            p50_ms: p.load.p50_ms,
            p99_ms: p.load.p99_ms,
            errors,
            ledger_ok: whole,
            server_cpu_ms: p.load.server_cpu_ms_per_op,
            loadgen_cpu_ms: p.load.loadgen_cpu_ms_per_op,
        });
        for o in [&p.load, &p.exhaust] {
            for s in &o.samples {
                eprintln!("  error sample: {s}");
            }
        }
        self.p4 = Some(p.clone());
    }

    pub fn paging(&mut self, list: &str, p: &Paging) {
        self.rows.push(Row {
            figure: format!("P5 {list} page {} / page 1", p.deep_page),
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
            server_cpu_ms: 0.0,
            loadgen_cpu_ms: 0.0,
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
            server_cpu_ms: 0.0,
            loadgen_cpu_ms: 0.0,
        });
    }

    pub fn ingest(&mut self, i: &Ingest, ledger_ok: bool) {
        self.rows.push(Row {
            figure: format!(
                "P7 fee records ingested, {} in batches of 1,000 (records/s)",
                i.records
            ),
            value: i.api_per_sec,
            ceiling_name: "L_ingest".into(),
            ceiling: i.ceiling_per_sec,
            ratio: i.ratio,
            target: "≥ 0.3 × L_ingest".into(),
            met: i.ratio >= 0.3 && ledger_ok,
            p50_ms: 0.0,
            p99_ms: 0.0,
            errors: 0,
            ledger_ok,
            server_cpu_ms: 0.0,
            loadgen_cpu_ms: 0.0,
        });
    }

    pub fn monthly_sum(&mut self, m: &MonthlySum) {
        self.rows.push(Row {
            figure: format!(
                "P7 monthly sums p1 ({} customers, {} records, {} sums) / small list p1",
                m.customers, m.records, m.sum_rows
            ),
            value: m.monthly_p50_ms,
            ceiling_name: "small p50 ms".into(),
            ceiling: m.small_p50_ms,
            ratio: m.ratio,
            target: "≤ 2".into(),
            met: m.ratio <= 2.0,
            p50_ms: m.monthly_p50_ms,
            p99_ms: 0.0,
            errors: 0,
            ledger_ok: true,
            server_cpu_ms: 0.0,
            loadgen_cpu_ms: 0.0,
        });
    }

    pub fn print(&self) {
        println!(
            "\nPartner BSS benchmark — backend {}, profile {}, commit {}, pool {}, {} connections",
            self.backend, self.profile, self.commit, self.pool_size, self.connections
        );
        let c = &self.ceilings;
        println!(
            "ceilings: L_pay {:.0}/s (p50 {:.2} ms, p99 {:.2} ms) · L_hot {:.0}/s · L_read {:.0}/s · L_copy {:.0} rows/s · L_http {:.0}/s",
            c.l_pay.per_sec, c.l_pay.p50_ms, c.l_pay.p99_ms, c.l_hot.per_sec, c.l_read.per_sec, c.l_copy_rows_per_sec, c.l_http.per_sec
        );
        println!(
            "{:<62} {:>10} {:>8} {:>10} {:>6} {:>8} {:>8} {:>6} {:>6} {:>11}  target",
            "figure",
            "value",
            "ceiling",
            "",
            "ratio",
            "p50 ms",
            "p99 ms",
            "errors",
            "ledger",
            "cpu ms/op"
        );
        for r in &self.rows {
            println!(
                "{:<62} {:>10.1} {:>8} {:>10.1} {:>6.2} {:>8.2} {:>8.2} {:>6} {:>6} {:>11}  {} {}",
                r.figure,
                r.value,
                r.ceiling_name,
                r.ceiling,
                r.ratio,
                r.p50_ms,
                r.p99_ms,
                r.errors,
                if r.ledger_ok { "ok" } else { "BAD" },
                if r.server_cpu_ms > 0.0 {
                    format!("{:.2}+{:.2}", r.server_cpu_ms, r.loadgen_cpu_ms)
                } else {
                    String::new()
                },
                r.target,
                if r.met { "met" } else { "MISSED" }
            );
        }
        self.print_p4();
    }

    fn print_p4(&self) {
        let Some(p) = &self.p4 else { return };
        for (name, c) in [("load", &p.load_check), ("exhaust", &p.exhaust_check)] {
            println!(
                "P4 {name}: quota {:.2}, issued {:.2} in {} coupons stored ({} answered issued, {} refused as exhausted), balance {:.2} — {}",
                c.quota_cents as f64 / 100.0,
                c.issued_cents as f64 / 100.0,
                c.coupons_stored,
                c.answered_issued,
                c.answered_exhausted,
                c.balance_cents as f64 / 100.0,
                if c.ok { "whole" } else { "OVER-ISSUE OR MISMATCH" }
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
