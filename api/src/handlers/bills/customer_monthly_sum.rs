//! ShowCustomerMonthlySum: `GET /v2/bills/customer-bills/monthly-sum`.

use super::input::MonthlySumQuery;
use super::json::MonthlySum;
use crate::auth::Caller;
use crate::extract::Query;
use crate::service::consumption::reads;
use crate::wire::{self, PageQuery};
use crate::{ApiError, AppState};
use actix_web::web::Data;
use actix_web::{get, HttpResponse};
use persistence::repo::consumption::sums::SumFilter;

/// The customer's sums of a cycle per service type, resource type and charging mode, with the
/// cycle's totals; read from the sums kept as records arrive.
#[utoipa::path(tag = "bills", params(MonthlySumQuery, PageQuery), responses((status = 200, body = MonthlySum)))]
#[get("/v2/bills/customer-bills/monthly-sum")]
pub async fn show_customer_monthly_sum(
    state: Data<AppState>,
    caller: Caller,
    query: Query<MonthlySumQuery>,
    page: Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.customer()?.customer_id.clone();
    let (q, page) = (query.into_inner()?, page.into_inner()?.page());
    let f = SumFilter {
        bill_cycle: Some(q.bill_cycle.as_str().to_owned()),
        service_type_code: q.service_type_code.as_ref().map(|s| s.as_str().to_owned()),
        ..SumFilter::default()
    };
    let (total, rows, totals, currency) = state
        .read(move |conn| {
            let currency = reads::customer_currency(conn, &me)?;
            let (total, rows, totals) = reads::customer_sums_page(conn, &me, &f, page)?;
            Ok::<_, crate::service::Failure>((total, rows, totals, currency))
        })
        .await?;
    Ok(wire::ok(&MonthlySum::new(
        total,
        &rows,
        totals.as_ref(),
        currency,
    )))
}
