//! ListCustomerAccountChangeRecords (the customer's own income and expense) and its CSV export.

use super::partner_records::{BalanceType, TradeType};
use super::{amount_text, export, CURRENCY};
use crate::auth::Caller;
use crate::extract::LegacyQuery as Query;
use crate::service::Failure;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{get, HttpResponse};
use domain::paging::Page;
use domain::period;
use persistence::repo::ledger::LedgerRow;
use persistence::repo::ledger_query::{self, Direction, LedgerFilter};
use persistence::repo::{accounts, customers};
use persistence::DbConnection;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

#[derive(Deserialize, Serialize, ToSchema, Clone, Copy)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RevenueExpense {
    Revenue,
    Expense,
}

#[derive(Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CustomerRecordsQuery {
    #[param(inline, example = "BALANCE_TYPE_DEBIT")]
    balance_type: BalanceType,
    #[param(inline, example = "EXPENSE")]
    revenue_expense_type: Option<RevenueExpense>,
    #[param(inline, example = "RECHARGE")]
    trade_type: Option<TradeType>,
    #[validate(length(max = 10))]
    #[param(schema_with = crate::handlers::accounts::trade_date)]
    trade_time_begin: Option<String>,
    #[validate(length(max = 10))]
    #[param(schema_with = crate::handlers::accounts::trade_date)]
    trade_time_end: Option<String>,
    #[validate(length(min = 1, max = 128))]
    #[param(min_length = 1, max_length = 128, example = "TR2412040001")]
    trade_id: Option<String>,
    /// No payment channels exist here: given, it matches nothing.
    #[validate(length(max = 64))]
    #[param(max_length = 64, example = "alipay")]
    payment_channel_id: Option<String>,
    #[validate(length(max = 64))]
    #[param(max_length = 64, example = "2024120422001400001")]
    payment_channel_no: Option<String>,
    #[validate(range(min = 0))]
    #[param(minimum = 0, example = 0)]
    offset: Option<i64>,
    #[validate(range(min = 1, max = 100))]
    #[param(minimum = 1, maximum = 100, example = 10)]
    limit: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct CustomerAccountChangeRecord {
    account_change_id: String,
    trade_detail_type: String,
    trade_time: String,
    trade_id: String,
    change_amount: String,
    balance_after_change: String,
    /// `REVENUE` or `EXPENSE`.
    revenue_expense_type: &'static str,
    /// `yyyy-MM` (UTC+8).
    bill_cycle: String,
    payment_channel_id: Option<String>,
    payment_channel_no: Option<String>,
    account_name: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct CustomerRecords {
    total_count: i64,
    currency: &'static str,
    records: Vec<CustomerAccountChangeRecord>,
}

fn filter(
    customer_id: String,
    q: &CustomerRecordsQuery,
    now: i64,
) -> Result<Option<LedgerFilter>, ApiError> {
    let w = period::change_record_window(
        q.trade_time_begin.as_deref(),
        q.trade_time_end.as_deref(),
        now,
    )?;
    if q.payment_channel_id
        .as_deref()
        .is_some_and(|s| !s.is_empty())
        || q.payment_channel_no
            .as_deref()
            .is_some_and(|s| !s.is_empty())
    {
        return Ok(None);
    }
    Ok(Some(LedgerFilter {
        owner_kind: accounts::CUSTOMER.into(),
        owner_id: customer_id,
        account_type: q.balance_type.account_type(),
        from: Some(w.from),
        until: Some(w.until),
        trade_type: q.trade_type.map(TradeType::as_str),
        direction: q.revenue_expense_type.map(|d| match d {
            RevenueExpense::Revenue => Direction::Income,
            RevenueExpense::Expense => Direction::Expense,
        }),
        trade_id: q.trade_id.clone(),
        ..LedgerFilter::default()
    }))
}

fn own_name(
    conn: &mut DbConnection,
    rows: &[LedgerRow],
) -> Result<HashMap<String, String>, Failure> {
    let ids: Vec<String> = rows
        .first()
        .map(|r| r.owner_id.clone())
        .into_iter()
        .collect();
    Ok(customers::names(conn, &ids)?)
}

fn record(r: &LedgerRow, names: &HashMap<String, String>) -> CustomerAccountChangeRecord {
    CustomerAccountChangeRecord {
        account_change_id: r.id.clone(),
        trade_detail_type: r.trade_detail_type.clone(),
        trade_time: wire::utc(r.created_at),
        trade_id: r.trade_id.clone(),
        change_amount: amount_text(r.amount_cents),
        balance_after_change: amount_text(r.balance_after_cents),
        revenue_expense_type: if r.amount_cents >= 0 {
            "REVENUE"
        } else {
            "EXPENSE"
        },
        bill_cycle: period::bill_cycle(r.created_at),
        payment_channel_id: None,
        payment_channel_no: None,
        account_name: names.get(&r.owner_id).cloned(),
    }
}

/// The calling customer's income and expense records, newest first.
#[utoipa::path(tag = "accounts", params(CustomerRecordsQuery), responses((status = 200, body = CustomerRecords)))]
#[get("/v2/accounts/customer-accounts/account-change-records")]
pub async fn list_customer_account_change_records(
    state: Data<AppState>,
    caller: Caller,
    query: Query<CustomerRecordsQuery>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.customer()?.customer_id.clone();
    let q = query.into_inner()?;
    let page = Page::new(q.offset, q.limit)?;
    let Some(f) = filter(me, &q, state.now())? else {
        return Ok(wire::json(
            StatusCode::OK,
            &CustomerRecords {
                total_count: 0,
                currency: CURRENCY,
                records: vec![],
            },
        ));
    };
    let (total, rows, names) = state
        .read_lagged(move |conn| {
            let rows = ledger_query::page(conn, &f, page.offset, page.limit)?;
            let names = own_name(conn, &rows)?;
            Ok((ledger_query::count(conn, &f)?, rows, names))
        })
        .await?;
    Ok(wire::json(
        StatusCode::OK,
        &CustomerRecords {
            total_count: total,
            currency: CURRENCY,
            records: rows.iter().map(|r| record(r, &names)).collect(),
        },
    ))
}

/// The same records as streamed CSV; `offset`/`limit` are ignored.
#[utoipa::path(tag = "accounts", params(CustomerRecordsQuery), responses((status = 200, content_type = "text/csv", body = String)))]
#[get("/v2/accounts/customer-accounts/account-change-records/export")]
pub async fn export_customer_account_change_records(
    state: Data<AppState>,
    caller: Caller,
    query: Query<CustomerRecordsQuery>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.customer()?.customer_id.clone();
    let q = query.into_inner()?;
    // A filter that can match nothing still yields the header row.
    let f = filter(me.clone(), &q, state.now())?.unwrap_or(LedgerFilter {
        owner_kind: accounts::CUSTOMER.into(),
        owner_id: me,
        account_type: -1,
        ..LedgerFilter::default()
    });
    Ok(export::stream(
        &state,
        "customer-account-change-records.csv",
        &[
            "account_change_id",
            "trade_time",
            "trade_detail_type",
            "trade_id",
            "revenue_expense_type",
            "change_amount",
            "balance_after_change",
            "bill_cycle",
            "account_name",
        ],
        f,
        own_name,
        |r, names| {
            let rec = record(r, names);
            vec![
                rec.account_change_id,
                rec.trade_time,
                rec.trade_detail_type,
                rec.trade_id,
                rec.revenue_expense_type.to_owned(),
                rec.change_amount,
                rec.balance_after_change,
                rec.bill_cycle,
                rec.account_name.unwrap_or_default(),
            ]
        },
    ))
}
