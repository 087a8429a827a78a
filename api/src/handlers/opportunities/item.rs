//! `GET` and `PUT /v2/partners/business-opportunities/{opportunity_id}`.

use super::create::{fields, money, text};
use super::schemas;
use super::{opportunity_id, OpportunityView};
use crate::auth::Caller;
use crate::extract::LegacyJson as Json;
use crate::handlers::channel::SALES;
use crate::service::opportunities::business::{self, visible};
use crate::service::opportunities::scope_of;
use crate::wire::DecimalInput;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{get, put, HttpResponse};
use domain::names;
use domain::opportunities::{confidence, open_stage, OpportunityType};
use persistence::repo::opportunities::business::OpportunityChanges;
use serde::Deserialize;
use utoipa::openapi::schema::Object;
use utoipa::openapi::{RefOr, Schema};
use utoipa::ToSchema;
use validator::Validate;

/// One opportunity inside the caller's visibility; anything else is 404 CBC.99100002.
#[utoipa::path(tag = "opportunities", params(("opportunity_id" = String, Path, example = "8f3c0d6e2b7a4c1d9e5f0a1b2c3d4e5f")), responses((status = 200, body = OpportunityView), (status = 404, description = "Missing, or not visible to the caller (the same answer)", body = openapi::ErrorBody)))]
#[get("/v2/partners/business-opportunities/{opportunity_id}")]
pub async fn show_business_opportunity(
    state: Data<AppState>,
    caller: Caller,
    id: Path<String>,
) -> Result<HttpResponse, ApiError> {
    let scope = scope_of(caller.partner_with(SALES)?)?;
    let id = opportunity_id(&id)?;
    let view = state
        .read(move |conn| {
            let row = visible(conn, &scope, &id)?;
            OpportunityView::load(conn, row)
        })
        .await?;
    Ok(wire::json(StatusCode::OK, &view))
}

/// The fields to change; at least one (the schema says so with `anyOf`).
#[derive(Deserialize, Validate, ToSchema)]
#[schema(example = json!({"confidence": 80, "stage": "NEGOTIATION", "expected_monthly_amount": "15000.00"}))]
pub struct UpdateOpportunityFields {
    #[validate(length(min = 1, max = 128))]
    #[schema(schema_with = optional_name)]
    opportunity_name: Option<String>,
    #[schema(schema_with = optional_industry)]
    industry: Option<String>,
    #[schema(schema_with = optional_type)]
    opportunity_type: Option<String>,
    /// 0–100.
    #[schema(schema_with = optional_confidence)]
    confidence: Option<i32>,
    /// An open stage; `WON`/`LOST` are set by closing.
    #[schema(schema_with = fields::open_stage)]
    stage: Option<String>,
    #[schema(schema_with = optional_amount)]
    expected_monthly_amount: Option<DecimalInput>,
    #[validate(length(max = 2000))]
    #[schema(schema_with = fields::description)]
    description: Option<String>,
    /// Reassigns to this account manager (login name), within what the caller may assign.
    #[validate(length(min = 1, max = 64))]
    #[schema(schema_with = fields::account_manager_id)]
    account_manager_id: Option<String>,
}

fn optional_name() -> Object {
    schemas::nullable(fields::opportunity_name())
}
fn optional_industry() -> Object {
    schemas::nullable(fields::industry())
}
fn optional_type() -> Object {
    schemas::nullable(fields::opportunity_type())
}
fn optional_confidence() -> Object {
    schemas::nullable(fields::confidence())
}
fn optional_amount() -> Object {
    schemas::nullable(crate::schemas::non_negative_amount())
}

/// `PUT` body: the fields, of which at least one is given (not `null`).
#[derive(Deserialize)]
#[serde(transparent)]
pub struct UpdateOpportunityRequest(UpdateOpportunityFields);

impl Validate for UpdateOpportunityRequest {
    fn validate(&self) -> Result<(), validator::ValidationErrors> {
        self.0.validate()
    }
}

impl utoipa::PartialSchema for UpdateOpportunityRequest {
    fn schema() -> RefOr<Schema> {
        schemas::all_of_any(
            UpdateOpportunityFields::schema(),
            vec![
                schemas::present("opportunity_name", fields::opportunity_name()),
                schemas::present("industry", fields::industry()),
                schemas::present("opportunity_type", fields::opportunity_type()),
                schemas::present("confidence", fields::confidence()),
                schemas::present("stage", fields::given_stage()),
                schemas::present(
                    "expected_monthly_amount",
                    crate::schemas::non_negative_amount(),
                ),
                schemas::present("description", schemas::free_text(2000, "Budget approved")),
                schemas::present("account_manager_id", schemas::id("alice")),
            ],
        )
    }
}

impl ToSchema for UpdateOpportunityRequest {
    fn schemas(out: &mut Vec<(String, RefOr<Schema>)>) {
        UpdateOpportunityFields::schemas(out);
    }
}

impl UpdateOpportunityFields {
    fn changes(&self) -> Result<OpportunityChanges, ApiError> {
        let c = OpportunityChanges {
            owner_user_id: None,
            opportunity_name: self
                .opportunity_name
                .as_deref()
                .map(|v| text("opportunity_name", v, 128))
                .transpose()?,
            industry: self
                .industry
                .as_deref()
                .map(|v| names::code("industry", v).map(str::to_owned))
                .transpose()?,
            opportunity_type: self
                .opportunity_type
                .as_deref()
                .map(|v| {
                    OpportunityType::parse("opportunity_type", v).map(|t| t.as_str().to_owned())
                })
                .transpose()?,
            confidence: self
                .confidence
                .map(|v| confidence("confidence", v))
                .transpose()?,
            stage: self
                .stage
                .as_deref()
                .map(|v| open_stage("stage", v).map(|s| s.as_str().to_owned()))
                .transpose()?,
            expected_monthly_cents: self
                .expected_monthly_amount
                .map(|v| money("expected_monthly_amount", v))
                .transpose()?,
            description: match &self.description {
                Some(d) => {
                    domain::text::optional("description", d, 2000)?;
                    Some(d.clone())
                }
                None => None,
            },
            updated_at: None,
        };
        let empty = c.opportunity_name.is_none()
            && c.industry.is_none()
            && c.opportunity_type.is_none()
            && c.confidence.is_none()
            && c.stage.is_none()
            && c.expected_monthly_cents.is_none()
            && c.description.is_none()
            && self.account_manager_id.is_none();
        if empty {
            return Err(ApiError::param(
                "the body must change at least one field of the opportunity",
            ));
        }
        Ok(c)
    }
}

/// Changes the given fields of a visible, open opportunity of the caller's own partner; its
/// last update time moves. A distributor's resellers' opportunities are read-only to it (403
/// CBC.0151).
#[utoipa::path(tag = "opportunities", params(("opportunity_id" = String, Path, example = "8f3c0d6e2b7a4c1d9e5f0a1b2c3d4e5f")), request_body = UpdateOpportunityRequest, responses((status = 200, body = OpportunityView), (status = 400, description = "CBC.0100; CBC.99100110 closed; CBC.99100111 owner not assignable", body = openapi::ErrorBody), (status = 403, description = "CBC.0151: without a sales role; or (a distributor) on a reseller's customer's opportunity, which it may only query", body = openapi::ErrorBody), (status = 404, description = "Missing, or not visible to the caller (the same answer)", body = openapi::ErrorBody)))]
#[put("/v2/partners/business-opportunities/{opportunity_id}")]
pub async fn update_business_opportunity(
    state: Data<AppState>,
    caller: Caller,
    id: Path<String>,
    req: Json<UpdateOpportunityRequest>,
) -> Result<HttpResponse, ApiError> {
    let scope = scope_of(caller.partner_with(SALES)?)?;
    let id = opportunity_id(&id)?;
    let r = req.into_inner()?;
    let changes = r.0.changes()?;
    let now = state.now();
    let view = state
        .write(move |conn| {
            let row = business::update(
                conn,
                &scope,
                &id,
                changes.clone(),
                r.0.account_manager_id.as_deref(),
                now,
            )?;
            OpportunityView::load(conn, row)
        })
        .await?;
    Ok(wire::json(StatusCode::OK, &view))
}
