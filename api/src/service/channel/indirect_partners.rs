//! ListIndirectPartners: a distributor's linked resellers with their account managers.

use super::scope::own_reseller;
use persistence::repo::channel::{self, IndirectPartnerFilter};
use persistence::repo::partners::PartnerRow;
use persistence::repo::users::UserRow;
use persistence::{DbConnection, StoreError};

pub struct Listed {
    pub count: i64,
    pub rows: Vec<(PartnerRow, Option<UserRow>)>,
}

/// A filter naming a reseller that is not the distributor's answers CBC.99000037.
pub fn list(conn: &mut DbConnection, f: &IndirectPartnerFilter<'_>) -> Result<Listed, StoreError> {
    if let Some(id) = f.reseller_id {
        own_reseller(conn, f.distributor_id, id)?;
    }
    let (count, rows) = channel::list_indirect_partners(conn, f)?;
    let manager_ids: Vec<String> = rows
        .iter()
        .filter_map(|r| r.account_manager_user_id.clone())
        .collect();
    let managers = channel::users_by_id(conn, &manager_ids)?;
    let rows = rows
        .into_iter()
        .map(|r| {
            let m = r
                .account_manager_user_id
                .as_ref()
                .and_then(|id| managers.get(id).cloned());
            (r, m)
        })
        .collect();
    Ok(Listed { count, rows })
}
