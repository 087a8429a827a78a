//! ListPartnerAccountChangeRecords and its CSV export (S10).

use super::{amount_text, export, CURRENCY};
use crate::auth::Caller;
use crate::extract::LegacyQuery as Query;
use crate::service::acting;
use crate::service::Failure;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{get, HttpResponse};
use domain::identity::Role;
use domain::paging::Page;
use domain::period;
use persistence::repo::ledger::LedgerRow;
use persistence::repo::ledger_query::{self, LedgerFilter};
use persistence::repo::{accounts, customers, partners};
use persistence::DbConnection;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

#[derive(Deserialize, Serialize, ToSchema, Clone, Copy)]
#[allow(clippy::enum_variant_names)]
pub enum BalanceType {
    #[serde(rename = "BALANCE_TYPE_DEBIT")]
    Debit,
    #[serde(rename = "BALANCE_TYPE_CREDIT")]
    Credit,
}

impl BalanceType {
    pub fn account_type(self) -> i32 {
        match self {
            BalanceType::Debit => accounts::CASH,
            BalanceType::Credit => accounts::CREDIT,
        }
    }
}

#[derive(Deserialize, Serialize, ToSchema, Clone, Copy, Debug)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TradeType {
    Recharge,
    Dedeuct,
    Refund,
    Rfrozen,
    Trans,
    Adjust,
    Beadjust,
    Beretrieve,
    Beunbind,
    Bonusconvert,
    TradeModeTransfer,
}

impl TradeType {
    pub fn as_str(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }
}

#[derive(Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PartnerRecordsQuery {
    /// `BALANCE_TYPE_DEBIT` (cash) or `BALANCE_TYPE_CREDIT`. Required.
    #[param(inline, example = "BALANCE_TYPE_DEBIT")]
    balance_type: BalanceType,
    #[param(inline, example = "RECHARGE")]
    trade_type: Option<TradeType>,
    /// `YYYY-MM-DD` in UTC+8; default one year before the end.
    #[validate(length(max = 10))]
    #[param(schema_with = crate::handlers::accounts::trade_date)]
    trade_time_begin: Option<String>,
    /// `YYYY-MM-DD` in UTC+8, inclusive; default today. At most one year after the begin.
    #[validate(length(max = 10))]
    #[param(schema_with = crate::handlers::accounts::trade_date)]
    trade_time_end: Option<String>,
    #[validate(range(min = 0))]
    #[param(minimum = 0, example = 0)]
    offset: Option<i64>,
    #[validate(range(min = 1, max = 100))]
    #[param(minimum = 1, maximum = 100, example = 10)]
    limit: Option<i64>,
    #[validate(length(min = 1, max = 64))]
    #[param(
        min_length = 1,
        max_length = 64,
        example = "5f1e2d3c4b5a69788796a5b4c3d2e1f0"
    )]
    indirect_partner_id: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct AccountChangeRecord {
    account_change_id: String,
    trade_detail_type: String,
    /// UTC `yyyy-MM-ddTHH:mm:ssZ`.
    trade_time: String,
    trade_id: String,
    /// Yuan, two decimals, unsigned; see `type`.
    change_amount: String,
    balance_after_change: String,
    /// `1` income, `2` expense.
    #[serde(rename = "type")]
    kind: &'static str,
    /// The customer (or reseller) of an allocation or reclaim.
    customer_id: Option<String>,
    account_name: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct PartnerRecords {
    total_count: i64,
    currency: &'static str,
    records: Vec<AccountChangeRecord>,
}

fn filter(partner_id: String, q: &PartnerRecordsQuery, now: i64) -> Result<LedgerFilter, ApiError> {
    let w = period::change_record_window(
        q.trade_time_begin.as_deref(),
        q.trade_time_end.as_deref(),
        now,
    )?;
    Ok(LedgerFilter {
        owner_kind: accounts::PARTNER.into(),
        owner_id: partner_id,
        account_type: q.balance_type.account_type(),
        from: Some(w.from),
        until: Some(w.until),
        trade_type: q.trade_type.map(TradeType::as_str),
        ..LedgerFilter::default()
    })
}

/// Names of the customers and resellers the rows mention.
pub fn party_names(
    conn: &mut DbConnection,
    rows: &[LedgerRow],
) -> Result<HashMap<String, String>, Failure> {
    let ids: Vec<String> = rows.iter().filter_map(party).collect();
    let mut names = customers::names(conn, &ids)?;
    names.extend(partners::account_names(conn, &ids)?);
    Ok(names)
}

fn party(r: &LedgerRow) -> Option<String> {
    r.customer_id.clone().or_else(|| r.counterparty_id.clone())
}

pub fn record(r: &LedgerRow, names: &HashMap<String, String>) -> AccountChangeRecord {
    let customer_id = party(r);
    AccountChangeRecord {
        account_change_id: r.id.clone(),
        trade_detail_type: r.trade_detail_type.clone(),
        trade_time: wire::utc(r.created_at),
        trade_id: r.trade_id.clone(),
        change_amount: amount_text(r.amount_cents),
        balance_after_change: amount_text(r.balance_after_cents),
        kind: if r.amount_cents >= 0 { "1" } else { "2" },
        account_name: customer_id.as_ref().and_then(|c| names.get(c).cloned()),
        customer_id,
    }
}

/// Resolves identity, role, reseller and filter, common to the list and the export.
async fn prepare(
    state: &AppState,
    caller: &Caller,
    query: Query<PartnerRecordsQuery>,
) -> Result<(LedgerFilter, PartnerRecordsQuery), ApiError> {
    let me = caller.partner_with(&[Role::Finance])?.partner_id.clone();
    let q = query.into_inner()?;
    let indirect = q.indirect_partner_id.clone();
    let partner = state
        .read(move |conn| acting::partner(conn, &me, indirect.as_deref()))
        .await?;
    Ok((filter(partner.id, &q, state.now())?, q))
}

/// Income and expense records of the partner's cash or credit account.
#[utoipa::path(tag = "accounts", params(PartnerRecordsQuery), responses((status = 200, body = PartnerRecords)))]
#[get("/v2/accounts/partner-accounts/account-change-records")]
pub async fn list_partner_account_change_records(
    state: Data<AppState>,
    caller: Caller,
    query: Query<PartnerRecordsQuery>,
) -> Result<HttpResponse, ApiError> {
    let (f, q) = prepare(&state, &caller, query).await?;
    let page = Page::new(q.offset, q.limit)?;
    let (total, rows, names) = state
        .read_lagged(move |conn| {
            let rows = ledger_query::page(conn, &f, page.offset, page.limit)?;
            let names = party_names(conn, &rows)?;
            Ok((ledger_query::count(conn, &f)?, rows, names))
        })
        .await?;
    Ok(wire::json(
        StatusCode::OK,
        &PartnerRecords {
            total_count: total,
            currency: CURRENCY,
            records: rows.iter().map(|r| record(r, &names)).collect(),
        },
    ))
}

/// The same records as CSV, streamed (any size, constant memory); formula-like cells are
/// neutralised. `offset`/`limit` are ignored.
#[utoipa::path(tag = "accounts", params(PartnerRecordsQuery), responses((status = 200, content_type = "text/csv", body = String)))]
#[get("/v2/accounts/partner-accounts/account-change-records/export")]
pub async fn export_partner_account_change_records(
    state: Data<AppState>,
    caller: Caller,
    query: Query<PartnerRecordsQuery>,
) -> Result<HttpResponse, ApiError> {
    let (f, _) = prepare(&state, &caller, query).await?;
    Ok(export::stream(
        &state,
        "partner-account-change-records.csv",
        &[
            "account_change_id",
            "trade_time",
            "trade_type",
            "trade_detail_type",
            "trade_id",
            "type",
            "change_amount",
            "balance_after_change",
            "customer_id",
            "account_name",
        ],
        f,
        party_names,
        |r, names| {
            let rec = record(r, names);
            vec![
                rec.account_change_id,
                rec.trade_time,
                r.trade_type.clone(),
                rec.trade_detail_type,
                rec.trade_id,
                rec.kind.to_owned(),
                rec.change_amount,
                rec.balance_after_change,
                rec.customer_id.unwrap_or_default(),
                rec.account_name.unwrap_or_default(),
            ]
        },
    ))
}
