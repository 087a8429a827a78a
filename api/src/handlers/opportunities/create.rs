//! `POST /v2/partners/business-opportunities`: a new opportunity of a customer in reach.

use super::{OpportunityView, CURRENCIES};
use crate::auth::Caller;
use crate::extract::LegacyJson as Json;
use crate::handlers::channel::SALES;
use crate::service::opportunities::business::{customer_partner, default_owner, owner};
use crate::service::opportunities::scope_of;
use crate::wire::DecimalInput;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{post, HttpResponse};
use domain::opportunities::{confidence, open_stage, OpportunityType, Stage};
use domain::{names, Violation};
use persistence::ids;
use persistence::repo::opportunities::business::{self as repo, OpportunityRow};
use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

#[derive(Deserialize, Validate, ToSchema)]
#[schema(example = json!({"customer_id": "c0a8012e5f3b4c6d8e9f0a1b2c3d4e5f", "opportunity_name": "ACME web shop migration", "industry": "RETAIL", "opportunity_type": "MIGRATION", "confidence": 60, "stage": "QUALIFIED", "expected_monthly_amount": "12000.00", "account_manager_id": "alice"}))]
pub struct CreateOpportunityRequest {
    /// One of your customers. A distributor may query its resellers' customers' opportunities
    /// but not create them (403 CBC.0151).
    #[validate(length(min = 1, max = 64))]
    #[schema(schema_with = fields::customer_id)]
    customer_id: String,
    #[validate(length(min = 1, max = 128))]
    #[schema(schema_with = fields::opportunity_name)]
    opportunity_name: String,
    /// Customer industry: 1–64 of `A–Z0–9_`, e.g. `RETAIL`.
    #[schema(schema_with = fields::industry)]
    industry: String,
    /// `NEW_CUSTOMER`, `EXPANSION`, `RENEWAL` or `MIGRATION`.
    #[schema(schema_with = fields::opportunity_type)]
    opportunity_type: String,
    /// 0–100.
    #[schema(schema_with = fields::confidence)]
    confidence: i32,
    /// `DISCOVERY` (default), `QUALIFIED`, `PROPOSAL` or `NEGOTIATION`.
    #[schema(schema_with = fields::open_stage)]
    stage: Option<String>,
    /// Expected monthly spend in yuan, ≥ 0 with at most 2 decimals.
    #[schema(schema_with = crate::schemas::non_negative_amount)]
    expected_monthly_amount: DecimalInput,
    /// `CNY` (default) or `USD`.
    #[schema(schema_with = fields::currency)]
    currency: Option<String>,
    #[validate(length(max = 2000))]
    #[schema(schema_with = fields::description)]
    description: Option<String>,
    /// Login name of the owning account manager. Default: the caller when they are an account
    /// manager of the customer's partner, else nobody (admins see unowned ones).
    #[validate(length(min = 1, max = 64))]
    #[schema(schema_with = fields::account_manager_id)]
    account_manager_id: Option<String>,
}

/// The schemas of the opportunity's fields, shared with the update.
pub(super) mod fields {
    use super::super::{schemas, CURRENCIES};
    use domain::opportunities::{OpportunityType, Stage};
    use utoipa::openapi::schema::Object;

    pub fn customer_id() -> Object {
        schemas::id("c0a8012e5f3b4c6d8e9f0a1b2c3d4e5f")
    }
    pub fn opportunity_name() -> Object {
        schemas::text(128, "ACME web shop migration")
    }
    pub fn industry() -> Object {
        schemas::code("RETAIL")
    }
    pub fn opportunity_type() -> Object {
        schemas::one_of(OpportunityType::ALL.iter().map(|t| t.as_str()), false)
    }
    pub fn confidence() -> Object {
        schemas::integer(0, 100, 60)
    }
    /// The stages before closing.
    pub fn given_stage() -> Object {
        schemas::one_of(
            Stage::ALL
                .iter()
                .filter(|s| !s.is_closed())
                .map(|s| s.as_str()),
            false,
        )
    }
    pub fn open_stage() -> Object {
        schemas::nullable(given_stage())
    }
    pub fn currency() -> Object {
        schemas::nullable(schemas::one_of(CURRENCIES.iter().copied(), false))
    }
    pub fn description() -> Object {
        schemas::optional_text(
            2000,
            "Move the web shop to the cloud before the sales season",
        )
    }
    pub fn account_manager_id() -> Object {
        schemas::nullable(schemas::id("alice"))
    }
}

/// Checked fields, shared with the update.
pub(super) fn money(field: &str, d: DecimalInput) -> Result<i64, ApiError> {
    domain::money::non_negative_from_decimal(d.0)
        .map(|m| m.cents())
        .map_err(|e| Violation::param(format!("{field} {e}")).into())
}

pub(super) fn text(field: &str, v: &str, max: usize) -> Result<String, ApiError> {
    domain::text::required(field, v, max)?;
    Ok(v.trim().to_owned())
}

/// Creates the opportunity; the caller must be able to see it afterwards.
#[utoipa::path(tag = "opportunities", request_body = CreateOpportunityRequest, responses((status = 201, body = OpportunityView, links(
    ("ShowBusinessOpportunity" = (operation_id = "show_business_opportunity", parameters(("opportunity_id" = "$response.body#/opportunity_id")))),
)), (status = 400, description = "CBC.0100 naming the parameter; CBC.99000035 not your customer; CBC.99100111 owner not assignable", body = openapi::ErrorBody), (status = 403, description = "CBC.0151: without a sales role; or (a distributor) on a reseller's customer's opportunity, which it may only query", body = openapi::ErrorBody)))]
#[post("/v2/partners/business-opportunities")]
pub async fn create_business_opportunity(
    state: Data<AppState>,
    caller: Caller,
    req: Json<CreateOpportunityRequest>,
) -> Result<HttpResponse, ApiError> {
    let u = caller.partner_with(SALES)?.clone();
    let scope = scope_of(&u)?;
    let r = req.into_inner()?;
    let name = text("opportunity_name", &r.opportunity_name, 128)?;
    let industry = names::code("industry", &r.industry)?.to_owned();
    let kind = OpportunityType::parse("opportunity_type", &r.opportunity_type)?;
    let confidence = confidence("confidence", r.confidence)?;
    let stage = match r.stage.as_deref() {
        Some(s) => open_stage("stage", s)?,
        None => Stage::Discovery,
    };
    let monthly = money("expected_monthly_amount", r.expected_monthly_amount)?;
    let currency = r.currency.unwrap_or_else(|| "CNY".to_owned());
    if !CURRENCIES.contains(&currency.as_str()) {
        return Err(ApiError::param("currency must be CNY or USD"));
    }
    if let Some(d) = &r.description {
        domain::text::optional("description", d, 2000)?;
    }
    let now = state.now();
    let view = state
        .write(move |conn| {
            let partner_id = customer_partner(conn, &scope, &r.customer_id)?;
            let owner_id = match r.account_manager_id.as_deref() {
                Some(login) => Some(owner(conn, &scope, &partner_id, login)?),
                None => default_owner(&scope, &partner_id, &u.user_id),
            };
            let row = OpportunityRow {
                id: ids::new_id(),
                partner_id,
                customer_id: r.customer_id.clone(),
                owner_user_id: owner_id,
                opportunity_name: name.clone(),
                industry: industry.clone(),
                opportunity_type: kind.as_str().to_owned(),
                confidence,
                stage: stage.as_str().to_owned(),
                expected_monthly_cents: monthly,
                currency: currency.clone(),
                description: r.description.clone(),
                close_reason: None,
                created_by: u.user_id.clone(),
                created_at: now,
                updated_at: now,
                closed_at: None,
            };
            repo::insert(conn, &row)?;
            OpportunityView::load(conn, row)
        })
        .await?;
    Ok(wire::json(StatusCode::CREATED, &view))
}
