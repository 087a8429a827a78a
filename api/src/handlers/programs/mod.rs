//! Programs and incentives, partner side (S4, S5, S7, S12, S14, S18). Each application has an
//! `.../eligibility` read with every rule; the application refuses with all failing rules.

pub mod business_info;
pub mod certification_eligibility;
pub mod certification_resubmit;
pub mod certifications;
pub mod development_paths;
pub mod fh_eligibility;
pub mod fh_qualifications;
pub mod incentives;
pub mod payouts;
pub mod project_members;
pub mod projects;
pub mod schemas;
pub mod subsidies;
pub mod subsidy_eligibility;

use crate::{wire, ApiError};
use domain::identity::Role;
use domain::paging::Page;
use domain::programs::paths::PathType;
use domain::programs::Eligibility;
use domain::Violation;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

#[derive(Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// 0-based, default 0.
    #[validate(range(min = 0))]
    #[param(minimum = 0, example = 0)]
    offset: Option<i64>,
    /// 1–100, default 10.
    #[validate(range(min = 1, max = 100))]
    #[param(minimum = 1, maximum = 100, example = 10)]
    limit: Option<i64>,
}

impl ListQuery {
    pub fn page(&self) -> Result<Page, ApiError> {
        Ok(Page::new(self.offset, self.limit)?)
    }
}

/// Registering projects and applying for their subsidy (admins may too).
pub(crate) const PROJECT_ROLES: &[Role] = &[Role::ProjectSpecialist, Role::AccountManager];
/// Path certification and FH qualification commit the partner: its admins apply.
pub(crate) const ADMIN_ONLY: &[Role] = &[];

#[derive(Serialize, ToSchema)]
pub struct RuleView {
    /// Stable rule name, e.g. `FH_AGREEMENT_SIGNED`.
    #[schema(example = "FH_STAGE_REACHED")]
    rule: &'static str,
    /// The code the application refuses with when this rule fails.
    #[schema(example = "CBC.99100021")]
    code: &'static str,
    passed: bool,
    /// What holds, or what is wrong and how to fix it.
    message: String,
}

/// Every rule of the application with its state, in the order the application checks them.
#[derive(Serialize, ToSchema)]
pub struct EligibilityView {
    /// True exactly when every rule passes: the application would be accepted now.
    eligible: bool,
    /// When the rules were judged (UTC); time-dependent rules (labels) use this moment.
    checked_on: String,
    rules: Vec<RuleView>,
}

impl EligibilityView {
    pub fn new(e: &Eligibility, now: i64) -> Self {
        EligibilityView {
            eligible: e.eligible(),
            checked_on: wire::utc(now),
            rules: e
                .checks
                .iter()
                .map(|c| RuleView {
                    rule: c.rule,
                    code: c.code,
                    passed: c.passed,
                    message: c.message.clone(),
                })
                .collect(),
        }
    }
}

/// An application refused by its rules: every failing rule is reported.
pub(crate) fn refused(all: Vec<Violation>) -> ApiError {
    ApiError::Rules(all)
}

/// A `{path_type}` path segment.
pub(crate) fn path_type(s: &str) -> Result<PathType, ApiError> {
    Ok(PathType::parse(s)?)
}

/// Stored comma-separated codes as a list.
pub(crate) fn codes(stored: Option<&str>) -> Vec<String> {
    stored
        .map(persistence::repo::programs::split)
        .unwrap_or_default()
}
