//! Resolving whom a partner user acts for (itself or one of its resellers) and whether a
//! customer is that partner's own. Foreign ids answer exactly like missing ones.

use crate::service::Failure;
use domain::channel::{self, PartnerFacts};
use domain::{codes, Violation};
use persistence::repo::customers::{self, CustomerRow};
use persistence::repo::partners::{self, PartnerRow};
use persistence::{DbConnection, StoreError};

fn facts(row: &PartnerRow) -> Result<PartnerFacts<'_>, Failure> {
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

/// The partner the caller acts as: its own, or its reseller named by `indirect_partner_id`.
pub fn partner(
    conn: &mut DbConnection,
    caller_partner_id: &str,
    indirect_partner_id: Option<&str>,
) -> Result<PartnerRow, Failure> {
    let me = partners::find(conn, caller_partner_id)?
        .ok_or_else(|| StoreError::Internal("caller's partner vanished".into()))?;
    let target = match indirect_partner_id {
        Some(id) if id.len() <= 64 => partners::find(conn, id)?,
        _ => None,
    };
    let chosen = channel::act_for(
        &facts(&me)?,
        indirect_partner_id,
        target.as_ref().map(facts).transpose()?.as_ref(),
    )?
    .to_owned();
    match target {
        Some(t) if t.id == chosen => Ok(t),
        _ => Ok(me),
    }
}

/// The customer, if it is `partner_id`'s sub-customer; otherwise `CBC.99000035`.
pub fn own_customer(
    conn: &mut DbConnection,
    partner_id: &str,
    customer_id: &str,
) -> Result<CustomerRow, Failure> {
    customers::find(conn, customer_id)?
        .filter(|c| c.partner_id.as_deref() == Some(partner_id))
        .ok_or_else(|| {
            Failure::Refused(Violation::new(
                codes::NOT_SUB_CUSTOMER,
                "customer_id does not name one of your customers",
            ))
        })
}

/// The reseller, if it is linked to `distributor_id`; otherwise `CBC.99000037`.
pub fn own_reseller(
    conn: &mut DbConnection,
    distributor_id: &str,
    reseller_id: &str,
) -> Result<PartnerRow, Failure> {
    partner(conn, distributor_id, Some(reseller_id))
}
