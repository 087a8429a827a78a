//! `GET /v2/partners/programs/pce` and `POST /v2/partners/programs/pce/join`.

use crate::auth::Caller;
use crate::extract::LegacyJson as Json;
use crate::handlers::operator::pce_config::json::{BenefitView, IncentiveRuleView};
use crate::handlers::programs::{refused, ADMIN_ONLY};
use crate::service::opportunities::pce;
use crate::service::Failure;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{get, post, HttpResponse};
use domain::opportunities::pce::{met, JoinCondition};
use persistence::repo::opportunities::pce as repo;
use persistence::DbConnection;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

#[derive(Serialize, ToSchema)]
pub struct ConditionView {
    /// `DEVELOPMENT_PATH_STAGE` or `PCE_AGREEMENT_SIGNED`.
    #[serde(rename = "type")]
    #[schema(example = "DEVELOPMENT_PATH_STAGE")]
    kind: &'static str,
    /// For a path condition: the path (absent: any path).
    path_type: Option<&'static str>,
    /// For a path condition: the least stage.
    stage: Option<&'static str>,
    /// Whether the partner meets it now (the agreement counts once signed on joining).
    met: bool,
}

impl ConditionView {
    pub fn new(c: &JoinCondition, met: bool) -> Self {
        let (path_type, stage) = match c {
            JoinCondition::PathStage { path_type, stage } => {
                (path_type.map(|p| p.as_str()), Some(stage.as_str()))
            }
            JoinCondition::AgreementSigned => (None, None),
        };
        ConditionView {
            kind: c.kind(),
            path_type,
            stage,
            met,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct PceView {
    joined: bool,
    joined_on: Option<String>,
    /// The condition met when joining.
    qualified_by: Option<String>,
    /// The benefits of membership, as the operator configures them.
    benefits: Vec<BenefitView>,
    /// Benefit 3: what a shared opportunity moved to `WON` grants (none while the operator
    /// has set no rule).
    shared_opportunity_incentive: Option<IncentiveRuleView>,
    /// Meeting any one of them qualifies.
    join_conditions: Vec<ConditionView>,
}

fn view(conn: &mut DbConnection, partner_id: &str) -> Result<PceView, Failure> {
    let member = repo::member(conn, partner_id)?;
    let signed = member
        .as_ref()
        .is_some_and(|m| m.agreement_signed_at.is_some());
    let facts = pce::facts(conn, partner_id, signed)?;
    let conds = pce::conditions(conn)?;
    Ok(PceView {
        joined: member.is_some(),
        joined_on: member.as_ref().map(|m| wire::utc(m.joined_at)),
        qualified_by: member.map(|m| m.qualified_by),
        benefits: pce::benefits(conn)?.iter().map(BenefitView::from).collect(),
        shared_opportunity_incentive: pce::incentive_rule(conn)?
            .as_ref()
            .map(IncentiveRuleView::from),
        join_conditions: conds
            .iter()
            .map(|c| ConditionView::new(c, met(c, &facts)))
            .collect(),
    })
}

/// The partner's PCE membership, the benefits, and each join condition with whether it is met.
#[utoipa::path(tag = "opportunities", responses((status = 200, body = PceView)))]
#[get("/v2/partners/programs/pce")]
pub async fn show_pce(state: Data<AppState>, caller: Caller) -> Result<HttpResponse, ApiError> {
    let me = caller.partner()?.partner_id.clone();
    let v = state.read(move |conn| view(conn, &me)).await?;
    Ok(wire::json(StatusCode::OK, &v))
}

#[derive(Deserialize, Validate, ToSchema)]
#[schema(example = json!({"agreement_signed": true}))]
pub struct JoinPceRequest {
    /// The admin signs the PCE agreement with this request (a join condition by default).
    #[serde(default)]
    #[schema(example = true)]
    agreement_signed: bool,
}

/// Joins the plan when one join condition is met; refused otherwise with every condition
/// and how to meet it (CBC.99100120), or CBC.99100121 when already a member. Admins only.
#[utoipa::path(tag = "opportunities", request_body = JoinPceRequest, responses((status = 200, body = PceView), (status = 400, description = "CBC.99100120 for each unmet condition; CBC.99100121", body = openapi::ErrorBody)))]
#[post("/v2/partners/programs/pce/join")]
pub async fn join_pce(
    state: Data<AppState>,
    caller: Caller,
    req: Json<JoinPceRequest>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(ADMIN_ONLY)?.partner_id.clone();
    let signed = req.into_inner()?.agreement_signed;
    let now = state.now();
    let v = state
        .write(move |conn| {
            Ok(match pce::join(conn, &me, signed, now)? {
                Ok(_) => Ok(view(conn, &me)?),
                Err(all) => Err(all),
            })
        })
        .await?
        .map_err(refused)?;
    Ok(wire::json(StatusCode::OK, &v))
}
