//! `GET /v2/operator/pce/benefits`.

use super::json::BenefitsView;
use crate::auth::Caller;
use crate::service::opportunities::pce;
use crate::{wire, ApiError, AppState};
use actix_web::web::Data;
use actix_web::{get, HttpResponse};

/// The benefits of PCE membership as configured (the seed's three until changed).
#[utoipa::path(tag = "operator", responses((status = 200, body = BenefitsView)))]
#[get("/v2/operator/pce/benefits")]
pub async fn show_pce_benefits(
    state: Data<AppState>,
    caller: Caller,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let list = state.read(pce::benefits).await?;
    Ok(wire::ok(&BenefitsView::new(&list)))
}
