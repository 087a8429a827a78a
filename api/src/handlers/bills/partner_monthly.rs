//! ListSubcustomerMonthlyBills: `GET /v2/bills/partner-bills/subcustomer-bills/monthly-sum`.

use super::input::SubCustomerMonthlyQuery;
use super::json::{BillSumInfoV2, SubCustomerMonthlyPage};
use crate::auth::Caller;
use crate::extract::Query;
use crate::service::consumption::reads::{self, PartnerView};
use crate::wire::{self, ActingFor, PageQuery};
use crate::{ApiError, AppState};
use actix_web::web::Data;
use actix_web::{get, HttpResponse};
use domain::identity::Role;
use persistence::coded;
use persistence::repo::consumption::sums::SumFilter;

/// The sums ListSubcustomerMonthlyBills (and its export) reads.
pub fn sum_filter(q: &SubCustomerMonthlyQuery) -> SumFilter {
    let bill_type = q.bill_type.map(|t| t.get().sum_type());
    SumFilter {
        bill_cycle: Some(q.cycle.as_str().to_owned()),
        customer_id: q.customer_id.as_ref().map(|c| c.as_str().to_owned()),
        service_type_code: q.cloud_service_type.as_ref().map(|s| s.as_str().to_owned()),
        charging_mode: q.charge_mode.map(|c| coded::int(c.get())),
        // Write-offs (type 2) have no sums: nothing matches.
        bill_type: bill_type.map(|t| t.map_or(-1, |t| i32::try_from(t).unwrap_or(-1))),
    }
}

/// Your customers' monthly sums per service type and charging mode, as you may see them; one
/// indexed read of the sums kept as records arrive.
#[utoipa::path(tag = "bills", params(SubCustomerMonthlyQuery, PageQuery, ActingFor), responses((status = 200, body = SubCustomerMonthlyPage)))]
#[get("/v2/bills/partner-bills/subcustomer-bills/monthly-sum")]
pub async fn list_subcustomer_monthly_bills(
    state: Data<AppState>,
    caller: Caller,
    query: Query<SubCustomerMonthlyQuery>,
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
    let f = sum_filter(&q);
    let (total, rows, currency) = state
        .read(move |conn| {
            let view = PartnerView {
                indirect_partner_id: acting.reseller(),
                ..PartnerView::default()
            };
            let (scope, currency) = reads::partner_scope(conn, &user, &view)?;
            let (total, rows) = reads::sums_page(conn, &scope, &f, page)?;
            Ok::<_, crate::service::Failure>((total, rows, currency))
        })
        .await?;
    Ok(wire::ok(&SubCustomerMonthlyPage {
        bill_sums: rows.iter().map(BillSumInfoV2::from).collect(),
        count: total,
        currency,
    }))
}
