//! Reading yearly/monthly resources: a customer its own, a partner user those of a customer it
//! names and may see (S13 visibility).

use super::reads::{self, PartnerView};
use crate::auth::PartnerUser;
use crate::service::{Failure, Outcome};
use domain::codes;
use domain::consumption::resources::Resource;
use domain::consumption::subscriptions::SubscriptionStatus;
use domain::consumption::ChargingMode;
use domain::paging::Page;
use persistence::coded;
use persistence::repo::consumption::records::Scope;
use persistence::repo::consumption::resources::{self as repo, ResourceFilter};
use persistence::DbConnection;

/// Who reads.
#[derive(Debug, Clone)]
pub enum Viewer {
    Customer(String),
    Partner(PartnerUser),
}

/// ListPayPerUseCustomerResources' filters; empty lists do not filter.
#[derive(Debug, Clone, Default)]
pub struct ResourceQuery {
    pub customer_id: Option<String>,
    pub resource_ids: Vec<String>,
    pub order_id: Option<String>,
    pub statuses: Vec<SubscriptionStatus>,
    pub expire_from: Option<i64>,
    pub expire_until: Option<i64>,
    pub service_type_code: Option<String>,
}

/// The page of yearly/monthly resources and how many match.
pub fn list(
    conn: &mut DbConnection,
    viewer: &Viewer,
    q: &ResourceQuery,
    page: Page,
    now: i64,
) -> Outcome<(i64, Vec<Resource>)> {
    let (scope, customer_id) = match viewer {
        Viewer::Customer(c) => (Scope::Customer(c.clone()), None),
        Viewer::Partner(user) => {
            let customer = q.customer_id.clone().ok_or_else(|| {
                Failure::rule(
                    codes::CUSTOMER_ID_REQUIRED,
                    "customer_id is required when a partner lists resources",
                )
            })?;
            let (scope, _) = reads::partner_scope(conn, user, &PartnerView::default())?;
            (scope, Some(customer))
        }
    };
    let f = ResourceFilter {
        charging_mode: Some(coded::int(ChargingMode::YearlyMonthly)),
        customer_id,
        service_type_code: q.service_type_code.clone(),
        resource_ids: (!q.resource_ids.is_empty()).then(|| q.resource_ids.clone()),
        order_id: q.order_id.clone(),
        expire_from: q.expire_from,
        expire_until: q.expire_until,
        statuses: (!q.statuses.is_empty()).then(|| (q.statuses.clone(), now)),
        ..ResourceFilter::default()
    };
    let total = repo::count(conn, &scope, &f)?;
    let rows = repo::page(conn, &scope, &f, page.offset, page.limit)?;
    Ok((total, rows))
}
