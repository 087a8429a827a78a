//! `GET /v2/operator/partners`: every partner, searched, paged by key.

use super::input::{country, KeyPageQuery, PartnerSearchQuery, PartnerStatus};
use super::json::{PartnerListed, PartnersPage};
use crate::auth::Caller;
use crate::extract::Query;
use crate::service::directory;
use crate::{wire, ApiError, AppState};
use actix_web::web::Data;
use actix_web::{get, HttpResponse};
use domain::directory::PartnerSearch;

/// Searches all partners by name, account name, type, country, distributor or status; pages follow
/// `next_marker`.
#[utoipa::path(tag = "operator", params(PartnerSearchQuery, KeyPageQuery), responses((status = 200, body = PartnersPage)))]
#[get("/v2/operator/partners")]
pub async fn list_partners(
    state: Data<AppState>,
    caller: Caller,
    query: Query<PartnerSearchQuery>,
    page: Query<KeyPageQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let (q, page) = (query.into_inner()?, page.into_inner()?.page());
    let text = |t: &Option<super::input::SearchText>| t.as_ref().map(|t| t.as_str().to_owned());
    let search = PartnerSearch {
        name: text(&q.name),
        account_name: text(&q.account_name),
        partner_type: q.partner_type.map(Into::into),
        country_code: country(q.country_code.as_ref())?,
        parent_id: q.parent_partner_id.map(|p| p.as_str().to_owned()),
        suspended: q.status.map(|s| matches!(s, PartnerStatus::Suspended)),
    };
    let found = state
        .read(move |conn| directory::partners(conn, &search, &page))
        .await?;
    Ok(wire::ok(&PartnersPage {
        total_count: found.total,
        partners: found.entries.iter().map(PartnerListed::from).collect(),
        next_marker: found.next,
    }))
}
