//! S2 partner co-expansion plan (PCE), partner side: the membership with its benefits and
//! join conditions, joining, and the opportunities the platform shares with members
//! (non-members get 403 CBC.0151 on those).

pub mod membership;
pub mod shared;

use crate::wire::{self, WireAmount};
use domain::Money;
use persistence::repo::opportunities::pce::SharedRow;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct SharedView {
    opportunity_id: String,
    partner_id: String,
    customer_name: String,
    industry: String,
    product_category: String,
    description: Option<String>,
    expected_monthly_amount: WireAmount,
    /// `SHARED`, `CONFIRMED`, `DECLINED`, `WON` or `LOST`.
    #[schema(example = "SHARED")]
    status: String,
    status_reason: Option<String>,
    shared_on: String,
    last_update_time: String,
    /// The `PCE_SHARED_OPPORTUNITY` incentive its move to `WON` granted (by the operator's
    /// rule), if any.
    incentive_id: Option<String>,
}

impl From<SharedRow> for SharedView {
    fn from(r: SharedRow) -> Self {
        SharedView {
            opportunity_id: r.id,
            partner_id: r.partner_id,
            customer_name: r.customer_name,
            industry: r.industry,
            product_category: r.product_category,
            description: r.description,
            expected_monthly_amount: WireAmount(Money::from_cents(r.expected_monthly_cents)),
            status: r.status,
            status_reason: r.status_reason,
            shared_on: wire::utc(r.shared_at),
            last_update_time: wire::utc(r.updated_at),
            incentive_id: r.incentive_id,
        }
    }
}
