//! `GET /v2/bills/partner-bills/subcustomer-bills/monthly-sum/export`: ListSubcustomerMonthlyBills'
//! sums as streamed CSV, with the same visibility.

use super::input::SubCustomerMonthlyQuery;
use super::partner_monthly::sum_filter;
use crate::auth::Caller;
use crate::extract::Query;
use crate::handlers::accounts::export;
use crate::service::consumption::reads::{self, PartnerView};
use crate::service::Failure;
use crate::wire::ActingFor;
use crate::{ApiError, AppState};
use actix_web::web::Data;
use actix_web::{get, HttpResponse};
use domain::consumption::BillSum;
use domain::identity::Role;
use persistence::DbConnection;

const HEADER: &[&str] = &[
    "customer_id",
    "bill_cycle",
    "service_type_code",
    "resource_type_code",
    "charging_mode",
    "bill_type",
    "official_amount",
    "discount_amount",
    "amount",
    "coupon_amount",
    "cash_amount",
    "credit_amount",
    "debt_amount",
    "record_count",
];

fn no_names(_: &mut DbConnection, _: &[(usize, BillSum)]) -> Result<(), Failure> {
    Ok(())
}

fn row((_, s): &(usize, BillSum), _: &()) -> Vec<String> {
    vec![
        s.customer_id.clone(),
        s.bill_cycle.clone(),
        s.service_type_code.clone(),
        s.resource_type_code.clone(),
        s.charging_mode.to_string(),
        s.bill_type.to_string(),
        s.official_amount.to_string(),
        s.discount_amount.to_string(),
        s.amount.to_string(),
        s.coupon_amount.to_string(),
        s.cash_amount.to_string(),
        s.credit_amount.to_string(),
        s.debt_amount.to_string(),
        s.record_count.to_string(),
    ]
}

/// Your customers' monthly sums of a cycle as streamed CSV, as you may see them (admins and
/// finance all, a supervisor their team's, an account manager their own); `offset`/`limit`
/// do not apply.
#[utoipa::path(tag = "bills", params(SubCustomerMonthlyQuery, ActingFor), responses((status = 200, content_type = "text/csv", body = String)))]
#[get("/v2/bills/partner-bills/subcustomer-bills/monthly-sum/export")]
pub async fn export_subcustomer_monthly_bills(
    state: Data<AppState>,
    caller: Caller,
    query: Query<SubCustomerMonthlyQuery>,
    acting: Query<ActingFor>,
) -> Result<HttpResponse, ApiError> {
    use Role::{AccountManager, AccountManagerSupervisor, Admin, Finance};
    let user = caller
        .partner_with(&[Admin, Finance, AccountManager, AccountManagerSupervisor])?
        .clone();
    let (q, acting) = (query.into_inner()?, acting.into_inner()?);
    let f = sum_filter(&q);
    let scope = state
        .read(move |conn| {
            let view = PartnerView {
                indirect_partner_id: acting.reseller(),
                ..PartnerView::default()
            };
            Ok::<_, Failure>(reads::partner_scope(conn, &user, &view)?.0)
        })
        .await?;
    Ok(export::stream_batches(
        &state,
        "sub-customer-monthly-sums.csv",
        HEADER,
        move |conn, after, n| reads::sums_after(conn, &scope, &f, after, n),
        no_names,
        |r: &(usize, BillSum)| r.0,
        row,
    ))
}
