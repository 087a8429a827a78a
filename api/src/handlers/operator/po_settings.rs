//! `GET`/`PUT /v2/operator/po-settings`: the minimum estimated revenue and the known cloud
//! product categories the S6 reasonableness rules use.

use crate::auth::Caller;
use crate::extract::LegacyJson as Json;
use crate::handlers::opportunities::schemas;
use crate::service::opportunities::po;
use crate::wire::{DecimalInput, WireAmount};
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{get, put, HttpResponse};
use domain::opportunities::po::PoSettings;
use domain::{names, Violation};
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::{Array, ArrayBuilder};
use utoipa::ToSchema;
use validator::Validate;

#[derive(Deserialize, Validate, ToSchema)]
#[schema(example = json!({"min_estimated_revenue": "1000.00", "product_categories": ["COMPUTE", "STORAGE", "DATABASE", "AI"]}))]
pub struct PoSettingsRequest {
    /// Yuan, ≥ 0 with at most 2 decimals; a submission's estimated revenue must reach it.
    #[schema(schema_with = crate::schemas::non_negative_amount)]
    min_estimated_revenue: DecimalInput,
    /// 1–100 distinct codes (`A–Z0–9_`).
    #[schema(schema_with = product_categories)]
    product_categories: Vec<String>,
}

fn product_categories() -> Array {
    ArrayBuilder::new()
        .items(schemas::code("COMPUTE"))
        .min_items(Some(1))
        .max_items(Some(100))
        .unique_items(true)
        .examples([serde_json::json!(["COMPUTE", "STORAGE", "DATABASE", "AI"])])
        .build()
}

#[derive(Serialize, ToSchema)]
pub struct PoSettingsView {
    min_estimated_revenue: WireAmount,
    product_categories: Vec<String>,
}

impl From<PoSettings> for PoSettingsView {
    fn from(s: PoSettings) -> Self {
        PoSettingsView {
            min_estimated_revenue: WireAmount(s.min_revenue),
            product_categories: s.product_categories,
        }
    }
}

/// The settings in force (defaults until set: 1000.00 and ten common categories).
#[utoipa::path(tag = "operator", responses((status = 200, body = PoSettingsView)))]
#[get("/v2/operator/po-settings")]
pub async fn show_po_settings(
    state: Data<AppState>,
    caller: Caller,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let s = state.read(po::settings).await?;
    Ok(wire::json(StatusCode::OK, &PoSettingsView::from(s)))
}

/// Replaces the settings; later submissions are judged by them.
#[utoipa::path(tag = "operator", request_body = PoSettingsRequest, responses((status = 200, body = PoSettingsView)))]
#[put("/v2/operator/po-settings")]
pub async fn set_po_settings(
    state: Data<AppState>,
    caller: Caller,
    req: Json<PoSettingsRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let r = req.into_inner()?;
    let min = domain::money::non_negative_from_decimal(r.min_estimated_revenue.0)
        .map_err(|e| Violation::param(format!("min_estimated_revenue {e}")))?;
    if r.product_categories.is_empty() || r.product_categories.len() > 100 {
        return Err(ApiError::param(
            "product_categories must hold 1 to 100 codes",
        ));
    }
    for (i, c) in r.product_categories.iter().enumerate() {
        names::code(&format!("product_categories[{i}]"), c)?;
        if r.product_categories[..i].contains(c) {
            return Err(ApiError::param(format!(
                "product_categories[{i}] is repeated"
            )));
        }
    }
    let s = PoSettings {
        min_revenue: min,
        product_categories: r.product_categories,
    };
    let now = state.now();
    let saved = s.clone();
    state
        .write(move |conn| po::put_settings(conn, &s, now))
        .await?;
    Ok(wire::json(StatusCode::OK, &PoSettingsView::from(saved)))
}
