//! `POST /v2/partners/indirect-partners/query` — ListIndirectPartners (real operation).

use super::{distributor, non_empty, time_range, SALES};
use crate::auth::Caller;
use crate::extract::LegacyJson as Json;
use crate::service::channel::indirect_partners;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{post, HttpResponse};
use domain::paging::Page;
use persistence::repo::channel::IndirectPartnerFilter;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

#[derive(Deserialize, Validate, ToSchema)]
pub struct QueryIndirectPartnersReq {
    /// Exact account name of the reseller; empty = no filter.
    #[validate(length(max = 64))]
    #[schema(max_length = 64, example = "reseller-east")]
    account_name: Option<String>,
    /// UTC `yyyy-MM-ddTHH:mm:ssZ`, inclusive; not after `associated_on_end` (CBC.99100066).
    #[validate(length(max = 20))]
    #[schema(schema_with = crate::wire::rules::optional_utc_time)]
    associated_on_begin: Option<String>,
    /// UTC `yyyy-MM-ddTHH:mm:ssZ`, inclusive.
    #[validate(length(max = 20))]
    #[schema(schema_with = crate::wire::rules::optional_utc_time)]
    associated_on_end: Option<String>,
    /// 0–40000000, default 0.
    #[schema(example = 0)]
    offset: Option<i64>,
    /// 1–100, default 10.
    #[schema(example = 10)]
    limit: Option<i64>,
    /// One of your resellers; any other id answers CBC.99000037.
    #[validate(length(max = 64))]
    #[schema(max_length = 64, example = "5f1e2d3c4b5a69788796a5b4c3d2e1f0")]
    indirect_partner_id: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct IndirectPartnerInfo {
    indirect_partner_id: String,
    mobile_phone: Option<String>,
    email: Option<String>,
    account_name: String,
    name: String,
    /// When the reseller was linked, UTC.
    associated_on: Option<String>,
    /// The account manager's login name (user name).
    account_manager_id: Option<String>,
    /// The account manager's display name.
    account_manager_name: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ListIndirectPartnersResponse {
    count: i64,
    indirect_partners: Vec<IndirectPartnerInfo>,
}

/// Lists the caller's linked resellers (distributors only), with their account managers.
#[utoipa::path(tag = "channel", request_body = QueryIndirectPartnersReq, responses((status = 200, body = ListIndirectPartnersResponse)))]
#[post("/v2/partners/indirect-partners/query")]
pub async fn list_indirect_partners(
    state: Data<AppState>,
    caller: Caller,
    req: Json<QueryIndirectPartnersReq>,
) -> Result<HttpResponse, ApiError> {
    let me = distributor(&caller, SALES)?.partner_id.clone();
    let req = req.into_inner()?;
    let page = Page::new(req.offset, req.limit)?;
    let (from, to) = time_range(
        ("associated_on_begin", req.associated_on_begin.as_deref()),
        ("associated_on_end", req.associated_on_end.as_deref()),
    )?;
    let (name, reseller) = (
        non_empty(req.account_name),
        non_empty(req.indirect_partner_id),
    );
    let listed = state
        .read(move |conn| {
            let f = IndirectPartnerFilter {
                distributor_id: &me,
                account_name: name.as_deref(),
                associated_from: from,
                associated_to: to,
                reseller_id: reseller.as_deref(),
                offset: page.offset,
                limit: page.limit,
            };
            indirect_partners::list(conn, &f)
        })
        .await?;
    let indirect_partners = listed
        .rows
        .into_iter()
        .map(|(p, m)| IndirectPartnerInfo {
            indirect_partner_id: p.id,
            mobile_phone: p.mobile_phone,
            email: p.email,
            account_name: p.account_name,
            name: p.name,
            associated_on: p.associated_at.map(wire::utc),
            account_manager_name: m.as_ref().map(|u| {
                u.display_name
                    .clone()
                    .unwrap_or_else(|| u.user_name.clone())
            }),
            account_manager_id: m.map(|u| u.user_name),
        })
        .collect();
    Ok(wire::json(
        StatusCode::OK,
        &ListIndirectPartnersResponse {
            count: listed.count,
            indirect_partners,
        },
    ))
}
