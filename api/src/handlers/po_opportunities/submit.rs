//! `POST /v2/partners/po-opportunities/{opportunity_id}/submit`.

use super::{po_id, PoView};
use crate::auth::Caller;
use crate::handlers::channel::SALES;
use crate::handlers::programs::refused;
use crate::service::opportunities::po;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{post, HttpResponse};

/// Submits a `DRAFT`, or resubmits a fixed `REJECTED` one, for review: `PENDING` when every
/// rule holds, otherwise refused with all failing rules in `error_details`.
#[utoipa::path(tag = "opportunities", params(("opportunity_id" = String, Path, example = "291e75c4531553f500ac82ad857dc4dc")), responses((status = 200, body = PoView), (status = 400, description = "Every failing rule in error_details; CBC.99100109 not DRAFT or REJECTED", body = openapi::ErrorBody), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/partners/po-opportunities/{opportunity_id}/submit")]
pub async fn submit_po_opportunity(
    state: Data<AppState>,
    caller: Caller,
    id: Path<String>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(SALES)?.partner_id.clone();
    let id = po_id(&id)?;
    let now = state.now();
    let row = state
        .write(move |conn| po::submit(conn, &me, &id, now))
        .await?
        .map_err(refused)?;
    Ok(wire::json(StatusCode::OK, &PoView::from(row)))
}
