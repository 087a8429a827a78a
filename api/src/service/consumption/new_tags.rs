//! ListSubCustomerNewTag: the new-customer tag of the partner's customers its user may see.

use super::reads::{self, PartnerView};
use crate::auth::PartnerUser;
use crate::service::Outcome;
use domain::consumption::new_customer::{self, TagInfo};
use domain::paging::Page;
use persistence::repo::consumption::new_tags as repo;
use persistence::DbConnection;

/// `(customer id, tag)` of a page of the customers (only `ids` when given).
pub fn list(
    conn: &mut DbConnection,
    user: &PartnerUser,
    indirect_partner_id: Option<&str>,
    ids: Option<&[String]>,
    page: Page,
    now: i64,
) -> Outcome<Vec<(String, TagInfo)>> {
    let view = PartnerView {
        indirect_partner_id,
        ..PartnerView::default()
    };
    let (scope, _) = reads::partner_scope(conn, user, &view)?;
    let found = repo::customers(conn, &scope, ids, page.offset, page.limit)?;
    let ids: Vec<String> = found.iter().map(|(id, _)| id.clone()).collect();
    let spend = repo::first_spend(conn, &ids)?;
    Ok(found
        .into_iter()
        .filter_map(|(id, registered)| {
            let info = new_customer::tag(registered, spend.get(&id).copied(), now)?;
            Some((id, info))
        })
        .collect())
}
