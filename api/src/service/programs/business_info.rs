//! S14 business information: submission (checked against the company's name) and review.

use super::{status_changed, Decided, Review};
use crate::service::not_found;
use crate::service::Failure;
use domain::programs::business_info::{self, AccountType, CertStatus};
use persistence::repo::partners;
use persistence::repo::programs::business_info::{self as repo, BusinessInfoRow};
use persistence::repo::programs::retry_on_duplicate;
use persistence::{ids, DbConnection, StoreError};

pub struct Submission {
    pub account_type: AccountType,
    pub account_name: String,
    pub account_number: String,
    pub bank_name: String,
    pub bank_branch: Option<String>,
    pub taxpayer_id: String,
    pub taxpayer_type: String,
}

/// Submits for certification, replacing the current submission (a certified one too: new
/// bank details must be certified again before the next payout).
pub fn submit(
    conn: &mut DbConnection,
    partner_id: &str,
    s: &Submission,
    now: i64,
) -> Result<Decided<BusinessInfoRow>, Failure> {
    let partner = partners::find(conn, partner_id)?
        .ok_or_else(|| StoreError::Internal("caller's partner vanished".into()))?;
    let rules = business_info::submission(&partner.name, s.account_type, &s.account_name);
    if let Err(all) = rules.decide() {
        return crate::audit::refusing(all);
    }
    let row = BusinessInfoRow {
        id: ids::new_id(),
        partner_id: partner_id.to_owned(),
        status: CertStatus::Reviewing.as_str().to_owned(),
        company_name: partner.name,
        account_type: s.account_type.as_str().to_owned(),
        account_name: s.account_name.clone(),
        account_number: s.account_number.clone(),
        bank_name: s.bank_name.clone(),
        bank_branch: s.bank_branch.clone(),
        taxpayer_id: s.taxpayer_id.clone(),
        taxpayer_type: s.taxpayer_type.clone(),
        submitted_at: now,
        reviewed_at: None,
        reason_codes: None,
        reason: None,
    };
    repo::replace_current(conn, &row).map_err(retry_on_duplicate)?;
    Ok(Ok(row))
}

/// The certification status of the partner's business information.
pub fn status(
    conn: &mut DbConnection,
    partner_id: &str,
) -> Result<(CertStatus, Option<BusinessInfoRow>), Failure> {
    let current = repo::current(conn, partner_id)?;
    let status = match &current {
        None => CertStatus::NotSubmitted,
        Some(r) => CertStatus::parse(&r.status)
            .ok_or_else(|| StoreError::Internal("stored certification status is invalid".into()))?,
    };
    Ok((status, current))
}

/// Approval certifies (`CERTIFIED`); rejection fails it (`FAILED`) with the reasons.
pub fn review(
    conn: &mut DbConnection,
    id: &str,
    r: &Review,
    now: i64,
) -> Result<BusinessInfoRow, Failure> {
    let row =
        repo::find(conn, id)?.ok_or_else(|| not_found("business information certification"))?;
    if row.status != repo::REVIEWING {
        return Err(domain::Violation::new(
            domain::codes::APPLICATION_STATUS,
            format!(
                "the business information certification is {} and no longer under review",
                row.status
            ),
        )
        .into());
    }
    // Business information has its own words for the shared review outcomes.
    let mut d = r.to_decision(repo::REVIEWING, now)?;
    d.status = match r.decision {
        domain::programs::review::Decision::Approve => CertStatus::Certified,
        domain::programs::review::Decision::Reject => CertStatus::Failed,
    }
    .as_str()
    .to_owned();
    if !repo::decide(conn, id, &d)? {
        return Err(status_changed());
    }
    crate::service::delivery::events::review_decided(
        conn,
        &row.partner_id,
        "business_info",
        id,
        r.decision == domain::programs::review::Decision::Approve,
        now,
    )?;
    Ok(repo::find(conn, id)?
        .ok_or_else(|| StoreError::Internal("certification vanished".into()))?)
}
