//! S15 test vouchers, partner side: apply with one or several of its services, apps and
//! solutions (on the SOFTWARE path), list applications, and read the cap (by the highest software certification), what is used,
//! pending and still available.

use super::{READERS, WRITERS};
use crate::auth::Caller;
use crate::extract::{LegacyJson as Json, LegacyQuery as Query};
use crate::service::vouchers::test_coupons::{self as svc, Application};
use crate::wire::{DecimalInput, WireAmount};
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{get, post, HttpResponse};
use domain::code::Coded;
use domain::paging::Page;
use domain::vouchers::test_coupons::{TestPurpose, MAX_APPLICATION_SOLUTIONS};
use domain::{Amount, Money, Violation};
use persistence::repo::test_coupons::{self as repo, ApplicationRow};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

#[derive(Deserialize, Validate, ToSchema)]
pub struct ApplyTestCoupons {
    /// One of your services, apps or solutions (you must be on the SOFTWARE development path);
    /// give this or `solution_ids`.
    #[validate(length(min = 1, max = 64))]
    #[schema(
        min_length = 1,
        max_length = 64,
        example = "6e5d4c3b2a1f4e0d9c8b7a6f5e4d3c2b"
    )]
    solution_id: Option<String>,
    /// Several of your services, apps and solutions (`POST /v2/partners/solutions`), 1 to 20,
    /// distinct; give this or `solution_id`. The total stays within your one cap.
    #[schema(schema_with = solution_ids_schema)]
    solution_ids: Option<Vec<String>>,
    /// Your customer account that receives the vouchers.
    #[validate(length(min = 1, max = 64))]
    #[schema(
        min_length = 1,
        max_length = 64,
        example = "c8a7b6d5e4f34a2b9c1d0e8f7a6b5c4d"
    )]
    customer_id: String,
    /// Yuan, > 0 with at most 2 decimals, within what is left of your cap.
    amount: DecimalInput,
    /// BUILD, TEST, VERIFICATION, MIGRATION, TRAINING, SERVICE_TRIAL or ENABLEMENT.
    #[schema(schema_with = purpose_schema)]
    purpose: String,
    #[validate(length(max = 1024))]
    #[schema(schema_with = resource_list_url_schema)]
    resource_list_url: Option<String>,
    #[validate(length(max = 1000))]
    #[schema(schema_with = reason_schema)]
    reason: Option<String>,
}

fn purpose_schema() -> utoipa::openapi::Object {
    crate::schemas::strings(TestPurpose::ALL.iter().map(|p| p.as_str()))
}

fn solution_ids_schema() -> utoipa::openapi::Array {
    let mut a = crate::handlers::programs::schemas::ids(1, MAX_APPLICATION_SOLUTIONS);
    a.examples = vec![serde_json::json!([
        "6e5d4c3b2a1f4e0d9c8b7a6f5e4d3c2b",
        "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
    ])];
    a
}

fn resource_list_url_schema() -> utoipa::openapi::Object {
    super::schemas::text(1024, "https://example.com/test-plan/resources.xlsx")
}

fn reason_schema() -> utoipa::openapi::Object {
    super::schemas::text(1000, "Load tests before the customer's migration.")
}

/// The application: exactly one of `solution_id` and `solution_ids`.
#[derive(Deserialize)]
#[serde(transparent)]
pub struct ApplyTestCouponsReq(ApplyTestCoupons);

impl Validate for ApplyTestCouponsReq {
    fn validate(&self) -> Result<(), validator::ValidationErrors> {
        self.0.validate()
    }
}

impl utoipa::PartialSchema for ApplyTestCouponsReq {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::Schema> {
        crate::wire::rules::with_rules_example(
            ApplyTestCoupons::schema(),
            [crate::wire::rules::exactly_one(
                "solution_id",
                "solution_ids",
            )],
            serde_json::json!({
                "solution_ids": ["6e5d4c3b2a1f4e0d9c8b7a6f5e4d3c2b", "0f1e2d3c4b5a69788796a5b4c3d2e1f0"],
                "customer_id": "c8a7b6d5e4f34a2b9c1d0e8f7a6b5c4d",
                "amount": "5000.00",
                "purpose": "SERVICE_TRIAL",
                "reason": "A trial of the service for the customer's migration."
            }),
        )
    }
}

impl ToSchema for ApplyTestCouponsReq {
    fn schemas(out: &mut Vec<(String, utoipa::openapi::RefOr<utoipa::openapi::Schema>)>) {
        ApplyTestCoupons::schemas(out);
    }
}

/// A test-voucher application.
#[derive(Serialize, ToSchema)]
pub struct TestCouponApplication {
    application_id: String,
    partner_id: String,
    /// The first of `solution_ids`.
    solution_id: String,
    /// The services, apps and solutions applied with.
    solution_ids: Vec<String>,
    customer_id: String,
    amount: WireAmount,
    approved_amount: Option<WireAmount>,
    purpose: String,
    resource_list_url: Option<String>,
    reason: Option<String>,
    /// PENDING, APPROVED or REJECTED.
    status: String,
    review_reason_codes: Vec<String>,
    review_reason: Option<String>,
    /// The voucher issued on approval.
    coupon_id: Option<String>,
    create_time: String,
    decide_time: Option<String>,
}

impl From<&ApplicationRow> for TestCouponApplication {
    fn from(a: &ApplicationRow) -> Self {
        TestCouponApplication {
            application_id: a.id.clone(),
            partner_id: a.partner_id.clone(),
            solution_id: a.solution_id.clone(),
            solution_ids: match a.solution_ids.as_deref() {
                Some(list) => domain::vouchers::split_list(Some(list)),
                None => vec![a.solution_id.clone()],
            },
            customer_id: a.customer_id.clone(),
            amount: WireAmount(Money::from_cents(a.amount_cents)),
            approved_amount: a.approved_cents.map(|c| WireAmount(Money::from_cents(c))),
            purpose: a.purpose.clone(),
            resource_list_url: a.resource_list_url.clone(),
            reason: a.reason.clone(),
            status: a.status.clone(),
            review_reason_codes: domain::vouchers::split_list(a.review_reason_codes.as_deref()),
            review_reason: a.review_reason.clone(),
            coupon_id: a.coupon_id.clone(),
            create_time: wire::utc(a.created_at),
            decide_time: a.decided_at.map(wire::utc),
        }
    }
}

/// Applies for test vouchers: no other application pending, within the cap.
#[utoipa::path(tag = "vouchers", request_body = ApplyTestCouponsReq, responses((status = 201, body = TestCouponApplication)))]
#[post("/v2/partners/benefits/test-coupons/applications")]
pub async fn apply_test_coupons(
    state: Data<AppState>,
    caller: Caller,
    body: Json<ApplyTestCouponsReq>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(WRITERS)?.partner_id.clone();
    let b = body.into_inner()?.0;
    let solution_ids = match (b.solution_id, b.solution_ids) {
        (Some(one), None) => vec![one],
        (None, Some(many)) => {
            domain::vouchers::check_ids("solution_ids", &many, MAX_APPLICATION_SOLUTIONS)?;
            if many.is_empty() {
                return Err(ApiError::param("solution_ids must name at least one"));
            }
            many
        }
        _ => {
            return Err(ApiError::param(
                "give exactly one of solution_id and solution_ids",
            ))
        }
    };
    let purpose = TestPurpose::from_text(&b.purpose)
        .ok_or_else(|| ApiError::param(format!("purpose must be {}", TestPurpose::listing())))?;
    domain::text::optional("reason", b.reason.as_deref().unwrap_or(""), 1000)?;
    domain::text::optional(
        "resource_list_url",
        b.resource_list_url.as_deref().unwrap_or(""),
        1024,
    )?;
    let a = Application {
        amount: Amount::from_decimal(b.amount.0)
            .map_err(|e| Violation::param(format!("amount {e}")))?,
        solution_ids,
        customer_id: b.customer_id,
        purpose,
        resource_list_url: b.resource_list_url,
        reason: b.reason,
    };
    let now = state.now();
    let row = state
        .write(move |conn| svc::apply(conn, &me, &a, now))
        .await?;
    Ok(wire::json(
        StatusCode::CREATED,
        &TestCouponApplication::from(&row),
    ))
}

#[derive(Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    #[validate(range(min = 0))]
    #[param(minimum = 0, example = 0)]
    pub(crate) offset: Option<i64>,
    #[validate(range(min = 1, max = 100))]
    #[param(minimum = 1, maximum = 100, example = 10)]
    pub(crate) limit: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct ApplicationPage {
    total_count: i64,
    applications: Vec<TestCouponApplication>,
}

impl ApplicationPage {
    pub fn new(total_count: i64, rows: &[ApplicationRow]) -> Self {
        ApplicationPage {
            total_count,
            applications: rows.iter().map(TestCouponApplication::from).collect(),
        }
    }
}

/// Your test-voucher applications, newest first.
#[utoipa::path(tag = "vouchers", params(PageQuery), responses((status = 200, body = ApplicationPage)))]
#[get("/v2/partners/benefits/test-coupons/applications")]
pub async fn list_test_coupon_applications(
    state: Data<AppState>,
    caller: Caller,
    query: Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(READERS)?.partner_id.clone();
    let q = query.into_inner()?;
    let page = Page::new(q.offset, q.limit)?;
    let (total, rows) = state
        .read(move |conn| Ok(repo::applications_of(conn, &me, page.offset, page.limit)?))
        .await?;
    Ok(wire::json(
        StatusCode::OK,
        &ApplicationPage::new(total, &rows),
    ))
}

/// The partner's test-voucher cap and its use.
#[derive(Serialize, ToSchema)]
pub struct TestCouponQuota {
    /// By the highest software certification reached (SOFTWARE path stage JOINED /
    /// ROLE_CERTIFIED / CAPABILITY_DIFFERENTIATED, or a solution's NONE / CLOUD_SOFTWARE /
    /// ADVANCED_CLOUD_SOFTWARE): 20,000 / 100,000 / 300,000, the highest, not the sum.
    cap: WireAmount,
    /// Approved so far.
    used: WireAmount,
    /// Applied for, not yet decided.
    pending: WireAmount,
    /// cap − used − pending.
    available: WireAmount,
    /// NONE, CLOUD_SOFTWARE or ADVANCED_CLOUD_SOFTWARE; absent when not on the software path.
    certification: Option<&'static str>,
    currency: &'static str,
    measure_id: i32,
}

/// Cap, used, pending and available amounts of your test vouchers.
#[utoipa::path(tag = "vouchers", responses((status = 200, body = TestCouponQuota)))]
#[get("/v2/partners/benefits/test-coupons/quota")]
pub async fn show_test_coupon_quota(
    state: Data<AppState>,
    caller: Caller,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(READERS)?.partner_id.clone();
    let v = state.read(move |conn| svc::view(conn, &me)).await?;
    Ok(wire::json(
        StatusCode::OK,
        &TestCouponQuota {
            cap: WireAmount(v.cap),
            used: WireAmount(v.used),
            pending: WireAmount(v.pending),
            available: WireAmount(v.available),
            certification: v.certification.map(|c| c.as_str()),
            currency: "CNY",
            measure_id: 1,
        },
    ))
}
