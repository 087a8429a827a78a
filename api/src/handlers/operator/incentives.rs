//! `POST /v2/operator/partners/{partner_id}/incentives`: grants a partner an incentive (S14).

use super::path_id;
use crate::auth::Caller;
use crate::extract::LegacyJson as Json;
use crate::handlers::programs::incentives::IncentiveView;
use crate::handlers::programs::schemas;
use crate::service::programs::payouts::{self, NewIncentive};
use crate::wire::DecimalInput;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{post, HttpResponse};
use domain::programs::subsidy::Currency;
use domain::{Amount, Violation};
use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

#[derive(Deserialize, Validate, ToSchema)]
pub struct IncentiveRequest {
    /// `FH`, `PROJECT_SUBSIDY` or `OTHER`.
    #[schema(schema_with = incentive_type_schema)]
    incentive_type: String,
    /// > 0, at most 2 decimals.
    amount: DecimalInput,
    /// `CNY` (default) or `USD`.
    #[schema(schema_with = schemas::currency)]
    currency: Option<String>,
    #[validate(length(max = 256))]
    #[schema(schema_with = remark_schema)]
    remark: Option<String>,
}

const INCENTIVE_TYPES: [&str; 3] = ["FH", "PROJECT_SUBSIDY", "OTHER"];

fn incentive_type_schema() -> utoipa::openapi::Object {
    crate::schemas::strings(INCENTIVE_TYPES)
}

fn remark_schema() -> utoipa::openapi::Object {
    schemas::optional_text(256, "FH for the second half of 2026")
}

/// Grants an incentive; the partner then applies for its payout.
#[utoipa::path(tag = "operator", params(("partner_id" = String, Path, example = "0a1b2c3d4e5f46a7b8c9d0e1f2a3b4c5")), request_body = IncentiveRequest, responses((status = 201, body = IncentiveView), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/operator/partners/{partner_id}/incentives")]
pub async fn grant_incentive(
    state: Data<AppState>,
    caller: Caller,
    partner_id: Path<String>,
    req: Json<IncentiveRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let partner_id = path_id(&partner_id)?.to_owned();
    let r = req.into_inner()?;
    if !INCENTIVE_TYPES.contains(&r.incentive_type.as_str()) {
        return Err(ApiError::param(
            "incentive_type must be FH, PROJECT_SUBSIDY or OTHER",
        ));
    }
    let currency = r.currency.unwrap_or_else(|| "CNY".to_owned());
    if Currency::parse(&currency).is_none() {
        return Err(ApiError::param("currency must be CNY or USD"));
    }
    if let Some(remark) = &r.remark {
        domain::text::optional("remark", remark, 256)?;
    }
    let new = NewIncentive {
        incentive_type: r.incentive_type,
        amount: Amount::from_decimal(r.amount.0)
            .map_err(|e| Violation::param(format!("amount {e}")))?,
        currency,
        source_id: None,
        remark: r.remark,
    };
    let now = state.now();
    let row = state
        .write(move |conn| payouts::grant(conn, &partner_id, &new, now))
        .await?;
    Ok(wire::json(
        StatusCode::CREATED,
        &IncentiveView::new(row, None),
    ))
}
