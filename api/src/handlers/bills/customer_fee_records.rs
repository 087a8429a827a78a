//! ListCustomerBillsFeeRecords: `GET /v2/bills/customer-bills/fee-records`.

use super::input::FeeRecordsQuery;
use super::json::{FeeRecordsPage, MonthlyBillRecord};
use crate::auth::Caller;
use crate::extract::Query;
use crate::service::consumption::reads;
use crate::wire::{self, PageQuery};
use crate::{ApiError, AppState};
use actix_web::web::Data;
use actix_web::{get, HttpResponse};
use persistence::repo::consumption::records::Scope;

/// The customer's flow bill of a cycle: each charged record with how it was paid.
#[utoipa::path(tag = "bills", params(FeeRecordsQuery, PageQuery), responses((status = 200, body = FeeRecordsPage)))]
#[get("/v2/bills/customer-bills/fee-records")]
pub async fn list_customer_bills_fee_records(
    state: Data<AppState>,
    caller: Caller,
    query: Query<FeeRecordsQuery>,
    page: Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.customer()?.customer_id.clone();
    let (q, page) = (query.into_inner()?, page.into_inner()?.page());
    let mut f = q.filter();
    f.exclude_zero = q.include_zero_record == Some(false);
    f.open_debt = match q.status {
        Some(1) => Some(false),
        Some(2) => Some(true),
        _ => None,
    };
    let (total, rows, currency) = state
        .read(move |conn| {
            let currency = reads::customer_currency(conn, &me)?;
            let (total, rows) = reads::records_page(conn, &Scope::Customer(me.clone()), &f, page)?;
            Ok::<_, crate::service::Failure>((total, rows, currency))
        })
        .await?;
    Ok(wire::ok(&FeeRecordsPage {
        total_count: total,
        records: rows.iter().map(MonthlyBillRecord::from).collect(),
        currency,
    }))
}
