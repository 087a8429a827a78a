//! `GET /v2/bills/subcustomer-bills/res-fee-records/export`: ListSubCustomerBillDetail's
//! records as streamed CSV, with the same visibility.

use super::input::SubCustomerBillQuery;
use crate::auth::Caller;
use crate::extract::Query;
use crate::handlers::accounts::export;
use crate::service::consumption::reads::{self, PartnerView};
use crate::service::Failure;
use crate::wire::ActingFor;
use crate::{ApiError, AppState};
use actix_web::web::Data;
use actix_web::{get, HttpResponse};
use domain::code::{Code, Coded};
use domain::consumption::FeeRecord;
use domain::identity::Role;
use persistence::DbConnection;

const HEADER: &[&str] = &[
    "customer_id",
    "bill_cycle",
    "bill_date",
    "service_type_code",
    "resource_type_code",
    "region_code",
    "resource_id",
    "charge_mode",
    "bill_type",
    "official_amount",
    "discount_amount",
    "amount",
    "coupon_amount",
    "cash_amount",
    "credit_amount",
    "debt_amount",
    "writeoff_amount",
    "currency",
];

fn no_names(_: &mut DbConnection, _: &[(i64, FeeRecord)]) -> Result<(), Failure> {
    Ok(())
}

fn row((_, r): &(i64, FeeRecord), _: &()) -> Vec<String> {
    let money = |m: domain::Money| m.to_string();
    vec![
        r.customer_id.clone(),
        r.bill_cycle.clone(),
        r.bill_date.clone(),
        r.service_type_code.clone(),
        r.resource_type_code.clone(),
        r.region_code.clone(),
        r.resource_id.clone(),
        r.charging_mode.int().to_string(),
        r.bill_type.int().to_string(),
        money(r.official_amount),
        money(r.discount_amount),
        money(r.amount),
        money(r.coupon_amount),
        money(r.cash_amount),
        money(r.credit_amount),
        money(r.debt_amount),
        money(r.writeoff_amount),
        r.currency.clone(),
    ]
}

/// Your customers' consumption records of a cycle as streamed CSV, as you may see them
/// (admins and finance all, a supervisor their team's, an account manager their own);
/// `offset`/`limit` do not apply.
#[utoipa::path(tag = "bills", params(SubCustomerBillQuery, ActingFor), responses((status = 200, content_type = "text/csv", body = String)))]
#[get("/v2/bills/subcustomer-bills/res-fee-records/export")]
pub async fn export_sub_customer_bill_detail(
    state: Data<AppState>,
    caller: Caller,
    query: Query<SubCustomerBillQuery>,
    acting: Query<ActingFor>,
) -> Result<HttpResponse, ApiError> {
    use Role::{AccountManager, AccountManagerSupervisor, Admin, Finance};
    let user = caller
        .partner_with(&[Admin, Finance, AccountManager, AccountManagerSupervisor])?
        .clone();
    let (q, acting) = (query.into_inner()?, acting.into_inner()?);
    let f = q.filter();
    let scope = state
        .read(move |conn| {
            let view = PartnerView {
                indirect_partner_id: acting.reseller(),
                account_manager: q.account_manager_id.as_ref().map(|a| a.as_str()),
                association_type: q.association_type.map(|a| match a.get().code() {
                    Code::Int(n) => n.to_string(),
                    Code::Text(t) => t.to_owned(),
                }),
            };
            Ok::<_, Failure>(reads::partner_scope(conn, &user, &view)?.0)
        })
        .await?;
    Ok(export::stream_batches(
        &state,
        "sub-customer-fee-records.csv",
        HEADER,
        move |conn, after, n| reads::records_after(conn, &scope, &f, after, n),
        no_names,
        |r: &(i64, FeeRecord)| r.0,
        row,
    ))
}
