//! `POST /v2/partners/sub-customers/{customer_id}/disassociate` `{reason}`.

use super::LinkEnd;
use crate::auth::Caller;
use crate::extract::{Json, Path};
use crate::handlers::channel::ADMIN;
use crate::service::channel::relationships;
use crate::wire::CustomerId;
use crate::{ApiError, AppState};
use actix_web::web::Data;
use actix_web::{post, HttpResponse};

/// Ends the association with one of your customers (a partner's admin). A referral customer
/// ends at once. A resale customer only once the money you allocated to it is reclaimed
/// (`CBC.99100211` in `error_details` until then); its unused coupons from your quotas are
/// reclaimed and its pending payment requests to you rejected in the same step. The customer
/// may then be invited again; the records of the associated time stay.
#[utoipa::path(tag = "channel", params(("customer_id" = CustomerId, Path)), request_body = LinkEnd, responses((status = 204, description = "disassociated"), (status = 400, description = "CBC.99100211: every blocker in error_details", body = openapi::ErrorBody), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/partners/sub-customers/{customer_id}/disassociate")]
pub async fn disassociate_sub_customer(
    state: Data<AppState>,
    caller: Caller,
    id: Path<CustomerId>,
    body: Json<LinkEnd>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(ADMIN)?.partner_id.clone();
    let id = id.into_inner()?;
    let reason = body.into_inner()?.reason;
    let now = state.now();
    state
        .write(move |conn| {
            relationships::disassociate(conn, &me, id.as_str(), reason.as_str(), now)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
