//! S18: `POST` and `GET /v2/partners/development-paths/{path_type}/differentiation-certifications`.

use super::schemas::PathTypeName;
use super::{codes, path_type, refused, ListQuery, ADMIN_ONLY};
use crate::auth::Caller;
use crate::extract::{LegacyJson as Json, LegacyQuery as Query};
use crate::handlers::operator::path_id;
use crate::service::programs::certification::{self, Content};
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{get, post, HttpResponse};
use domain::programs::labels::parse_code;
use domain::Violation;
use persistence::repo::programs::certifications::{self as repo, CertificationRow};
use persistence::repo::programs::split;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

#[derive(Deserialize, Validate, ToSchema)]
pub struct CertificationRequest {
    /// The business plan the operator reviews (how the capability is built and proven).
    #[validate(length(min = 1, max = 4000))]
    #[schema(schema_with = business_plan_schema)]
    business_plan: String,
    /// Capability labels the partner asks to be granted on approval (codes, ≤ 20).
    #[serde(default)]
    #[validate(length(max = 20))]
    #[schema(schema_with = requested_labels_schema)]
    requested_labels: Vec<String>,
}

fn business_plan_schema() -> utoipa::openapi::Object {
    super::schemas::required_text(
        4000,
        "Migrate 30 customers a year to the cloud with a certified delivery team.",
    )
}

/// Labels are codes; a repeated one asks for nothing more (the handler keeps them as given).
fn requested_labels_schema() -> utoipa::openapi::Array {
    let mut a = super::schemas::upper_codes(0, 20, "CLOUD_MIGRATION");
    a.unique_items = false;
    a
}

impl CertificationRequest {
    pub fn content(self) -> Result<Content, ApiError> {
        domain::text::required("business_plan", &self.business_plan, 4000)?;
        for (i, l) in self.requested_labels.iter().enumerate() {
            parse_code(l).map_err(|_| {
                Violation::param(format!(
                    "requested_labels[{i}] must be 1 to 64 characters of A-Z, 0-9 and _"
                ))
            })?;
        }
        Ok(Content {
            business_plan: self.business_plan,
            requested_labels: self.requested_labels,
        })
    }
}

#[derive(Serialize, ToSchema)]
pub struct CertificationView {
    application_id: String,
    partner_id: String,
    path_type: String,
    /// `REVIEWING`, `APPROVED` or `REJECTED`.
    #[schema(example = "REVIEWING")]
    status: String,
    business_plan: String,
    requested_labels: Vec<String>,
    /// 1 for the first submission, +1 for each resubmission.
    submission_count: i32,
    submitted_on: String,
    reviewed_on: Option<String>,
    /// Why it was rejected (or remarks on approval): fix these and resubmit.
    reason_codes: Vec<String>,
    reason: Option<String>,
    /// Labels granted with the approval.
    granted_labels: Vec<String>,
}

impl From<CertificationRow> for CertificationView {
    fn from(r: CertificationRow) -> Self {
        CertificationView {
            reason_codes: codes(r.reason_codes.as_deref()),
            granted_labels: codes(r.granted_labels.as_deref()),
            requested_labels: split(&r.requested_labels),
            application_id: r.id,
            partner_id: r.partner_id,
            path_type: r.path_type,
            status: r.status,
            business_plan: r.business_plan,
            submission_count: r.submission_count,
            submitted_on: wire::utc(r.submitted_at),
            reviewed_on: r.reviewed_at.map(wire::utc),
            reason: r.reason,
        }
    }
}

/// Applies for capability-differentiation certification on a path the partner has joined.
/// Refused with every failing rule (see the eligibility read).
#[utoipa::path(tag = "programs", params(("path_type" = inline(PathTypeName), Path, example = "SOFTWARE")), request_body = CertificationRequest, responses((status = 201, body = CertificationView)))]
#[post("/v2/partners/development-paths/{path_type}/differentiation-certifications")]
pub async fn apply_for_certification(
    state: Data<AppState>,
    caller: Caller,
    path: Path<String>,
    req: Json<CertificationRequest>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(ADMIN_ONLY)?.partner_id.clone();
    let path = path_type(&path)?;
    let content = req.into_inner()?.content()?;
    let now = state.now();
    let row = state
        .write(move |conn| certification::apply(conn, &me, path, &content, now))
        .await?
        .map_err(refused)?;
    Ok(wire::json(
        StatusCode::CREATED,
        &CertificationView::from(row),
    ))
}

#[derive(Serialize, ToSchema)]
pub struct Certifications {
    total_count: i64,
    certifications: Vec<CertificationView>,
}

impl Certifications {
    pub fn new(total_count: i64, rows: Vec<CertificationRow>) -> Self {
        Certifications {
            total_count,
            certifications: rows.into_iter().map(CertificationView::from).collect(),
        }
    }
}

/// The partner's certification applications on a path, newest first, with reject reasons.
#[utoipa::path(tag = "programs", params(("path_type" = inline(PathTypeName), Path, example = "SOFTWARE"), ListQuery), responses((status = 200, body = Certifications)))]
#[get("/v2/partners/development-paths/{path_type}/differentiation-certifications")]
pub async fn list_certifications(
    state: Data<AppState>,
    caller: Caller,
    path: Path<String>,
    query: Query<ListQuery>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner()?.partner_id.clone();
    let path = path_type(path_id(&path)?)?;
    let q = query.into_inner()?;
    let page = q.page()?;
    let (total, rows) = state
        .read(move |conn| {
            Ok(repo::list(
                conn,
                &me,
                Some(path.as_str()),
                page.offset,
                page.limit,
            )?)
        })
        .await?;
    Ok(wire::json(
        StatusCode::OK,
        &Certifications::new(total, rows),
    ))
}
