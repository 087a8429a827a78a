//! `PUT /v2/operator/pce/benefits`.

use super::input::BenefitsBody;
use super::json::BenefitsView;
use crate::auth::Caller;
use crate::extract::Json;
use crate::service::opportunities::pce;
use crate::{wire, ApiError, AppState};
use actix_web::web::Data;
use actix_web::{put, HttpResponse};

/// Replaces the benefits partners see with their PCE membership (1–10, codes unique).
#[utoipa::path(tag = "operator", request_body = BenefitsBody, responses((status = 200, body = BenefitsView), (status = 400, description = "CBC.0100 naming the field", body = openapi::ErrorBody)))]
#[put("/v2/operator/pce/benefits")]
pub async fn set_pce_benefits(
    state: Data<AppState>,
    caller: Caller,
    body: Json<BenefitsBody>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let list = body.into_inner()?.into_benefits();
    let now = state.now();
    let view = BenefitsView::new(&list);
    state
        .write(move |conn| pce::set_benefits(conn, &list, now))
        .await?;
    Ok(wire::ok(&view))
}
