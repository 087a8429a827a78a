//! S4/S12: `POST` and `GET /v2/partners/incentives/fh/qualifications`.

use super::schemas;
use super::ListQuery;
use super::{codes, refused, ADMIN_ONLY};
use crate::auth::Caller;
use crate::extract::{LegacyJson as Json, LegacyQuery as Query};
use crate::service::programs::fh::{self, Input};
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{get, post, HttpResponse};
use domain::programs::fh::FhType;
use domain::programs::paths::PathType;
use domain::Violation;
use persistence::repo::programs::fh::{self as repo, QualificationRow};
use persistence::repo::programs::split;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

#[derive(Deserialize, Validate, ToSchema)]
pub struct FhRequest {
    /// `SERVICE` (S4, delivery FH) or `CONSULTING_SI` (S12, presales FH).
    #[schema(schema_with = schemas::fh_path_type)]
    path_type: String,
    /// `DELIVERY` on SERVICE, `PRESALES` on CONSULTING_SI (the other one: `CBC.99100024`);
    /// may be omitted.
    #[schema(schema_with = schemas::fh_type)]
    fh_type: Option<String>,
    /// Signing the FH agreement is part of the application: it must be `true`.
    #[schema(example = true)]
    agreement_signed: bool,
    /// User ids of the experts, each a `project_specialist` of the partner; 1–100, distinct.
    #[validate(length(min = 1, max = 100))]
    #[schema(schema_with = specialist_ids_schema)]
    specialist_ids: Vec<String>,
}

pub(crate) fn specialist_ids_schema() -> utoipa::openapi::Array {
    schemas::ids(1, 100)
}

/// Checks the parameters shared by the application and its eligibility read.
pub(crate) fn input(
    path_type: &str,
    fh_type: Option<&str>,
    agreement_signed: bool,
    specialist_ids: Vec<String>,
) -> Result<Input, ApiError> {
    let path = PathType::parse(path_type)?;
    let fh_type = FhType::check(path, fh_type)?;
    if specialist_ids.is_empty() || specialist_ids.len() > 100 {
        return Err(ApiError::param("specialist_ids must name 1 to 100 people"));
    }
    for (i, id) in specialist_ids.iter().enumerate() {
        let chars = id.chars().count();
        if chars == 0 || chars > 64 || id.contains(',') || id.chars().any(char::is_control) {
            return Err(Violation::param(format!("specialist_ids[{i}] is not a user id")).into());
        }
        if specialist_ids[..i].contains(id) {
            return Err(Violation::param(format!("specialist_ids[{i}] is repeated")).into());
        }
    }
    Ok(Input {
        path,
        fh_type,
        agreement_signed,
        specialist_ids,
    })
}

#[derive(Serialize, ToSchema)]
pub struct FhQualificationView {
    qualification_id: String,
    partner_id: String,
    path_type: String,
    /// `DELIVERY` or `PRESALES`.
    fh_type: String,
    /// `REVIEWING`, `APPROVED` or `REJECTED`; the people named hold FH unless REJECTED.
    status: String,
    specialist_ids: Vec<String>,
    agreement_signed_on: String,
    submitted_on: String,
    reviewed_on: Option<String>,
    reason_codes: Vec<String>,
    reason: Option<String>,
}

impl From<QualificationRow> for FhQualificationView {
    fn from(r: QualificationRow) -> Self {
        FhQualificationView {
            specialist_ids: split(&r.specialist_ids),
            reason_codes: codes(r.reason_codes.as_deref()),
            qualification_id: r.id,
            partner_id: r.partner_id,
            path_type: r.path_type,
            fh_type: r.fh_type,
            status: r.status,
            agreement_signed_on: wire::utc(r.agreement_signed_at),
            submitted_on: wire::utc(r.submitted_at),
            reviewed_on: r.reviewed_at.map(wire::utc),
            reason: r.reason,
        }
    }
}

/// Applies for FH qualification and signs the FH agreement. Refused with every failing rule
/// (see the eligibility read).
#[utoipa::path(tag = "programs", request_body = FhRequest, responses((status = 201, body = FhQualificationView)))]
#[post("/v2/partners/incentives/fh/qualifications")]
pub async fn apply_for_fh(
    state: Data<AppState>,
    caller: Caller,
    req: Json<FhRequest>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(ADMIN_ONLY)?.partner_id.clone();
    let r = req.into_inner()?;
    let i = input(
        &r.path_type,
        r.fh_type.as_deref(),
        r.agreement_signed,
        r.specialist_ids,
    )?;
    let now = state.now();
    let row = state
        .write(move |conn| fh::apply(conn, &me, &i, now))
        .await?
        .map_err(refused)?;
    Ok(wire::json(
        StatusCode::CREATED,
        &FhQualificationView::from(row),
    ))
}

#[derive(Serialize, ToSchema)]
pub struct FhQualifications {
    total_count: i64,
    qualifications: Vec<FhQualificationView>,
}

impl FhQualifications {
    pub fn new(total_count: i64, rows: Vec<QualificationRow>) -> Self {
        FhQualifications {
            total_count,
            qualifications: rows.into_iter().map(FhQualificationView::from).collect(),
        }
    }
}

/// The partner's FH qualifications, newest first.
#[utoipa::path(tag = "programs", params(ListQuery), responses((status = 200, body = FhQualifications)))]
#[get("/v2/partners/incentives/fh/qualifications")]
pub async fn list_fh_qualifications(
    state: Data<AppState>,
    caller: Caller,
    query: Query<ListQuery>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner()?.partner_id.clone();
    let q = query.into_inner()?;
    let page = q.page()?;
    let (total, rows) = state
        .read(move |conn| Ok(repo::list(conn, &me, page.offset, page.limit)?))
        .await?;
    Ok(wire::json(
        StatusCode::OK,
        &FhQualifications::new(total, rows),
    ))
}
