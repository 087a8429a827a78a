//! Incentives and their payout (S14): refused until the business information is certified.

use super::Review;
use super::{business_info, Decided};
use crate::service::delivery::events::emit;
use crate::service::not_found;
use crate::service::Failure;
use domain::code::Coded;
use domain::events::EventType;
use domain::programs::business_info::{already_applied, payout, CertStatus, PayoutFacts};
use domain::programs::payout::{self, PayoutStatus};
use domain::{Amount, Money};
use persistence::repo::partners;
use persistence::repo::programs::incentives::{
    self as repo, IncentiveRow, PayoutDecision, PayoutRow,
};
use persistence::{ids, DbConnection, StoreError};

pub struct NewIncentive {
    pub incentive_type: String,
    pub amount: Amount,
    pub currency: String,
    pub source_id: Option<String>,
    pub remark: Option<String>,
}

pub fn grant(
    conn: &mut DbConnection,
    partner_id: &str,
    n: &NewIncentive,
    now: i64,
) -> Result<IncentiveRow, Failure> {
    partners::find(conn, partner_id)?.ok_or_else(|| not_found("partner"))?;
    let row = IncentiveRow {
        id: ids::new_id(),
        partner_id: partner_id.to_owned(),
        incentive_type: n.incentive_type.clone(),
        amount_cents: n.amount.cents(),
        currency: n.currency.clone(),
        source_id: n.source_id.clone(),
        remark: n.remark.clone(),
        created_at: now,
    };
    repo::insert(conn, &row)?;
    let subjects = [
        ("incentive_id", row.id.as_str()),
        ("incentive_type", row.incentive_type.as_str()),
    ];
    emit(
        conn,
        partner_id,
        EventType::IncentiveGranted,
        &subjects,
        now,
    )?;
    Ok(row)
}

/// The partner's own incentive; anyone else's answers like a missing one.
pub fn own(conn: &mut DbConnection, partner_id: &str, id: &str) -> Result<IncentiveRow, Failure> {
    repo::find(conn, id)?
        .filter(|r| r.partner_id == partner_id)
        .ok_or_else(|| not_found("incentive"))
}

pub struct Facts {
    pub incentive: IncentiveRow,
    pub rules: PayoutFacts,
    pub business_info_id: Option<String>,
}

pub fn facts(
    conn: &mut DbConnection,
    partner_id: &str,
    incentive_id: &str,
) -> Result<Facts, Failure> {
    let incentive = own(conn, partner_id, incentive_id)?;
    let (status, current) = business_info::status(conn, partner_id)?;
    let applied = !repo::payouts_for(conn, std::slice::from_ref(&incentive.id))?.is_empty();
    Ok(Facts {
        incentive,
        rules: PayoutFacts {
            business_info: status,
            already_applied: applied,
        },
        business_info_id: current.map(|c| c.id),
    })
}

pub fn apply(
    conn: &mut DbConnection,
    partner_id: &str,
    incentive_id: &str,
    now: i64,
) -> Result<Decided<PayoutRow>, Failure> {
    let f = facts(conn, partner_id, incentive_id)?;
    if let Err(all) = payout(&f.rules).decide() {
        return crate::audit::refusing(all);
    }
    let business_info_id = match (f.rules.business_info, f.business_info_id) {
        (CertStatus::Certified, Some(id)) => id,
        _ => {
            return Err(Failure::from(StoreError::Internal(
                "certified business info without a row".into(),
            )))
        }
    };
    let row = PayoutRow {
        id: ids::new_id(),
        incentive_id: f.incentive.id.clone(),
        partner_id: partner_id.to_owned(),
        business_info_id,
        status: PayoutStatus::Submitted.as_str().to_owned(),
        applied_at: now,
        bank_reference: None,
        paid_cents: None,
        paid_currency: None,
        reason_codes: None,
        reason: None,
        decided_at: None,
    };
    match repo::insert_payout(conn, &row) {
        Ok(()) => Ok(Ok(row)),
        Err(StoreError::Duplicate(_)) => crate::audit::refusing(vec![already_applied()]),
        Err(e) => Err(Failure::from(e)),
    }
}

/// The operator pays a submitted application (once: of two concurrent payments one wins, the
/// other answers `CBC.99100212`), in the incentive's currency and at most its amount.
pub fn pay(
    conn: &mut DbConnection,
    id: &str,
    bank_reference: &str,
    paid: Amount,
    currency: &str,
    now: i64,
) -> Result<PayoutRow, Failure> {
    let row = repo::find_payout(conn, id)?.ok_or_else(|| not_found("payout application"))?;
    let incentive = repo::find(conn, &row.incentive_id)?
        .ok_or_else(|| Failure::internal("payout application without its incentive"))?;
    payout::may_decide(status_of(&row)?)?;
    payout::check_paid(
        Money::from_cents(incentive.amount_cents),
        &incentive.currency,
        paid.money(),
        currency,
    )
    .map_err(Failure::RefusedAll)?;
    let d = PayoutDecision::Paid {
        bank_reference,
        cents: paid.cents(),
        currency,
    };
    decide(conn, &row, &d, now)
}

/// The operator rejects a submitted application with reasons.
pub fn reject(
    conn: &mut DbConnection,
    id: &str,
    review: &Review,
    now: i64,
) -> Result<PayoutRow, Failure> {
    let row = repo::find_payout(conn, id)?.ok_or_else(|| not_found("payout application"))?;
    payout::may_decide(status_of(&row)?)?;
    let d = PayoutDecision::Rejected {
        reason_codes: &review.reason_codes,
        reason: review.reason.as_deref(),
    };
    decide(conn, &row, &d, now)
}

fn status_of(row: &PayoutRow) -> Result<PayoutStatus, Failure> {
    PayoutStatus::from_text(&row.status)
        .ok_or_else(|| Failure::internal("stored payout status is unknown"))
}

fn decide(
    conn: &mut DbConnection,
    row: &PayoutRow,
    d: &PayoutDecision<'_>,
    now: i64,
) -> Result<PayoutRow, Failure> {
    if !repo::decide_payout(conn, &row.id, PayoutStatus::Submitted.as_str(), d, now)? {
        // Decided by someone else meanwhile (the loser of a race).
        let now_status = repo::find_payout(conn, &row.id)?
            .and_then(|r| PayoutStatus::from_text(&r.status))
            .unwrap_or(PayoutStatus::Paid);
        return Err(payout::may_decide(now_status)
            .err()
            .map(Failure::Refused)
            .unwrap_or_else(|| StoreError::Retryable.into()));
    }
    let kind = match d {
        PayoutDecision::Paid { .. } => EventType::PayoutPaid,
        PayoutDecision::Rejected { .. } => EventType::PayoutRejected,
    };
    let subjects = [
        ("application_id", row.id.as_str()),
        ("incentive_id", row.incentive_id.as_str()),
    ];
    emit(conn, &row.partner_id, kind, &subjects, now)?;
    repo::find_payout(conn, &row.id)?.ok_or_else(|| Failure::internal("decided payout vanished"))
}
