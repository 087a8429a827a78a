//! ListCustomerselfResourceRecords: `GET /v2/bills/customer-bills/res-fee-records`.

use super::input::CustomerRecordsQuery;
use super::json::{ResFeeRecordV2, ResourceRecordsPage};
use crate::auth::Caller;
use crate::extract::Query;
use crate::service::consumption::reads;
use crate::wire::{self, PageQuery};
use crate::{ApiError, AppState};
use actix_web::web::Data;
use actix_web::{get, HttpResponse};
use persistence::repo::consumption::records::Scope;

/// The customer's own resource consumption records of a cycle, in arrival order.
#[utoipa::path(tag = "bills", params(CustomerRecordsQuery, PageQuery), responses((status = 200, body = ResourceRecordsPage)))]
#[get("/v2/bills/customer-bills/res-fee-records")]
pub async fn list_customerself_resource_records(
    state: Data<AppState>,
    caller: Caller,
    query: Query<CustomerRecordsQuery>,
    page: Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.customer()?.customer_id.clone();
    let (q, page) = (query.into_inner()?, page.into_inner()?.page());
    let mut f = q.filter();
    if q.include_zero_record == Some(false) {
        f.exclude_zero = true;
    }
    let (total, rows, currency) = state
        .read(move |conn| {
            let currency = reads::customer_currency(conn, &me)?;
            let (total, rows) = reads::records_page(conn, &Scope::Customer(me.clone()), &f, page)?;
            Ok::<_, crate::service::Failure>((total, rows, currency))
        })
        .await?;
    Ok(wire::ok(&ResourceRecordsPage {
        fee_records: rows.iter().map(ResFeeRecordV2::from).collect(),
        total_count: total,
        currency,
    }))
}
