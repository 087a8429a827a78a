//! The operator's directory of partners and customers: what a row shows and how a page by key
//! is cut.

use crate::identity::PartnerType;

/// A partner as the directory lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerEntry {
    pub id: String,
    pub domain_id: String,
    pub name: String,
    pub account_name: String,
    pub partner_type: PartnerType,
    pub country_code: String,
    pub reseller_program_joined: bool,
    pub marketing_plan_version: String,
    /// The distributor a reseller is linked to.
    pub parent_id: Option<String>,
    /// When the operator suspended it, if it is suspended.
    pub suspended_at: Option<i64>,
    pub created_at: i64,
}

/// A customer as the directory lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerEntry {
    pub id: String,
    pub domain_id: String,
    pub account_name: String,
    pub customer_name: Option<String>,
    pub country_code: String,
    /// The partner it is associated with, and how (`1` referral, `2` resale).
    pub partner_id: Option<String>,
    pub association_type: Option<String>,
    pub associated_at: Option<i64>,
    pub created_at: i64,
}

/// What the operator searches partners by; text matches anywhere, ignoring ASCII case.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PartnerSearch {
    pub name: Option<String>,
    pub account_name: Option<String>,
    pub partner_type: Option<PartnerType>,
    pub country_code: Option<String>,
    pub parent_id: Option<String>,
    /// Only suspended partners (`true`) or only active ones (`false`).
    pub suspended: Option<bool>,
}

/// Whether a customer is associated with a partner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Association {
    Associated,
    Unassociated,
}

/// What the operator searches customers by.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CustomerSearch {
    pub name: Option<String>,
    pub account_name: Option<String>,
    pub country_code: Option<String>,
    pub partner_id: Option<String>,
    pub association: Option<Association>,
    pub customer_id: Option<String>,
}

/// A page by key: the entries after the id `after`, at most `limit` of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyPage {
    pub after: Option<String>,
    pub limit: i64,
}

/// A page of entries, the key of the next page if there is one, and how many match in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found<T> {
    pub total: i64,
    pub entries: Vec<T>,
    pub next: Option<String>,
}

impl<T> Found<T> {
    /// Cuts `fetched` (up to `limit + 1` entries in key order) into a page; `key` reads an
    /// entry's id.
    pub fn cut(total: i64, mut fetched: Vec<T>, limit: i64, key: fn(&T) -> &str) -> Self {
        let keep = usize::try_from(limit).unwrap_or(usize::MAX);
        let more = fetched.len() > keep;
        fetched.truncate(keep);
        let next = if more {
            fetched.last().map(|e| key(e).to_owned())
        } else {
            None
        };
        Found {
            total,
            entries: fetched,
            next,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_names_its_successor_only_when_more_follow() {
        let ids = |n: usize| (0..n).map(|i| format!("{i:02}")).collect::<Vec<_>>();
        let f = Found::cut(5, ids(3), 2, |s: &String| s.as_str());
        assert_eq!((f.entries.len(), f.next.as_deref()), (2, Some("01")));
        let f = Found::cut(2, ids(2), 2, |s: &String| s.as_str());
        assert_eq!((f.entries.len(), f.next), (2, None));
        let f = Found::cut(0, ids(0), 2, |s: &String| s.as_str());
        assert_eq!((f.entries.len(), f.next), (0, None));
    }
}
