//! `POST /v2/partners/indirect-partners/{indirect_partner_id}/unbind` `{reason}`.

use super::LinkEnd;
use crate::auth::Caller;
use crate::extract::{Json, Path};
use crate::handlers::channel::{distributor, ADMIN};
use crate::service::channel::relationships;
use crate::wire::PartnerId;
use crate::{ApiError, AppState};
use actix_web::web::Data;
use actix_web::{post, HttpResponse};

/// Ends the link to one of your resellers (a distributor's admin). Refused with
/// `CBC.99100210`, one entry of `error_details` per blocker, while the reseller still holds
/// money you allocated or coupon quota you passed on that can be reclaimed. Afterwards the
/// reseller may be invited by any distributor; the records of the linked time stay.
#[utoipa::path(tag = "channel", params(("indirect_partner_id" = PartnerId, Path)), request_body = LinkEnd, responses((status = 204, description = "unbound"), (status = 400, description = "CBC.99100210: every blocker in error_details", body = openapi::ErrorBody), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/partners/indirect-partners/{indirect_partner_id}/unbind")]
pub async fn unbind_indirect_partner(
    state: Data<AppState>,
    caller: Caller,
    id: Path<PartnerId>,
    body: Json<LinkEnd>,
) -> Result<HttpResponse, ApiError> {
    let me = distributor(&caller, ADMIN)?.partner_id.clone();
    let id = id.into_inner()?;
    let reason = body.into_inner()?.reason;
    let now = state.now();
    state
        .write(move |conn| relationships::unbind(conn, &me, id.as_str(), reason.as_str(), now))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
