//! S14 business information (bank account for payouts, tax information) and incentive payout:
//! a payout is refused until the operator has certified the business information.

use super::Eligibility;
use crate::{codes, Violation};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountType {
    Corporate,
    Personal,
}

impl AccountType {
    pub const ALL: [AccountType; 2] = [Self::Corporate, Self::Personal];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Corporate => "CORPORATE",
            Self::Personal => "PERSONAL",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Violation> {
        match s {
            "CORPORATE" => Ok(Self::Corporate),
            "PERSONAL" => Ok(Self::Personal),
            _ => Err(Violation::param(
                "bank_account.account_type must be CORPORATE or PERSONAL",
            )),
        }
    }
}

/// Certification status of the partner's business information.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CertStatus {
    NotSubmitted,
    Reviewing,
    Certified,
    Failed,
}

impl CertStatus {
    pub const ALL: [CertStatus; 4] = [
        Self::NotSubmitted,
        Self::Reviewing,
        Self::Certified,
        Self::Failed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::NotSubmitted => "NOT_SUBMITTED",
            Self::Reviewing => "REVIEWING",
            Self::Certified => "CERTIFIED",
            Self::Failed => "FAILED",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// Names compare without case, white space or the width of brackets: banks write
/// `Acme（Shenzhen）` as `ACME (SHENZHEN)`, and that is the same company.
fn normalize(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The rules a submission must meet: a corporate account in the company's name.
pub fn submission(
    company_name: &str,
    account_type: AccountType,
    account_name: &str,
) -> Eligibility {
    let mut e = Eligibility::default();
    e.rule(
        "BANK_ACCOUNT_CORPORATE",
        codes::BANK_ACCOUNT_NOT_CORPORATE,
        account_type == AccountType::Corporate,
        "the bank account is a corporate account",
        "the payout bank account must be a corporate account, not a personal one",
    )
    .rule(
        "BANK_ACCOUNT_IN_COMPANY_NAME",
        codes::BANK_ACCOUNT_NAME_MISMATCH,
        normalize(account_name) == normalize(company_name),
        "the bank account is in the company's name",
        format!(
            "the bank account must be in the company's name '{}'; if your bank records differ, provide a bank letter",
            crate::text::clip(company_name, 128)
        ),
    );
    e
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PayoutFacts {
    pub business_info: CertStatus,
    /// A payout was already applied for this incentive.
    pub already_applied: bool,
}

pub fn payout(f: &PayoutFacts) -> Eligibility {
    let status = f.business_info.as_str();
    let mut e = Eligibility::default();
    e.rule(
        "BUSINESS_INFO_CERTIFIED",
        codes::BUSINESS_INFO_NOT_CERTIFIED,
        f.business_info == CertStatus::Certified,
        "your business information is certified",
        format!(
            "complete business information certification before applying for a payout: submit your corporate bank account and tax information (PUT /v2/partners/business-info) and wait for the operator to certify it; current status: {status}"
        ),
    )
    .rule(
        "PAYOUT_NOT_YET_APPLIED",
        codes::PAYOUT_ALREADY_APPLIED,
        !f.already_applied,
        "no payout was applied for this incentive yet",
        ALREADY_APPLIED,
    );
    e
}

const ALREADY_APPLIED: &str = "a payout was already applied for this incentive";

/// The refusal of a payout that lost a race to another for the same incentive.
pub fn already_applied() -> Violation {
    Violation::new(codes::PAYOUT_ALREADY_APPLIED, ALREADY_APPLIED)
}

#[cfg(test)]
mod tests;
