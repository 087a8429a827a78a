//! Incentives and their payout (S14): refused until the business information is certified.

use super::{business_info, Decided};
use crate::service::not_found;
use crate::service::Failure;
use domain::programs::business_info::{already_applied, payout, CertStatus, PayoutFacts};
use domain::Amount;
use persistence::repo::partners;
use persistence::repo::programs::incentives::{self as repo, IncentiveRow, PayoutRow};
use persistence::{ids, DbConnection, StoreError};

pub const SUBMITTED: &str = "SUBMITTED";

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
        status: SUBMITTED.to_owned(),
        applied_at: now,
    };
    match repo::insert_payout(conn, &row) {
        Ok(()) => Ok(Ok(row)),
        Err(StoreError::Duplicate(_)) => crate::audit::refusing(vec![already_applied()]),
        Err(e) => Err(Failure::from(e)),
    }
}
