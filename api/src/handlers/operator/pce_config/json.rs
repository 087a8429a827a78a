//! What the PCE configuration reads answer.

use crate::wire::codes::IncentiveCurrency;
use crate::wire::{Code, Percent, WireAmount};
use domain::opportunities::pce::incentive::{IncentiveRule, INCENTIVE_TYPE};
use domain::opportunities::pce::Benefit;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct BenefitView {
    #[schema(example = "SHARED_OPPORTUNITY_INCENTIVES")]
    pub code: String,
    #[schema(example = "Incentives for shared opportunities")]
    pub name: String,
}

impl From<&Benefit> for BenefitView {
    fn from(b: &Benefit) -> Self {
        BenefitView {
            code: b.code.clone(),
            name: b.name.clone(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct BenefitsView {
    pub benefits: Vec<BenefitView>,
}

impl BenefitsView {
    pub fn new(list: &[Benefit]) -> Self {
        BenefitsView {
            benefits: list.iter().map(BenefitView::from).collect(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct IncentiveRuleView {
    /// Of the estimated revenue (a shared opportunity's expected monthly amount).
    pub percentage: Percent,
    /// The most one opportunity grants.
    pub cap_amount: WireAmount,
    pub currency: IncentiveCurrency,
    /// The `incentive_type` of the incentives granted.
    #[schema(example = "PCE_SHARED_OPPORTUNITY")]
    pub incentive_type: &'static str,
}

impl From<&IncentiveRule> for IncentiveRuleView {
    fn from(r: &IncentiveRule) -> Self {
        IncentiveRuleView {
            percentage: Percent(r.percentage),
            cap_amount: WireAmount(r.cap.money()),
            currency: Code(r.currency),
            incentive_type: INCENTIVE_TYPE,
        }
    }
}
