//! Creating partners and linking resellers to distributors.

use super::not_found;
use crate::service::Failure;
use domain::channel::{self, PartnerFacts};
use domain::identity::{CountryCode, MarketingPlan, PartnerType};
use domain::{codes, Violation};
use persistence::repo::{accounts, partners, partners::PartnerRow};
use persistence::{ids, DbConnection, StoreError};

pub struct NewPartner {
    pub name: String,
    pub account_name: String,
    pub partner_type: PartnerType,
    pub country_code: CountryCode,
    pub reseller_program_joined: bool,
    pub marketing_plan: MarketingPlan,
    pub email: Option<String>,
    pub mobile_phone: Option<String>,
}

pub fn create(conn: &mut DbConnection, p: &NewPartner, now: i64) -> Result<PartnerRow, Failure> {
    if partners::account_name_taken(conn, &p.account_name)? {
        return Err(Failure::Refused(Violation::new(
            codes::NAME_TAKEN,
            "account_name is already taken",
        )));
    }
    let row = PartnerRow {
        id: ids::new_id(),
        domain_id: ids::new_id(),
        name: p.name.clone(),
        account_name: p.account_name.clone(),
        partner_type: p.partner_type.as_str().to_owned(),
        country_code: p.country_code.as_str().to_owned(),
        reseller_program_joined: p.reseller_program_joined,
        marketing_plan_version: p.marketing_plan.as_str().to_owned(),
        email: p.email.clone(),
        mobile_phone: p.mobile_phone.clone(),
        parent_id: None,
        associated_at: None,
        account_manager_user_id: None,
        created_at: now,
    };
    partners::insert(conn, &row)?;
    crate::audit::add_target(&row.id);
    accounts::ensure(conn, accounts::PARTNER, &row.id, accounts::CASH, now)?;
    accounts::ensure(conn, accounts::PARTNER, &row.id, accounts::CREDIT, now)?;
    Ok(row)
}

/// What the S3 rules need to know about a stored partner.
pub(crate) fn facts(row: &PartnerRow) -> Result<PartnerFacts<'_>, Failure> {
    Ok(PartnerFacts {
        id: &row.id,
        partner_type: row
            .partner_type
            .parse()
            .map_err(|_| StoreError::Internal("stored partner type is unknown".into()))?,
        country_code: &row.country_code,
        reseller_program_joined: row.reseller_program_joined,
        parent_id: row.parent_id.as_deref(),
    })
}

/// Links `reseller_id` to `distributor_id` if every S3 rule allows it; the conditional update
/// makes two racing distributors end with exactly one link.
pub fn link_reseller(
    conn: &mut DbConnection,
    distributor_id: &str,
    reseller_id: &str,
    now: i64,
) -> Result<(), Failure> {
    let distributor = partners::find(conn, distributor_id)?.ok_or_else(|| not_found("partner"))?;
    let reseller = partners::find(conn, reseller_id)?.ok_or_else(|| {
        Failure::Refused(Violation::new(
            codes::NOT_YOUR_RESELLER,
            "indirect_partner_id does not name a reseller",
        ))
    })?;
    if let Some(first) = channel::link_violations(&facts(&distributor)?, &facts(&reseller)?)
        .into_iter()
        .next()
    {
        return Err(Failure::Refused(first));
    }
    if !partners::set_parent(conn, reseller_id, distributor_id, now)? {
        return Err(Failure::Refused(Violation::new(
            codes::INVITEE_BOUND_ELSEWHERE,
            "the invitee already cooperates with another distributor",
        )));
    }
    Ok(())
}
