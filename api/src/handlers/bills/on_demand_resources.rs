//! ListCustomerOnDemandResources: `POST /v2/partners/sub-customers/on-demand-resources/query`.

use super::input::QueryCustomerOnDemandResourcesReq;
use super::json::{CustomerOnDemandResource, OnDemandResourcesPage};
use crate::auth::Caller;
use crate::extract::Json;
use crate::service::consumption::reads::{self, PartnerView};
use crate::wire::{self, UtcTime};
use crate::{ApiError, AppState};
use actix_web::web::Data;
use actix_web::{post, HttpResponse};
use domain::consumption::ChargingMode;
use domain::identity::Role;
use persistence::coded;
use persistence::repo::consumption::resources::{self, ResourceFilter};

/// A customer's pay-per-use resources, for a partner user who may see that customer.
#[utoipa::path(tag = "bills", request_body = QueryCustomerOnDemandResourcesReq, responses((status = 200, body = OnDemandResourcesPage)))]
#[post("/v2/partners/sub-customers/on-demand-resources/query")]
pub async fn list_customer_on_demand_resources(
    state: Data<AppState>,
    caller: Caller,
    body: Json<QueryCustomerOnDemandResourcesReq>,
) -> Result<HttpResponse, ApiError> {
    use Role::{AccountManager, AccountManagerSupervisor, Admin, Finance};
    let user = caller
        .partner_with(&[Admin, Finance, AccountManager, AccountManagerSupervisor])?
        .clone();
    let b = body.into_inner()?;
    let (from, until) = (
        b.effective_time_begin.map(UtcTime::unix),
        b.effective_time_end.map(UtcTime::unix),
    );
    domain::period::check_window(
        ("effective_time_begin", from),
        ("effective_time_end", until),
        None,
    )?;
    let page = wire::page(b.offset, b.limit);
    let f = ResourceFilter {
        charging_mode: Some(coded::int(ChargingMode::OnDemand)),
        customer_id: Some(b.customer_id.as_str().to_owned()),
        region_code: b.region_code.as_ref().map(|r| r.as_str().to_owned()),
        service_type_code: b.service_type_code.as_ref().map(|r| r.as_str().to_owned()),
        resource_ids: b
            .resource_ids
            .as_ref()
            .filter(|l| !l.is_empty())
            .map(|l| l.iter().map(|r| r.as_str().to_owned()).collect()),
        effective_from: from,
        effective_until: until,
        status: b.status.map(|s| coded::int(s.get())),
        ..ResourceFilter::default()
    };
    let (total, rows) = state
        .read(move |conn| {
            let view = PartnerView {
                indirect_partner_id: b.indirect_partner_id.as_ref().map(|p| p.as_str()),
                ..PartnerView::default()
            };
            let (scope, _) = reads::partner_scope(conn, &user, &view)?;
            let total = resources::count(conn, &scope, &f)?;
            let rows = resources::page(conn, &scope, &f, page.offset, page.limit)?;
            Ok::<_, crate::service::Failure>((total, rows))
        })
        .await?;
    Ok(wire::ok(&OnDemandResourcesPage {
        resources: rows.iter().map(CustomerOnDemandResource::from).collect(),
        total_count: total,
    }))
}
