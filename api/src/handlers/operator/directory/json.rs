//! What the directory answers.

use crate::wire;
use domain::directory::{CustomerEntry, PartnerEntry};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct PartnerListed {
    partner_id: String,
    domain_id: String,
    name: String,
    account_name: String,
    /// `DISTRIBUTOR`, `RESELLER` or `SOLUTION_PROVIDER`.
    partner_type: &'static str,
    country_code: String,
    reseller_program_joined: bool,
    marketing_plan_version: String,
    /// The distributor a reseller is linked to.
    parent_partner_id: Option<String>,
    /// `ACTIVE`, or `SUSPENDED` by the operator.
    status: &'static str,
    created_on: String,
}

impl From<&PartnerEntry> for PartnerListed {
    fn from(p: &PartnerEntry) -> Self {
        PartnerListed {
            partner_id: p.id.clone(),
            domain_id: p.domain_id.clone(),
            name: p.name.clone(),
            account_name: p.account_name.clone(),
            partner_type: p.partner_type.as_str(),
            country_code: p.country_code.clone(),
            reseller_program_joined: p.reseller_program_joined,
            marketing_plan_version: p.marketing_plan_version.clone(),
            parent_partner_id: p.parent_id.clone(),
            status: if p.suspended_at.is_some() {
                "SUSPENDED"
            } else {
                "ACTIVE"
            },
            created_on: wire::utc(p.created_at),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct PartnersPage {
    /// How many partners match, over all pages.
    pub total_count: i64,
    pub partners: Vec<PartnerListed>,
    /// Pass as `marker` for the next page; absent on the last page.
    pub next_marker: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct CustomerListed {
    customer_id: String,
    domain_id: String,
    account_name: String,
    customer_name: Option<String>,
    country_code: String,
    /// The partner it is associated with.
    partner_id: Option<String>,
    /// `1` referral, `2` resale.
    association_type: Option<String>,
    associated_on: Option<String>,
    created_on: String,
}

impl From<&CustomerEntry> for CustomerListed {
    fn from(c: &CustomerEntry) -> Self {
        CustomerListed {
            customer_id: c.id.clone(),
            domain_id: c.domain_id.clone(),
            account_name: c.account_name.clone(),
            customer_name: c.customer_name.clone(),
            country_code: c.country_code.clone(),
            partner_id: c.partner_id.clone(),
            association_type: c.association_type.clone(),
            associated_on: c.associated_at.map(wire::utc),
            created_on: wire::utc(c.created_at),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct CustomersPage {
    /// How many customers match, over all pages.
    pub total_count: i64,
    pub customers: Vec<CustomerListed>,
    /// Pass as `marker` for the next page; absent on the last page.
    pub next_marker: Option<String>,
}
