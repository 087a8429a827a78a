//! ListIndirectPartners: a distributor's linked resellers with their account managers.

use super::scope::{own_reseller, with_managers};
use crate::service::Failure;
use persistence::repo::channel::{self, IndirectPartnerFilter};
use persistence::repo::partners::PartnerRow;
use persistence::repo::users::UserRow;
use persistence::DbConnection;

pub struct Listed {
    pub count: i64,
    pub rows: Vec<(PartnerRow, Option<UserRow>)>,
}

/// A filter naming a reseller that is not the distributor's answers CBC.99000037.
pub fn list(conn: &mut DbConnection, f: &IndirectPartnerFilter<'_>) -> Result<Listed, Failure> {
    if let Some(id) = f.reseller_id {
        own_reseller(conn, f.distributor_id, id)?;
    }
    let (count, rows) = channel::list_indirect_partners(conn, f)?;
    let rows = with_managers(conn, rows, |r| r.account_manager_user_id.as_ref())?;
    Ok(Listed { count, rows })
}
