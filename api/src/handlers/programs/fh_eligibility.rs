//! S4/S12: `GET /v2/partners/incentives/fh/qualifications/eligibility`.

use super::fh_qualifications::input;
use super::schemas::{self, FhPathTypeName, SpecialistIds};
use super::{EligibilityView, ADMIN_ONLY};
use crate::auth::Caller;
use crate::extract::LegacyQuery as Query;
use crate::service::programs::fh;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{get, HttpResponse};
use domain::programs::fh::eligibility;
use serde::Deserialize;
use utoipa::IntoParams;
use validator::Validate;

/// The parameters of the application itself; lists as repeated keys.
#[derive(Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FhEligibilityQuery {
    /// `SERVICE` or `CONSULTING_SI`.
    #[param(value_type = FhPathTypeName, inline, example = "SERVICE")]
    path_type: String,
    #[param(schema_with = schemas::fh_type)]
    fh_type: Option<String>,
    /// Whether the agreement would be signed with the application (default false).
    #[param(example = true)]
    agreement_signed: Option<bool>,
    /// The experts to name, 1–100 distinct: `specialist_ids=a&specialist_ids=b`.
    #[serde(default)]
    #[param(required = true, value_type = SpecialistIds, inline, example = json!(["0b3c6a5e2d8f4f1e9a7b6c5d4e3f2a1b"]))]
    specialist_ids: Vec<String>,
}

/// Every rule the FH application with these parameters must meet, with its state now.
#[utoipa::path(tag = "programs", params(FhEligibilityQuery), responses((status = 200, body = EligibilityView)))]
#[get("/v2/partners/incentives/fh/qualifications/eligibility")]
pub async fn fh_eligibility(
    state: Data<AppState>,
    caller: Caller,
    query: Query<FhEligibilityQuery>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(ADMIN_ONLY)?.partner_id.clone();
    let q = query.into_inner()?;
    let i = input(
        &q.path_type,
        q.fh_type.as_deref(),
        q.agreement_signed.unwrap_or(false),
        q.specialist_ids,
    )?;
    let now = state.now();
    let facts = state.read(move |conn| fh::facts(conn, &me, &i)).await?;
    Ok(wire::json(
        StatusCode::OK,
        &EligibilityView::new(&eligibility(&facts), now),
    ))
}
