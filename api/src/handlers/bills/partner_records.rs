//! ListSubCustomerBillDetail: `GET /v2/bills/subcustomer-bills/res-fee-records`.

use super::input::SubCustomerBillQuery;
use super::json::{SubCustomerBillPage, SubCustomerMonthlyBillDetail};
use crate::auth::Caller;
use crate::extract::Query;
use crate::service::consumption::reads::{self, PartnerView};
use crate::wire::{self, ActingFor, PageQuery};
use crate::{ApiError, AppState};
use actix_web::web::Data;
use actix_web::{get, HttpResponse};
use domain::code::Code;
use domain::identity::Role;

/// Your customers' consumption records of a cycle as you may see them: admins and finance all,
/// a supervisor their team's customers', an account manager their own customers'.
#[utoipa::path(tag = "bills", params(SubCustomerBillQuery, PageQuery, ActingFor), responses((status = 200, body = SubCustomerBillPage)))]
#[get("/v2/bills/subcustomer-bills/res-fee-records")]
pub async fn list_sub_customer_bill_detail(
    state: Data<AppState>,
    caller: Caller,
    query: Query<SubCustomerBillQuery>,
    page: Query<PageQuery>,
    acting: Query<ActingFor>,
) -> Result<HttpResponse, ApiError> {
    use Role::{AccountManager, AccountManagerSupervisor, Admin, Finance};
    let user = caller
        .partner_with(&[Admin, Finance, AccountManager, AccountManagerSupervisor])?
        .clone();
    let (q, page, acting) = (
        query.into_inner()?,
        page.into_inner()?.page(),
        acting.into_inner()?,
    );
    let f = q.filter();
    let (total, rows, currency) = state
        .read(move |conn| {
            let view = PartnerView {
                indirect_partner_id: acting.reseller(),
                account_manager: q.account_manager_id.as_ref().map(|a| a.as_str()),
                association_type: q.association_type.map(|a| {
                    match domain::code::Coded::code(a.get()) {
                        Code::Int(n) => n.to_string(),
                        Code::Text(t) => t.to_owned(),
                    }
                }),
            };
            let (scope, currency) = reads::partner_scope(conn, &user, &view)?;
            let (total, rows) = reads::records_page(conn, &scope, &f, page)?;
            Ok::<_, crate::service::Failure>((total, rows, currency))
        })
        .await?;
    Ok(wire::ok(&SubCustomerBillPage {
        total_count: total,
        currency,
        fee_records: rows
            .iter()
            .map(SubCustomerMonthlyBillDetail::from)
            .collect(),
    }))
}
