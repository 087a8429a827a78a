//! S13 business opportunities of the partner's customers and its resellers' customers, with
//! visibility by role: create, read, update, close, query with filters and keyset paging,
//! CSV export. An invisible opportunity answers exactly like a missing one (404 CBC.99100002).
//! A distributor's admin may query (list, read, export) its resellers' customers'
//! opportunities but never create, edit, re-assign or close them: such a write answers
//! `403 CBC.0151` like every other forbidden write here
//! (`domain::opportunities::visibility::may_write`).

pub mod close;
pub mod create;
pub mod item;
pub mod query;
pub mod schemas;

use crate::service::Failure;
use crate::{wire, ApiError};
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine;
use domain::Money;
use persistence::repo::opportunities::business::OpportunityRow;
use persistence::repo::users::UserRow;
use persistence::DbConnection;
use serde::Serialize;
use std::collections::HashMap;
use utoipa::ToSchema;

/// Currencies an opportunity may be kept in.
pub const CURRENCIES: &[&str] = &["CNY", "USD"];

#[derive(Serialize, ToSchema)]
pub struct OpportunityView {
    #[schema(example = "8f3c0d6e2b7a4c1d9e5f0a1b2c3d4e5f")]
    opportunity_id: String,
    #[schema(example = "ACME web shop migration")]
    opportunity_name: String,
    customer_id: String,
    /// The customer's real name, else its account name.
    customer_name: Option<String>,
    /// The partner whose customer it is: the caller's own, or one of its resellers.
    partner_id: String,
    /// Customer industry (an upper-case code).
    #[schema(example = "RETAIL")]
    industry: String,
    /// `NEW_CUSTOMER`, `EXPANSION`, `RENEWAL` or `MIGRATION`.
    #[schema(example = "MIGRATION")]
    opportunity_type: String,
    /// Confidence (把握度) in percent, 0–100.
    #[schema(example = 60)]
    confidence: i32,
    /// `DISCOVERY`, `QUALIFIED`, `PROPOSAL`, `NEGOTIATION`; `WON` or `LOST` once closed.
    #[schema(example = "PROPOSAL")]
    stage: String,
    /// Expected monthly spend (预计月流水).
    expected_monthly_amount: wire::WireAmount,
    /// 1: yuan.
    measure_id: i32,
    #[schema(example = "CNY")]
    currency: String,
    /// The owning account manager's login name; none: seen by admins only.
    account_manager_id: Option<String>,
    account_manager_name: Option<String>,
    description: Option<String>,
    close_reason: Option<String>,
    create_time: String,
    /// Last update, UTC; lists sort by it.
    last_update_time: String,
    close_time: Option<String>,
}

/// Customer and owner names of a page of rows, in two queries.
pub struct Names {
    customers: HashMap<String, String>,
    users: HashMap<String, UserRow>,
}

pub fn names(conn: &mut DbConnection, rows: &[OpportunityRow]) -> Result<Names, Failure> {
    let cids: Vec<String> = rows.iter().map(|r| r.customer_id.clone()).collect();
    let uids: Vec<String> = rows
        .iter()
        .filter_map(|r| r.owner_user_id.clone())
        .collect();
    Ok(Names {
        customers: persistence::repo::customers::names(conn, &cids)?,
        users: persistence::repo::channel::users_by_id(conn, &uids)?,
    })
}

impl OpportunityView {
    pub fn new(r: &OpportunityRow, n: &Names) -> Self {
        let owner = r.owner_user_id.as_ref().and_then(|id| n.users.get(id));
        OpportunityView {
            opportunity_id: r.id.clone(),
            opportunity_name: r.opportunity_name.clone(),
            customer_id: r.customer_id.clone(),
            customer_name: n.customers.get(&r.customer_id).cloned(),
            partner_id: r.partner_id.clone(),
            industry: r.industry.clone(),
            opportunity_type: r.opportunity_type.clone(),
            confidence: r.confidence,
            stage: r.stage.clone(),
            expected_monthly_amount: wire::WireAmount(Money::from_cents(r.expected_monthly_cents)),
            measure_id: 1,
            currency: r.currency.clone(),
            account_manager_id: owner.map(|u| u.user_name.clone()),
            account_manager_name: owner.and_then(|u| u.display_name.clone()),
            description: r.description.clone(),
            close_reason: r.close_reason.clone(),
            create_time: wire::utc(r.created_at),
            last_update_time: wire::utc(r.updated_at),
            close_time: r.closed_at.map(wire::utc),
        }
    }

    /// One view, with its names read in the same transaction.
    pub fn load(conn: &mut DbConnection, r: OpportunityRow) -> Result<Self, Failure> {
        let n = names(conn, std::slice::from_ref(&r))?;
        Ok(OpportunityView::new(&r, &n))
    }
}

/// A time range filter of opportunities and leads: each bound a UTC time (CBC.0100
/// otherwise; the schema states the form), inclusive. A begin after the end is well-formed but
/// can match nothing: a business answer (CBC.99100112) naming both, since JSON Schema cannot
/// compare two fields.
pub fn time_filter(
    (begin_name, begin): (&str, Option<&str>),
    (end_name, end): (&str, Option<&str>),
) -> Result<(Option<i64>, Option<i64>), ApiError> {
    let from = begin.map(|s| wire::parse_utc(begin_name, s)).transpose()?;
    let to = end.map(|s| wire::parse_utc(end_name, s)).transpose()?;
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return Err(domain::Violation::new(
                domain::opportunities::FILTER_RANGE_EMPTY,
                format!("{begin_name} is after {end_name}"),
            )
            .into());
        }
    }
    Ok((from, to))
}

/// The opaque keyset marker of a row: where the next page starts.
pub fn marker_of(r: &OpportunityRow) -> String {
    B64.encode(format!("{}:{}", r.updated_at, r.id))
}

/// Reads a marker back; anything else names no page: a business answer (like an id naming
/// nothing), since the schema cannot tell a marker handed out from another string.
pub fn parse_marker(s: &str) -> Result<(i64, String), ApiError> {
    let bad = || {
        ApiError::from(domain::Violation::new(
            domain::opportunities::MARKER_UNKNOWN,
            "marker is not the next_marker of a previous page",
        ))
    };
    let bytes = B64.decode(s).map_err(|_| bad())?;
    let text = String::from_utf8(bytes).map_err(|_| bad())?;
    let (at, id) = text.split_once(':').ok_or_else(bad)?;
    let at: i64 = at.parse().map_err(|_| bad())?;
    if id.is_empty() || id.len() > 64 {
        return Err(bad());
    }
    Ok((at, id.to_owned()))
}

/// A path id: too long or empty answers like a missing opportunity.
pub fn opportunity_id(id: &str) -> Result<String, ApiError> {
    crate::handlers::channel::path_id(id, || {
        domain::Violation::new(
            domain::codes::NOT_FOUND,
            "business opportunity does not exist",
        )
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn markers_round_trip_and_reject_garbage() {
        let text = B64.encode("1767323045:abc");
        assert_eq!(parse_marker(&text).unwrap(), (1_767_323_045, "abc".into()));
        for bad in ["", "!!", &B64.encode("x:y"), &B64.encode("12")] {
            assert_eq!(parse_marker(bad).unwrap_err().code(), "CBC.99100113");
        }
    }
}
