//! ListSubCustomerNewTag: `POST /v2/partners/sub-customers/new-customers-tags/batch-query`.

use super::input::IndirectPartnerId;
use crate::auth::Caller;
use crate::extract::Json;
use crate::service::consumption::new_tags;
use crate::wire::{self, CustomerId, Limit, List, Offset};
use crate::{ApiError, AppState};
use actix_web::web::Data;
use actix_web::{post, HttpResponse};
use domain::identity::Role;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// `ListSubCustomerNewTagReq`.
#[derive(Deserialize, ToSchema)]
pub struct ListSubCustomerNewTagReq {
    /// None or an empty list does not filter; ids that are not the partner's customers are
    /// left out of the answer.
    pub customer_ids: Option<List<CustomerId, 0, { domain::paging::MAX_LIMIT as usize }>>,
    pub offset: Option<Offset>,
    pub limit: Option<Limit>,
    pub indirect_partner_id: Option<IndirectPartnerId>,
}

/// `NewCustomerTagItem`.
#[derive(Serialize, ToSchema)]
pub struct NewCustomerTagItem {
    customer_id: String,
    /// `SMB`.
    customer_tag_type: &'static str,
    /// `Y` qualified, `N` not a new customer, `UNDETERMINED` eligible, not yet qualified.
    new_customer_tag: &'static str,
    /// First month, `YYYY-MM`.
    effective_time: String,
    /// Last month, `YYYY-MM`.
    expire_time: String,
}

/// ListSubCustomerNewTag's answer.
#[derive(Serialize, ToSchema)]
pub struct NewCustomerTags {
    new_customer_tags: Vec<NewCustomerTagItem>,
}

/// The SMB new-customer tag of the partner's customers (a distributor's reseller's with
/// `indirect_partner_id`): new for the twelve bill months from registration, qualified once it
/// spends (a paid order or charged usage) in that time.
#[utoipa::path(tag = "bills", request_body = ListSubCustomerNewTagReq, responses((status = 200, body = NewCustomerTags)))]
#[post("/v2/partners/sub-customers/new-customers-tags/batch-query")]
pub async fn list_sub_customer_new_tag(
    state: Data<AppState>,
    caller: Caller,
    body: Json<ListSubCustomerNewTagReq>,
) -> Result<HttpResponse, ApiError> {
    use Role::{AccountManager, AccountManagerSupervisor, Admin, Finance};
    let user = caller
        .partner_with(&[Admin, Finance, AccountManager, AccountManagerSupervisor])?
        .clone();
    let b = body.into_inner()?;
    let page = wire::page(b.offset, b.limit);
    let ids: Option<Vec<String>> = b
        .customer_ids
        .filter(|l| !l.is_empty())
        .map(|l| l.iter().map(|c| c.as_str().to_owned()).collect());
    let indirect = b.indirect_partner_id.map(|p| p.as_str().to_owned());
    let now = state.now();
    let tags = state
        .read(move |conn| {
            new_tags::list(conn, &user, indirect.as_deref(), ids.as_deref(), page, now)
        })
        .await?;
    Ok(wire::ok(&NewCustomerTags {
        new_customer_tags: tags
            .into_iter()
            .map(|(customer_id, t)| NewCustomerTagItem {
                customer_id,
                customer_tag_type: domain::consumption::new_customer::TAG_TYPE,
                new_customer_tag: t.tag.as_str(),
                effective_time: t.effective_month,
                expire_time: t.expire_month,
            })
            .collect(),
    }))
}
