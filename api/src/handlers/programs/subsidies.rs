//! S5/S7: `POST` and `GET /v2/partners/projects/{project_id}/subsidy-applications`.

use super::{codes, refused, PROJECT_ROLES};
use crate::auth::Caller;
use crate::extract::LegacyJson as Json;
use crate::handlers::operator::path_id;
use crate::service::programs::{projects, subsidy};
use crate::wire::WireAmount;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{get, post, HttpResponse};
use domain::Money;
use persistence::repo::programs::split;
use persistence::repo::programs::subsidies::{self as repo, SubsidyRow};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

#[derive(Deserialize, Validate, ToSchema)]
pub struct SubsidyRequest {
    #[validate(length(max = 500))]
    #[schema(schema_with = remark_schema)]
    remark: Option<String>,
}

fn remark_schema() -> utoipa::openapi::Object {
    super::schemas::optional_text(500, "Delivery starts in March.")
}

#[derive(Serialize, ToSchema)]
pub struct SubsidyView {
    application_id: String,
    project_id: String,
    partner_id: String,
    /// `REVIEWING`, `APPROVED` or `REJECTED`. Decided on the facts at `applied_on`: labels
    /// granted or removed later change nothing.
    #[schema(example = "REVIEWING")]
    status: String,
    currency: String,
    annual_scale: WireAmount,
    /// The capability labels the partner held at the time of the application.
    capability_labels_at_application: Vec<String>,
    remark: Option<String>,
    applied_on: String,
    reviewed_on: Option<String>,
    reason_codes: Vec<String>,
    reason: Option<String>,
    /// The `PROJECT_SUBSIDY` incentive granted with the approval, if any.
    incentive_id: Option<String>,
}

impl From<SubsidyRow> for SubsidyView {
    fn from(r: SubsidyRow) -> Self {
        SubsidyView {
            capability_labels_at_application: split(&r.labels_held),
            reason_codes: codes(r.reason_codes.as_deref()),
            application_id: r.id,
            project_id: r.project_id,
            partner_id: r.partner_id,
            status: r.status,
            currency: r.currency,
            annual_scale: WireAmount(Money::from_cents(r.annual_scale_cents)),
            remark: r.remark,
            applied_on: wire::utc(r.applied_at),
            reviewed_on: r.reviewed_at.map(wire::utc),
            reason: r.reason,
            incentive_id: r.incentive_id,
        }
    }
}

/// Applies for the project's subsidy. Judged now, once: a capability label is needed at or
/// above the scale threshold, plus the S7 personnel rules. Refused with every failing rule.
#[utoipa::path(tag = "programs", params(("project_id" = String, Path, example = "7d1e0c4b9a8f4e2d8c6b5a4f3e2d1c0b")), request_body = SubsidyRequest, responses((status = 201, body = SubsidyView), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/partners/projects/{project_id}/subsidy-applications")]
pub async fn apply_for_subsidy(
    state: Data<AppState>,
    caller: Caller,
    project_id: Path<String>,
    req: Json<SubsidyRequest>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(PROJECT_ROLES)?.partner_id.clone();
    let id = path_id(&project_id)?.to_owned();
    let remark = req.into_inner()?.remark;
    if let Some(r) = &remark {
        domain::text::optional("remark", r, 500)?;
    }
    let now = state.now();
    let row = state
        .write(move |conn| subsidy::apply(conn, &me, &id, remark.clone(), now))
        .await?
        .map_err(refused)?;
    Ok(wire::json(StatusCode::CREATED, &SubsidyView::from(row)))
}

#[derive(Serialize, ToSchema)]
pub struct SubsidyApplications {
    total_count: usize,
    subsidy_applications: Vec<SubsidyView>,
}

/// The project's subsidy applications, newest first.
#[utoipa::path(tag = "programs", params(("project_id" = String, Path, example = "7d1e0c4b9a8f4e2d8c6b5a4f3e2d1c0b")), responses((status = 200, body = SubsidyApplications), (status = 404, body = openapi::ErrorBody)))]
#[get("/v2/partners/projects/{project_id}/subsidy-applications")]
pub async fn list_subsidy_applications(
    state: Data<AppState>,
    caller: Caller,
    project_id: Path<String>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(PROJECT_ROLES)?.partner_id.clone();
    let id = path_id(&project_id)?.to_owned();
    let rows = state
        .read(move |conn| {
            let p = projects::own(conn, &me, &id)?;
            Ok(repo::for_project(conn, &p.id)?)
        })
        .await?;
    Ok(wire::json(
        StatusCode::OK,
        &SubsidyApplications {
            total_count: rows.len(),
            subsidy_applications: rows.into_iter().map(SubsidyView::from).collect(),
        },
    ))
}
