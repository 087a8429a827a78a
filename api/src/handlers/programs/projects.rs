//! S5: `POST` and `GET /v2/partners/projects`, `GET /v2/partners/projects/{project_id}`.
//! Registration (项目报备) has no eligibility gate.

use super::schemas;
use super::ListQuery;
use super::PROJECT_ROLES;
use crate::auth::Caller;
use crate::extract::{LegacyJson as Json, LegacyQuery as Query};
use crate::handlers::operator::path_id;
use crate::service::programs::projects::{self, NewProject};
use crate::wire::{DecimalInput, WireAmount};
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{get, post, HttpResponse};
use domain::identity::CountryCode;
use domain::programs::codes;
use domain::programs::personnel::MemberRole;
use domain::programs::subsidy::Currency;
use domain::{Amount, Money, Violation};
use persistence::repo::programs::projects::{self as repo, MemberRow, ProjectRow};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

#[derive(Deserialize, Serialize, ToSchema, Clone)]
pub struct MemberDto {
    /// A user of the partner.
    #[schema(example = "0b3c6a5e2d8f4f1e9a7b6c5d4e3f2a1b")]
    user_id: String,
    /// `PROJECT_MANAGER` or `DELIVERY`.
    #[schema(schema_with = schemas::member_role)]
    role: String,
}

impl From<MemberRow> for MemberDto {
    fn from(m: MemberRow) -> Self {
        MemberDto {
            user_id: m.user_id,
            role: m.role,
        }
    }
}

/// Checks a team: at most 200 people, roles known.
pub(crate) fn team(members: Vec<MemberDto>) -> Result<Vec<(String, MemberRole)>, ApiError> {
    if members.len() > 200 {
        return Err(ApiError::param("members holds at most 200 people"));
    }
    members
        .into_iter()
        .enumerate()
        .map(|(i, m)| {
            let role = MemberRole::parse(&m.role).map_err(|_| {
                Violation::param(format!(
                    "members[{i}].role must be PROJECT_MANAGER or DELIVERY"
                ))
            })?;
            Ok((m.user_id, role))
        })
        .collect()
}

#[derive(Deserialize, Validate, ToSchema)]
pub struct ProjectRequest {
    #[validate(length(min = 1, max = 128))]
    #[schema(schema_with = project_name_schema)]
    project_name: String,
    #[validate(length(max = 128))]
    #[schema(schema_with = customer_name_schema)]
    customer_name: Option<String>,
    /// Where the project runs (ISO 3166 alpha-2): `CN` is measured in CNY, elsewhere in USD.
    #[schema(schema_with = schemas::country_code)]
    country_code: String,
    /// Optional; when given it must be the country's (`CNY` for CN, `USD` elsewhere), else
    /// `CBC.99100025`.
    #[schema(schema_with = schemas::currency)]
    currency: Option<String>,
    /// New annual cloud-resource scale per year, > 0 with at most 2 decimals.
    annual_scale: DecimalInput,
    /// The team (S7), at most 200 people; may be set later with PUT .../members.
    #[serde(default)]
    #[schema(max_items = 200)]
    members: Vec<MemberDto>,
}

fn project_name_schema() -> utoipa::openapi::Object {
    schemas::required_text(128, "Shenzhen metro cloud migration")
}

fn customer_name_schema() -> utoipa::openapi::Object {
    schemas::optional_text(128, "Shenzhen Metro Group")
}

#[derive(Serialize, ToSchema)]
pub struct ProjectView {
    project_id: String,
    project_name: String,
    customer_name: Option<String>,
    country_code: String,
    currency: String,
    annual_scale: WireAmount,
    /// From this annual scale a subsidy needs a capability label at the time of application.
    label_threshold: WireAmount,
    registered_on: String,
    /// Present when reading one project.
    #[serde(skip_serializing_if = "Option::is_none")]
    members: Option<Vec<MemberDto>>,
}

impl ProjectView {
    pub fn new(p: ProjectRow, members: Option<Vec<MemberRow>>) -> Self {
        let threshold = Currency::parse(&p.currency).map_or(Money::ZERO, Currency::label_threshold);
        ProjectView {
            project_id: p.id,
            project_name: p.project_name,
            customer_name: p.customer_name,
            country_code: p.country_code,
            currency: p.currency,
            annual_scale: WireAmount(Money::from_cents(p.annual_scale_cents)),
            label_threshold: WireAmount(threshold),
            registered_on: wire::utc(p.registered_at),
            members: members.map(|m| m.into_iter().map(MemberDto::from).collect()),
        }
    }
}

/// Registers a project (项目报备). No eligibility rule applies to registration.
#[utoipa::path(tag = "programs", request_body = ProjectRequest, responses((status = 201, body = ProjectView, links(
    ("ShowProject" = (operation_id = "show_project", parameters(("project_id" = "$response.body#/project_id")))),
))))]
#[post("/v2/partners/projects")]
pub async fn register_project(
    state: Data<AppState>,
    caller: Caller,
    req: Json<ProjectRequest>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(PROJECT_ROLES)?.partner_id.clone();
    let r = req.into_inner()?;
    domain::text::required("project_name", &r.project_name, 128)?;
    domain::text::optional(
        "customer_name",
        r.customer_name.as_deref().unwrap_or(""),
        128,
    )?;
    let country = CountryCode::parse(&r.country_code)?;
    let currency = Currency::for_country(country.as_str());
    if r.currency
        .as_deref()
        .is_some_and(|c| Currency::parse(c).is_none())
    {
        return Err(ApiError::param("currency must be CNY or USD"));
    }
    if r.currency
        .as_deref()
        .is_some_and(|c| c != currency.as_str())
    {
        // Both currencies are well-formed; which one a country uses is a program rule.
        return Err(Violation::new(
            codes::PROJECT_CURRENCY_NOT_THE_COUNTRYS,
            format!(
                "currency must be {} for a project in {}",
                currency.as_str(),
                country.as_str()
            ),
        )
        .into());
    }
    let scale = Amount::from_decimal(r.annual_scale.0)
        .map_err(|e| Violation::param(format!("annual_scale {e}")))?;
    let new = NewProject {
        project_name: r.project_name,
        customer_name: r.customer_name,
        country_code: country.as_str().to_owned(),
        currency,
        annual_scale: scale.money(),
        members: team(r.members)?,
    };
    let now = state.now();
    let (p, m) = state
        .write(move |conn| projects::register(conn, &me, &new, now))
        .await?;
    Ok(wire::json(
        StatusCode::CREATED,
        &ProjectView::new(p, Some(m)),
    ))
}

#[derive(Serialize, ToSchema)]
pub struct Projects {
    total_count: i64,
    projects: Vec<ProjectView>,
}

/// The partner's projects, newest first.
#[utoipa::path(tag = "programs", params(ListQuery), responses((status = 200, body = Projects)))]
#[get("/v2/partners/projects")]
pub async fn list_projects(
    state: Data<AppState>,
    caller: Caller,
    query: Query<ListQuery>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(PROJECT_ROLES)?.partner_id.clone();
    let q = query.into_inner()?;
    let page = q.page()?;
    let (total, rows) = state
        .read(move |conn| Ok(repo::list(conn, &me, page.offset, page.limit)?))
        .await?;
    Ok(wire::json(
        StatusCode::OK,
        &Projects {
            total_count: total,
            projects: rows
                .into_iter()
                .map(|p| ProjectView::new(p, None))
                .collect(),
        },
    ))
}

/// One project with its team.
#[utoipa::path(tag = "programs", params(("project_id" = String, Path, example = "7d1e0c4b9a8f4e2d8c6b5a4f3e2d1c0b")), responses((status = 200, body = ProjectView), (status = 404, body = openapi::ErrorBody)))]
#[get("/v2/partners/projects/{project_id}")]
pub async fn show_project(
    state: Data<AppState>,
    caller: Caller,
    project_id: Path<String>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(PROJECT_ROLES)?.partner_id.clone();
    let id = path_id(&project_id)?.to_owned();
    let (p, m) = state
        .read(move |conn| {
            let p = projects::own(conn, &me, &id)?;
            let m = repo::members(conn, &p.id)?;
            Ok((p, m))
        })
        .await?;
    Ok(wire::json(StatusCode::OK, &ProjectView::new(p, Some(m))))
}
