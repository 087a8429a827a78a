//! SendVerificationMessageCode and the check of a presented code. Codes go to the outbox in the
//! same transaction as their (hashed) record; the per-phone limits hold under concurrency.

use super::outbox::enqueue;
use super::scope::own_customer;
use crate::service::Failure;
use domain::verification::{self as rules, SentCode};
use persistence::repo::outbox::{self, OutboxRow};
use persistence::repo::verification::{self as repo, VerificationCodeRow};
use persistence::{ids, DbConnection};
use rand::Rng;
use sha2::{Digest, Sha256};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    ZhCn,
    EnUs,
}

pub struct SendCode {
    pub partner_id: String,
    pub mobile_phone: String,
    pub scene: i32,
    pub customer_id: Option<String>,
    pub timeout_minutes: i64,
    pub lang: Lang,
}

/// Binds the hash to the row id, so equal codes never share a hash.
fn code_hash(id: &str, code: &str) -> String {
    hex::encode(Sha256::digest(format!("{id}:{code}").as_bytes()))
}

fn text(lang: Lang, code: &str, minutes: i64) -> String {
    match lang {
        Lang::ZhCn => format!("【Partner BSS】您的验证码为 {code}，{minutes} 分钟内有效。请勿泄露给他人。"),
        Lang::EnUs => format!(
            "[Partner BSS] Your verification code is {code}, valid for {minutes} minutes. Do not share it."
        ),
    }
}

/// Records a new code and queues its SMS; returns the outbox message for the notifier.
pub fn send(conn: &mut DbConnection, r: &SendCode, now: i64) -> Result<OutboxRow, Failure> {
    if let Some(cid) = &r.customer_id {
        own_customer(conn, &r.partner_id, cid)?;
    }
    repo::lock_phone(conn, &r.mobile_phone)?;
    let last_hour = repo::count_since(conn, &r.mobile_phone, now - 3600)?;
    let last_day = repo::count_since(conn, &r.mobile_phone, now - 24 * 3600)?;
    rules::check_send_limits(last_hour, last_day)?;
    let code = format!(
        "{:0width$}",
        rand::thread_rng().gen_range(0..1_000_000u32),
        width = rules::CODE_DIGITS
    );
    repo::supersede(conn, &r.partner_id, &r.mobile_phone, r.scene, now)?;
    let id = ids::new_id();
    repo::insert(
        conn,
        &VerificationCodeRow {
            code_hash: code_hash(&id, &code),
            id,
            partner_id: r.partner_id.clone(),
            mobile_phone: r.mobile_phone.clone(),
            scene: r.scene,
            customer_id: r.customer_id.clone(),
            created_at: now,
            expire_at: now + r.timeout_minutes * 60,
            failed_attempts: 0,
            used_at: None,
        },
    )?;
    enqueue(
        conn,
        outbox::SMS,
        &r.mobile_phone,
        outbox::VERIFICATION_CODE,
        text(r.lang, &code, r.timeout_minutes),
        now,
    )
}

/// Checks `code` against the partner's current (newest unused) code for `phone`. A wrong guess
/// is counted, so the caller must commit even when the check fails: `Ok(Err(_))`.
pub fn check(
    conn: &mut DbConnection,
    partner_id: &str,
    phone: &str,
    code: &str,
    now: i64,
) -> Result<Result<String, domain::Violation>, Failure> {
    let (open, any_sent) = repo::current(conn, partner_id, phone, rules::SCENE_REGISTER)?;
    let Some(row) = open else {
        // Sent once but used up or replaced: expired; never sent: wrong.
        let spent = any_sent.then_some(SentCode {
            expire_at: 0,
            used: true,
            failed_attempts: 0,
            matches: false,
        });
        let verdict = rules::check_code(spent, now);
        if verdict.is_err() {
            crate::audit::refused();
        }
        return Ok(verdict.map(|()| String::new()));
    };
    let sent = SentCode {
        expire_at: row.expire_at,
        used: false,
        failed_attempts: row.failed_attempts,
        matches: code_hash(&row.id, code) == row.code_hash,
    };
    let verdict = rules::check_code(Some(sent), now);
    if verdict.is_err() && !sent.matches {
        repo::record_failed_attempt(conn, &row.id)?;
    }
    if verdict.is_err() {
        crate::audit::refused();
    }
    Ok(verdict.map(|()| row.id))
}
