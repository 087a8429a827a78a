//! S2 operator configuration of the partner co-expansion plan: the benefits of membership
//! (`GET`/`PUT /v2/operator/pce/benefits`) and the shared-opportunity incentive rule
//! (`GET`/`PUT /v2/operator/pce/incentive-rule`).

pub mod input;
pub mod json;
pub mod set_benefits;
pub mod set_incentive_rule;
pub mod show_benefits;
pub mod show_incentive_rule;
