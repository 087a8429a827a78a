//! `GET /v2/partners/users`: the partner's users, deactivated ones included.

use super::json::PartnerUserList;
use crate::auth::Caller;
use crate::service::people;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{get, HttpResponse};

/// Lists the caller's partner's users.
#[utoipa::path(tag = "partner-users", responses((status = 200, body = PartnerUserList)))]
#[get("/v2/partners/users")]
pub async fn list_partner_users(
    state: Data<AppState>,
    caller: Caller,
) -> Result<HttpResponse, ApiError> {
    let partner_id = caller.partner_with(&[])?.partner_id.clone();
    let rows = state
        .read(move |conn| people::list(conn, &partner_id))
        .await?;
    Ok(wire::json(StatusCode::OK, &PartnerUserList::of(&rows)))
}
