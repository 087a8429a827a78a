//! P4: partner coupons issued concurrently from ONE voucher quota, then checked against the
//! database: nothing over-issued, the quota's balance exactly its amount less what was issued,
//! and as many coupons stored as answers said were issued.

use crate::drive::{self, Outcome};
use crate::http::Signer;
use crate::seed::Seeded;
use diesel::sql_types::{BigInt, Text};
use diesel::RunQueryDsl;
use serde::Serialize;
use serde_json::{json, Value};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// The operator credential the harness starts the server with.
pub struct Operator {
    pub ak: String,
    pub sk: String,
}

/// What the database holds for one quota after a phase, next to what the answers said.
#[derive(Debug, Clone, Serialize, Default)]
pub struct QuotaCheck {
    pub quota_id: String,
    pub quota_cents: i64,
    pub balance_cents: i64,
    pub coupons_stored: i64,
    pub issued_cents: i64,
    /// Answers that carried a coupon.
    pub answered_issued: u64,
    /// Per-item refusals because the quota ran out (expected in the exhaustion phase).
    pub answered_exhausted: u64,
    /// Σ issued ≤ amount, balance = amount − Σ issued, answers = stored.
    pub ok: bool,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct Issuing {
    /// The timed phase on a quota large enough never to run out.
    pub load: Outcome,
    pub load_check: QuotaCheck,
    /// Twice as many requests as a small quota covers, to hit its end concurrently.
    pub exhaust: Outcome,
    pub exhaust_check: QuotaCheck,
}

impl Issuing {
    pub fn ok(&self) -> bool {
        self.load_check.ok && self.exhaust_check.ok
    }
}

#[derive(diesel::QueryableByName)]
struct Stored {
    #[diesel(sql_type = BigInt)]
    quota_cents: i64,
    #[diesel(sql_type = BigInt)]
    balance_cents: i64,
    #[diesel(sql_type = BigInt)]
    coupons: i64,
    #[diesel(sql_type = BigInt)]
    issued_cents: i64,
}

fn stored(db: &persistence::Db, quota_id: &str) -> Result<Stored, String> {
    let id = quota_id.to_owned();
    db.read(|c| -> Result<_, persistence::StoreError> {
        Ok(diesel::sql_query(
            "SELECT q.quota_cents, q.balance_cents, \
               CAST((SELECT COUNT(*) FROM coupons WHERE quota_id = q.id) AS BIGINT) AS coupons, \
               CAST(COALESCE((SELECT SUM(face_value_cents) FROM coupons WHERE quota_id = q.id), 0) AS BIGINT) AS issued_cents \
             FROM coupon_quotas q WHERE q.id = $1",
        )
        .bind::<Text, _>(&id)
        .get_result::<Stored>(c)?)
    })
    .map_err(|e| format!("quota {quota_id}: {e}"))
}

async fn grant(s: &Signer, op: &Operator, partner_id: &str, yuan: u64) -> Result<String, String> {
    let body = json!({"partner_id": partner_id, "quota_type": 0, "amount": yuan});
    let r = s
        .call(
            &op.ak,
            &op.sk,
            "POST",
            "/v2/operator/coupon-quotas",
            &[],
            Some(&body),
        )
        .await?;
    if r.status != 201 {
        return Err(format!(
            "granting a quota answered {}: {}",
            r.status,
            String::from_utf8_lossy(&r.body)
        ));
    }
    let v: Value = serde_json::from_slice(&r.body).map_err(|e| e.to_string())?;
    v["quota_id"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| "no quota_id in the grant's answer".into())
}

/// Issues one 1.00 coupon per request to the seeded customers in turn; counts answers.
async fn issue(
    s: &Signer,
    seed: &Arc<Seeded>,
    quota_id: &str,
    conc: usize,
    secs: f64,
    limit: u64,
) -> (Outcome, u64, u64) {
    let issued = Arc::new(AtomicU64::new(0));
    let exhausted = Arc::new(AtomicU64::new(0));
    let (s2, seed2, q) = (s.clone(), seed.clone(), quota_id.to_owned());
    let (iss, exh) = (issued.clone(), exhausted.clone());
    let out = drive::closed(conc, secs, limit, move |i| {
        let (s, seed, q, iss, exh) = (
            s2.clone(),
            seed2.clone(),
            q.clone(),
            iss.clone(),
            exh.clone(),
        );
        async move {
            let p = seed.partner.as_ref().ok_or("no partner")?;
            let c = &seed.customers[i as usize % seed.customers.len()];
            let body = json!({"quota_id": q, "customer_ids": [c.id], "face_value": 1});
            let r = s
                .call(
                    &p.ak,
                    &p.sk,
                    "POST",
                    "/v2/promotions/benefits/partner-coupons",
                    &[],
                    Some(&body),
                )
                .await?;
            let text = || String::from_utf8_lossy(&r.body).into_owned();
            if r.status != 200 {
                return Err(format!("{}: {}", r.status, text()));
            }
            let v: Value = serde_json::from_slice(&r.body).map_err(|e| e.to_string())?;
            let coupons = v["coupon_infos"].as_array().map_or(0, Vec::len);
            let failures = v["error_details"].as_array().cloned().unwrap_or_default();
            match (coupons, failures.as_slice()) {
                (1, []) => {
                    iss.fetch_add(1, Ordering::Relaxed);
                    Ok(())
                }
                (0, [f]) if f["error_code"] == "CBC.99000013" => {
                    exh.fetch_add(1, Ordering::Relaxed);
                    Ok(())
                }
                _ => Err(format!("unexpected answer: {}", text())),
            }
        }
    })
    .await;
    (
        out,
        issued.load(Ordering::Relaxed),
        exhausted.load(Ordering::Relaxed),
    )
}

fn check(db: &persistence::Db, quota_id: &str, issued: u64, exhausted: u64) -> QuotaCheck {
    match stored(db, quota_id) {
        Ok(st) => QuotaCheck {
            quota_id: quota_id.to_owned(),
            ok: st.issued_cents <= st.quota_cents
                && st.balance_cents == st.quota_cents - st.issued_cents
                && u64::try_from(st.coupons).ok() == Some(issued),
            quota_cents: st.quota_cents,
            balance_cents: st.balance_cents,
            coupons_stored: st.coupons,
            issued_cents: st.issued_cents,
            answered_issued: issued,
            answered_exhausted: exhausted,
        },
        Err(e) => {
            eprintln!("  P4 check failed: {e}");
            QuotaCheck {
                quota_id: quota_id.to_owned(),
                ..QuotaCheck::default()
            }
        }
    }
}

/// P4: the timed phase, then the exhaustion phase with `small` coupons' worth of quota.
pub async fn run(
    s: &Signer,
    op: &Operator,
    seed: &Arc<Seeded>,
    db: &persistence::Db,
    conc: usize,
    secs: f64,
    small: u64,
) -> Result<Issuing, String> {
    let partner_id = seed.partner.as_ref().ok_or("no partner")?.id.clone();
    let big = grant(s, op, &partner_id, 100_000_000).await?;
    let (load, issued, exhausted) = issue(s, seed, &big, conc, secs, u64::MAX).await;
    let (db1, id1) = (db.clone(), big.clone());
    let load_check = tokio::task::spawn_blocking(move || check(&db1, &id1, issued, exhausted))
        .await
        .map_err(|e| e.to_string())?;
    let few = grant(s, op, &partner_id, small).await?;
    let (exhaust, issued, exhausted) = issue(s, seed, &few, conc, 600.0, 2 * small).await;
    let (db2, id2) = (db.clone(), few.clone());
    let mut exhaust_check =
        tokio::task::spawn_blocking(move || check(&db2, &id2, issued, exhausted))
            .await
            .map_err(|e| e.to_string())?;
    // Every request was answered, exactly `small` of them with a coupon, the rest refused.
    exhaust_check.ok &= exhaust_check.answered_issued == small
        && exhaust_check.balance_cents == 0
        && exhaust.errors == 0
        && exhaust_check.answered_issued + exhaust_check.answered_exhausted == 2 * small;
    Ok(Issuing {
        load,
        load_check,
        exhaust,
        exhaust_check,
    })
}
