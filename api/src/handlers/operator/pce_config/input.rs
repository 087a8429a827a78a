//! What the operator sends to configure PCE.

use crate::text_type;
use crate::wire::codes::IncentiveCurrency;
use crate::wire::{Amount, List, Percent};
use domain::opportunities::pce::incentive::IncentiveRule;
use domain::opportunities::pce::{Benefit, BENEFIT_NAME_MAX, MAX_BENEFITS};
use serde::Deserialize;
use utoipa::ToSchema;

text_type!(/// A benefit's code: upper-case letters, digits and `_`, unique in the list.
    BenefitCode, 1..=64, "SHARED_OPPORTUNITY_INCENTIVES");
text_type!(/// A benefit's name as partners read it.
    BenefitName, 1..=BENEFIT_NAME_MAX, "Incentives for shared opportunities", free);

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BenefitInput {
    /// Upper-case letters, digits and `_`.
    #[schema(value_type = String, pattern = "^[A-Z0-9_]{1,64}$", example = "SHARED_OPPORTUNITY_INCENTIVES")]
    pub code: BenefitCode,
    pub name: BenefitName,
}

/// The whole list, in the order partners see it; it replaces the current one.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"benefits": [
    {"code": "OPPORTUNITY_MANAGEMENT", "name": "Access to opportunity management in the partner center"},
    {"code": "BUSINESS_SUPPORT", "name": "Business support from the platform"},
    {"code": "SHARED_OPPORTUNITY_INCENTIVES", "name": "Incentives for shared opportunities"}
]}))]
pub struct BenefitsBody {
    pub benefits: List<BenefitInput, 1, { MAX_BENEFITS }>,
}

impl BenefitsBody {
    pub fn into_benefits(self) -> Vec<Benefit> {
        self.benefits
            .into_inner()
            .into_iter()
            .map(|b| Benefit {
                code: b.code.into_inner(),
                name: b.name.into_inner(),
            })
            .collect()
    }
}

/// The incentive a shared opportunity grants its member when moved to `WON`:
/// `percentage` % of its estimated revenue (the expected monthly amount), at most
/// `cap_amount`, in `currency`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"percentage": "5.00", "cap_amount": "10000.00", "currency": "CNY"}))]
pub struct IncentiveRuleBody {
    pub percentage: Percent,
    /// The most one opportunity grants.
    pub cap_amount: Amount,
    pub currency: IncentiveCurrency,
}

impl From<&IncentiveRuleBody> for IncentiveRule {
    fn from(b: &IncentiveRuleBody) -> Self {
        IncentiveRule {
            percentage: b.percentage.0,
            cap: b.cap_amount.0,
            currency: b.currency.get(),
        }
    }
}
