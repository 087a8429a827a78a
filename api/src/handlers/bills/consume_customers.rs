//! ListConsumeSubCustomers: `POST /v2/bills/subcustomer-bills/res-fee-records/sub-customers/query`.

use super::input::ListConsumeSubCustomersReq;
use super::json::{ConsumeSubCustomersPage, SubCustomerInfoV3};
use crate::auth::Caller;
use crate::extract::Json;
use crate::service::consumption::reads::{self, PartnerView};
use crate::{wire, ApiError, AppState};
use actix_web::web::Data;
use actix_web::{post, HttpResponse};
use domain::identity::Role;
use persistence::repo::consumption::sums;

/// Your customers with consumption in a cycle, as you may see them.
#[utoipa::path(tag = "bills", request_body = ListConsumeSubCustomersReq, responses((status = 200, body = ConsumeSubCustomersPage)))]
#[post("/v2/bills/subcustomer-bills/res-fee-records/sub-customers/query")]
pub async fn list_consume_sub_customers(
    state: Data<AppState>,
    caller: Caller,
    body: Json<ListConsumeSubCustomersReq>,
) -> Result<HttpResponse, ApiError> {
    use Role::{AccountManager, AccountManagerSupervisor, Admin, Finance};
    let user = caller
        .partner_with(&[Admin, Finance, AccountManager, AccountManagerSupervisor])?
        .clone();
    let b = body.into_inner()?;
    let page = wire::page(b.offset, b.limit);
    let (total, ids) = state
        .read(move |conn| {
            let (scope, _) = reads::partner_scope(conn, &user, &PartnerView::default())?;
            Ok::<_, crate::service::Failure>(sums::consuming_customers(
                conn,
                &scope,
                b.bill_cycle.as_str(),
                page.offset,
                page.limit,
            )?)
        })
        .await?;
    Ok(wire::ok(&ConsumeSubCustomersPage {
        sub_customers: ids
            .into_iter()
            .map(|customer_id| SubCustomerInfoV3 { customer_id })
            .collect(),
        total_count: total,
    }))
}
