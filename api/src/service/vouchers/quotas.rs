//! Reading coupon quotas: a partner's own (or, acting for it, its reseller's), and those a
//! distributor passed on to its resellers.

use super::acting_partner;
use crate::service::{acting, Outcome};
use domain::paging::Page;
use domain::vouchers::quota::{Quota, QuotaSearch};
use persistence::repo::{partners, quota_query};
use persistence::DbConnection;
use std::collections::HashMap;

/// A quota a distributor passed on, with its holder's names.
pub struct IssuedQuota {
    pub quota: Quota,
    pub holder_account_name: Option<String>,
    pub holder_name: Option<String>,
}

/// The quotas `me` holds, or the reseller `indirect` holds when `me` acts for it; newest
/// first, with how many match.
pub fn held(
    conn: &mut DbConnection,
    me: &str,
    indirect: Option<&str>,
    search: &QuotaSearch,
    page: Page,
) -> Outcome<(i64, Vec<Quota>)> {
    let holder = acting_partner(conn, me, indirect)?;
    let s = QuotaSearch {
        partner_id: Some(holder.id),
        ..search.clone()
    };
    Ok((
        quota_query::count(conn, &s)?,
        quota_query::page(conn, &s, page.offset, page.limit)?,
    ))
}

/// The quotas distributor `me` passed on (to `reseller` only, if named; it must be its own).
pub fn passed_on(
    conn: &mut DbConnection,
    me: &str,
    reseller: Option<&str>,
    search: &QuotaSearch,
    page: Page,
) -> Outcome<(i64, Vec<IssuedQuota>)> {
    if let Some(r) = reseller {
        acting::own_reseller(conn, me, r)?;
    }
    let s = QuotaSearch {
        granted_by: Some(me.to_owned()),
        partner_id: reseller.map(str::to_owned),
        ..search.clone()
    };
    let quotas = quota_query::page(conn, &s, page.offset, page.limit)?;
    let mut names: HashMap<String, (String, String)> = HashMap::new();
    for q in &quotas {
        if !names.contains_key(&q.partner_id) {
            if let Some(p) = partners::find(conn, &q.partner_id)? {
                names.insert(p.id.clone(), (p.account_name, p.name));
            }
        }
    }
    let issued = quotas
        .into_iter()
        .map(|quota| {
            let n = names.get(&quota.partner_id);
            IssuedQuota {
                holder_account_name: n.map(|n| n.0.clone()),
                holder_name: n.map(|n| n.1.clone()),
                quota,
            }
        })
        .collect();
    Ok((quota_query::count(conn, &s)?, issued))
}
