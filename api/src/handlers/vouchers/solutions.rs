//! S15: a partner registers its own services, apps and solutions (`POST /v2/partners/solutions`)
//! and lists them; it applies for test vouchers with several of them. Certifications, which
//! raise the cap, are the operator's to set.

use super::{READERS, WRITERS};
use crate::auth::Caller;
use crate::extract::{LegacyJson as Json, LegacyQuery as Query};
use crate::handlers::vouchers::test_coupons::PageQuery;
use crate::service::vouchers::test_coupons as svc;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{get, post, HttpResponse};
use domain::code::Coded;
use domain::paging::Page;
use domain::vouchers::test_coupons::SolutionKind;
use persistence::repo::test_coupons::{self as repo, SolutionRow};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

#[derive(Deserialize, Validate, ToSchema)]
pub struct NewPartnerSolution {
    #[validate(length(min = 1, max = 128))]
    #[schema(schema_with = name_schema)]
    name: String,
    /// SERVICE, APP or SOLUTION.
    #[schema(schema_with = kind_schema)]
    kind: String,
}

fn name_schema() -> utoipa::openapi::Object {
    crate::handlers::programs::schemas::required_text(128, "Smart Retail SaaS")
}

pub(crate) fn kind_schema() -> utoipa::openapi::Object {
    crate::schemas::strings(SolutionKind::ALL.iter().map(|k| k.as_str()))
}

/// One of a partner's services, apps or solutions.
#[derive(Serialize, ToSchema)]
pub struct PartnerSolution {
    solution_id: String,
    name: String,
    /// SERVICE, APP or SOLUTION.
    kind: String,
    /// NONE, CLOUD_SOFTWARE or ADVANCED_CLOUD_SOFTWARE (set by the operator).
    certification: String,
    create_time: String,
}

impl From<&SolutionRow> for PartnerSolution {
    fn from(r: &SolutionRow) -> Self {
        PartnerSolution {
            solution_id: r.id.clone(),
            name: r.name.clone(),
            kind: r.kind.clone(),
            certification: r.certification.clone(),
            create_time: wire::utc(r.created_at),
        }
    }
}

/// Registers one of your services, apps or solutions, to apply for test vouchers with.
#[utoipa::path(tag = "vouchers", request_body = NewPartnerSolution, responses((status = 201, body = PartnerSolution)))]
#[post("/v2/partners/solutions")]
pub async fn create_partner_solution(
    state: Data<AppState>,
    caller: Caller,
    body: Json<NewPartnerSolution>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(WRITERS)?.partner_id.clone();
    let b = body.into_inner()?;
    domain::text::required("name", &b.name, 128)?;
    let kind = SolutionKind::from_text(&b.kind)
        .ok_or_else(|| ApiError::param(format!("kind must be {}", SolutionKind::listing())))?;
    let now = state.now();
    let row = state
        .write(move |conn| svc::register_solution(conn, &me, &b.name, kind, now))
        .await?;
    Ok(wire::json(
        StatusCode::CREATED,
        &PartnerSolution::from(&row),
    ))
}

#[derive(Serialize, ToSchema)]
pub struct PartnerSolutionPage {
    total_count: i64,
    solutions: Vec<PartnerSolution>,
}

/// Your services, apps and solutions (those the operator registered too), oldest first.
#[utoipa::path(tag = "vouchers", params(PageQuery), responses((status = 200, body = PartnerSolutionPage)))]
#[get("/v2/partners/solutions")]
pub async fn list_partner_solutions(
    state: Data<AppState>,
    caller: Caller,
    query: Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(READERS)?.partner_id.clone();
    let q = query.into_inner()?;
    let page = Page::new(q.offset, q.limit)?;
    let (total, rows) = state
        .read(move |conn| Ok(repo::solutions_page(conn, &me, page.offset, page.limit)?))
        .await?;
    Ok(wire::json(
        StatusCode::OK,
        &PartnerSolutionPage {
            total_count: total,
            solutions: rows.iter().map(PartnerSolution::from).collect(),
        },
    ))
}
