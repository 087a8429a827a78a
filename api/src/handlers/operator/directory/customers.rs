//! `GET /v2/operator/customers`: every customer, searched, paged by key.

use super::input::{country, AssociationStatus, CustomerSearchQuery, KeyPageQuery};
use super::json::{CustomerListed, CustomersPage};
use crate::auth::Caller;
use crate::extract::Query;
use crate::service::directory;
use crate::{wire, ApiError, AppState};
use actix_web::web::Data;
use actix_web::{get, HttpResponse};
use domain::directory::{Association, CustomerSearch};

/// Searches all customers by real name, account name, country, partner or association;
/// pages follow `next_marker`.
#[utoipa::path(tag = "operator", params(CustomerSearchQuery, KeyPageQuery), responses((status = 200, body = CustomersPage)))]
#[get("/v2/operator/customers")]
pub async fn list_customers(
    state: Data<AppState>,
    caller: Caller,
    query: Query<CustomerSearchQuery>,
    page: Query<KeyPageQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let (q, page) = (query.into_inner()?, page.into_inner()?.page());
    let text = |t: &Option<super::input::SearchText>| t.as_ref().map(|t| t.as_str().to_owned());
    let search = CustomerSearch {
        name: text(&q.name),
        account_name: text(&q.account_name),
        country_code: country(q.country_code.as_ref())?,
        partner_id: q.partner_id.map(|p| p.as_str().to_owned()),
        association: q.status.map(|s| match s {
            AssociationStatus::Associated => Association::Associated,
            AssociationStatus::Unassociated => Association::Unassociated,
        }),
        customer_id: q.customer_id.map(|c| c.as_str().to_owned()),
    };
    let found = state
        .read(move |conn| directory::customers(conn, &search, &page))
        .await?;
    Ok(wire::ok(&CustomersPage {
        total_count: found.total,
        customers: found.entries.iter().map(CustomerListed::from).collect(),
        next_marker: found.next,
    }))
}
