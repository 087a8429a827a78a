//! `POST`/`GET /v2/partners/po-opportunities`, `GET`/`PUT .../{opportunity_id}` and
//! `POST .../check`.

use super::{po_id, PoPage, PoRequest, PoView};
use crate::auth::Caller;
use crate::extract::{LegacyJson as Json, LegacyQuery as Query};
use crate::handlers::channel::SALES;
use crate::handlers::opportunities::schemas;
use crate::handlers::programs::{refused, EligibilityView};
use crate::service::opportunities::po;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{get, post, put, HttpResponse};
use domain::opportunities::po::PoStatus;
use domain::paging::Page;
use persistence::repo::opportunities::po as repo;
use serde::Deserialize;
use utoipa::openapi::schema::Object;
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

#[derive(Deserialize, Validate, ToSchema)]
pub struct CreatePoRequest {
    #[serde(flatten)]
    #[validate(nested)]
    content: PoRequest,
    /// `true` (default): submit for review now — every failing rule is returned at once and
    /// nothing is stored; `false`: save a DRAFT.
    #[schema(example = true)]
    submit: Option<bool>,
}

/// Reports an opportunity to the platform: submitted for review (`PENDING`) or saved as a
/// `DRAFT`. A submission that breaks rules is refused with all of them in `error_details`
/// (CBC.99100100 missing fields, 101–104 BANT, 105 not a cloud product, 106–107 revenue,
/// 108 close date passed).
#[utoipa::path(tag = "opportunities", request_body = CreatePoRequest, responses((status = 201, body = PoView, links(
    ("ShowPoOpportunity" = (operation_id = "show_po_opportunity", parameters(("opportunity_id" = "$response.body#/opportunity_id")))),
)), (status = 400, description = "Every failing rule in error_details", body = openapi::ErrorBody)))]
#[post("/v2/partners/po-opportunities")]
pub async fn create_po_opportunity(
    state: Data<AppState>,
    caller: Caller,
    req: Json<CreatePoRequest>,
) -> Result<HttpResponse, ApiError> {
    let u = caller.partner_with(SALES)?;
    let (me, user) = (u.partner_id.clone(), u.user_id.clone());
    let r = req.into_inner()?;
    let submit = r.submit.unwrap_or(true);
    let content = r.content.content()?;
    let now = state.now();
    let row = state
        .write(move |conn| po::create(conn, &me, &user, &content, submit, now))
        .await?
        .map_err(refused)?;
    Ok(wire::json(StatusCode::CREATED, &PoView::from(row)))
}

/// Judges content by the submission rules without storing anything: each rule with
/// pass/fail, its code and message.
#[utoipa::path(tag = "opportunities", request_body = PoRequest, responses((status = 200, body = EligibilityView)))]
#[post("/v2/partners/po-opportunities/check")]
pub async fn check_po_opportunity(
    state: Data<AppState>,
    caller: Caller,
    req: Json<PoRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.partner_with(SALES)?;
    let content = req.into_inner()?.content()?;
    let now = state.now();
    let e = state
        .read(move |conn| {
            let s = po::settings(conn)?;
            Ok(domain::opportunities::po::check(
                &po::content(&content),
                &s,
                po::today(now),
            ))
        })
        .await?;
    Ok(wire::json(StatusCode::OK, &EligibilityView::new(&e, now)))
}

#[derive(Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PoListQuery {
    /// `DRAFT`, `PENDING`, `APPROVED` or `REJECTED`; absent or empty: all.
    #[param(schema_with = statuses)]
    status: Option<String>,
    #[validate(range(min = 0))]
    #[param(example = 0)]
    offset: Option<i64>,
    #[validate(range(min = 1, max = 100))]
    #[param(example = 10)]
    limit: Option<i64>,
}

fn statuses() -> Object {
    schemas::one_of(PoStatus::ALL.iter().map(|s| s.as_str()), true)
}

/// The partner's PO opportunities, newest first.
#[utoipa::path(tag = "opportunities", params(PoListQuery), responses((status = 200, body = PoPage)))]
#[get("/v2/partners/po-opportunities")]
pub async fn list_po_opportunities(
    state: Data<AppState>,
    caller: Caller,
    query: Query<PoListQuery>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(SALES)?.partner_id.clone();
    let q = query.into_inner()?;
    let page = Page::new(q.offset, q.limit)?;
    let status = q
        .status
        .filter(|s| !s.is_empty())
        .map(|s| PoStatus::parse("status", &s).map(|s| s.as_str()))
        .transpose()?;
    let (total, rows) = state
        .read(move |conn| Ok(repo::list(conn, &me, status, page.offset, page.limit)?))
        .await?;
    Ok(wire::json(StatusCode::OK, &PoPage::new(total, rows)))
}

/// One of the partner's PO opportunities, with the operator's reasons once reviewed.
#[utoipa::path(tag = "opportunities", params(("opportunity_id" = String, Path, example = "291e75c4531553f500ac82ad857dc4dc")), responses((status = 200, body = PoView), (status = 404, body = openapi::ErrorBody)))]
#[get("/v2/partners/po-opportunities/{opportunity_id}")]
pub async fn show_po_opportunity(
    state: Data<AppState>,
    caller: Caller,
    id: Path<String>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(SALES)?.partner_id.clone();
    let id = po_id(&id)?;
    let row = state.read(move |conn| po::own(conn, &me, &id)).await?;
    Ok(wire::json(StatusCode::OK, &PoView::from(row)))
}

/// Replaces the content of a `DRAFT` or `REJECTED` one (CBC.99100109 otherwise); it keeps
/// its status until submitted.
#[utoipa::path(tag = "opportunities", params(("opportunity_id" = String, Path, example = "291e75c4531553f500ac82ad857dc4dc")), request_body = PoRequest, responses((status = 200, body = PoView), (status = 404, body = openapi::ErrorBody)))]
#[put("/v2/partners/po-opportunities/{opportunity_id}")]
pub async fn edit_po_opportunity(
    state: Data<AppState>,
    caller: Caller,
    id: Path<String>,
    req: Json<PoRequest>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(SALES)?.partner_id.clone();
    let id = po_id(&id)?;
    let content = req.into_inner()?.content()?;
    let now = state.now();
    let row = state
        .write(move |conn| po::edit(conn, &me, &id, &content, now))
        .await?;
    Ok(wire::json(StatusCode::OK, &PoView::from(row)))
}
