//! S2 operator side: `GET`/`PUT /v2/operator/pce/join-conditions` and
//! `POST /v2/operator/pce/shared-opportunities` (share an opportunity with a member).

use crate::auth::Caller;
use crate::extract::LegacyJson as Json;
use crate::handlers::opportunities::schemas;
use crate::handlers::pce::membership::ConditionView;
use crate::handlers::pce::SharedView;
use crate::service::opportunities::pce;
use crate::wire::DecimalInput;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{get, post, put, HttpResponse};
use domain::opportunities::pce::{JoinCondition, SharedStatus, AGREEMENT, PATH_STAGE};
use domain::programs::paths::{PathType, Stage as PathStage};
use domain::{names, Violation};
use persistence::ids;
use persistence::repo::opportunities::pce::SharedRow;
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::{ObjectBuilder, OneOfBuilder, SchemaType, Type};
use utoipa::openapi::{RefOr, Schema};
use utoipa::ToSchema;
use validator::Validate;

/// One join condition: `DEVELOPMENT_PATH_STAGE` with a `stage` (and optionally a
/// `path_type`), or `PCE_AGREEMENT_SIGNED` alone. The schema states the two shapes.
#[derive(Deserialize, Validate)]
pub struct ConditionInput {
    #[serde(rename = "type")]
    kind: String,
    path_type: Option<String>,
    stage: Option<String>,
}

impl utoipa::PartialSchema for ConditionInput {
    fn schema() -> RefOr<Schema> {
        let kind = |k: &str| schemas::one_of([k], false);
        let null = || {
            ObjectBuilder::new()
                .schema_type(SchemaType::Type(Type::Null))
                .enum_values(Some([serde_json::Value::Null]))
                .build()
        };
        let path_stage = ObjectBuilder::new()
            .description(Some(
                "At least `stage` on the development path `path_type` (absent: any path).",
            ))
            .property("type", kind(PATH_STAGE))
            .required("type")
            .property(
                "path_type",
                schemas::nullable(schemas::one_of(
                    PathType::ALL.iter().map(|p| p.as_str()),
                    false,
                )),
            )
            .property(
                "stage",
                schemas::one_of(PathStage::ALL.iter().map(|s| s.as_str()), false),
            )
            .required("stage")
            .build();
        let agreement = ObjectBuilder::new()
            .description(Some(
                "The PCE agreement is signed; takes no path_type or stage.",
            ))
            .property("type", kind(AGREEMENT))
            .required("type")
            .property("path_type", null())
            .property("stage", null())
            .build();
        OneOfBuilder::new()
            .item(path_stage)
            .item(agreement)
            .examples([serde_json::json!({"type": PATH_STAGE, "path_type": "SERVICE", "stage": "ROLE_CERTIFIED"})])
            .into()
    }
}
impl ToSchema for ConditionInput {}

#[derive(Deserialize, Validate, ToSchema)]
#[schema(example = json!({"conditions": [{"type": "DEVELOPMENT_PATH_STAGE", "path_type": "SERVICE", "stage": "ROLE_CERTIFIED"}, {"type": "PCE_AGREEMENT_SIGNED"}]}))]
pub struct JoinConditionsRequest {
    /// 1–10 conditions; meeting any one qualifies a partner to join.
    #[schema(min_items = 1, max_items = 10)]
    conditions: Vec<ConditionInput>,
}

#[derive(Serialize, ToSchema)]
pub struct JoinConditionsView {
    conditions: Vec<ConditionView>,
}

fn conditions_view(list: &[JoinCondition]) -> JoinConditionsView {
    JoinConditionsView {
        conditions: list.iter().map(|c| ConditionView::new(c, false)).collect(),
    }
}

/// The join conditions in force (defaults until set: `ROLE_CERTIFIED` on any development
/// path, or a signed PCE agreement). `met` is always false here.
#[utoipa::path(tag = "operator", responses((status = 200, body = JoinConditionsView)))]
#[get("/v2/operator/pce/join-conditions")]
pub async fn show_pce_join_conditions(
    state: Data<AppState>,
    caller: Caller,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let list = state.read(pce::conditions).await?;
    Ok(wire::json(StatusCode::OK, &conditions_view(&list)))
}

/// Replaces the join conditions; members stay members.
#[utoipa::path(tag = "operator", request_body = JoinConditionsRequest, responses((status = 200, body = JoinConditionsView)))]
#[put("/v2/operator/pce/join-conditions")]
pub async fn set_pce_join_conditions(
    state: Data<AppState>,
    caller: Caller,
    req: Json<JoinConditionsRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let r = req.into_inner()?;
    if r.conditions.is_empty() || r.conditions.len() > 10 {
        return Err(ApiError::param("conditions must hold 1 to 10 conditions"));
    }
    let list = r
        .conditions
        .iter()
        .enumerate()
        .map(|(i, c)| JoinCondition::parse(i, &c.kind, c.path_type.as_deref(), c.stage.as_deref()))
        .collect::<Result<Vec<_>, Violation>>()?;
    let now = state.now();
    let saved = list.clone();
    state
        .write(move |conn| pce::set_conditions(conn, &list, now))
        .await?;
    Ok(wire::json(StatusCode::OK, &conditions_view(&saved)))
}

#[derive(Deserialize, Validate, ToSchema)]
#[schema(example = json!({"partner_id": "4b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e", "customer_name": "Globex Manufacturing", "industry": "MANUFACTURING", "product_category": "AI", "expected_monthly_amount": "30000.00", "description": "Quality inspection with vision models"}))]
pub struct ShareRequest {
    /// A PCE member (CBC.99100122 otherwise).
    #[validate(length(min = 1, max = 64))]
    #[schema(schema_with = share::partner_id)]
    partner_id: String,
    #[validate(length(min = 1, max = 128))]
    #[schema(schema_with = share::customer_name)]
    customer_name: String,
    #[schema(schema_with = share::industry)]
    industry: String,
    #[schema(schema_with = share::product_category)]
    product_category: String,
    /// Yuan, ≥ 0.
    #[schema(schema_with = crate::schemas::non_negative_amount)]
    expected_monthly_amount: DecimalInput,
    #[validate(length(max = 2000))]
    #[schema(schema_with = share::description)]
    description: Option<String>,
}

mod share {
    use crate::handlers::opportunities::schemas;
    use utoipa::openapi::schema::Object;

    pub fn partner_id() -> Object {
        schemas::id("4b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e")
    }
    pub fn customer_name() -> Object {
        schemas::text(128, "Globex Manufacturing")
    }
    pub fn industry() -> Object {
        schemas::code("MANUFACTURING")
    }
    pub fn product_category() -> Object {
        schemas::code("AI")
    }
    pub fn description() -> Object {
        schemas::optional_text(2000, "Quality inspection with vision models")
    }
}

/// Shares a platform opportunity with a PCE member; it starts `SHARED`.
#[utoipa::path(tag = "operator", request_body = ShareRequest, responses((status = 201, body = SharedView), (status = 400, description = "CBC.0100; CBC.99100122 not a member", body = openapi::ErrorBody), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/operator/pce/shared-opportunities")]
pub async fn share_opportunity(
    state: Data<AppState>,
    caller: Caller,
    req: Json<ShareRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let r = req.into_inner()?;
    domain::text::required("customer_name", &r.customer_name, 128)?;
    names::code("industry", &r.industry)?;
    names::code("product_category", &r.product_category)?;
    if let Some(d) = &r.description {
        domain::text::optional("description", d, 2000)?;
    }
    let monthly = domain::money::non_negative_from_decimal(r.expected_monthly_amount.0)
        .map_err(|e| Violation::param(format!("expected_monthly_amount {e}")))?;
    let now = state.now();
    let row = SharedRow {
        id: ids::new_id(),
        partner_id: r.partner_id,
        customer_name: r.customer_name.trim().to_owned(),
        industry: r.industry,
        product_category: r.product_category,
        description: r.description,
        expected_monthly_cents: monthly.cents(),
        status: SharedStatus::Shared.as_str().to_owned(),
        status_reason: None,
        shared_at: now,
        updated_at: now,
        incentive_id: None,
    };
    let saved = row.clone();
    state.write(move |conn| pce::share(conn, &row)).await?;
    Ok(wire::json(StatusCode::CREATED, &SharedView::from(saved)))
}
