//! `POST /v2/operator/partners/{partner_id}/reactivate`.

use crate::auth::Caller;
use crate::extract::Path;
use crate::service::partner_status;
use crate::wire::PartnerId;
use crate::{ApiError, AppState};
use actix_web::web::Data;
use actix_web::{post, HttpResponse};

/// Ends a suspension: the partner's users and keys work again from the next request.
#[utoipa::path(tag = "operator", params(("partner_id" = PartnerId, Path)), responses((status = 204, description = "reactivated"), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/operator/partners/{partner_id}/reactivate")]
pub async fn reactivate_partner(
    state: Data<AppState>,
    caller: Caller,
    id: Path<PartnerId>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let id = id.into_inner()?;
    state
        .write(move |conn| partner_status::reactivate(conn, id.as_str()))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
