//! S6 PO opportunities, partner side: drafts, submission (refused with every failing rule),
//! resubmission after a rejection, and a check that judges content without storing it.

pub mod drafts;
pub mod submit;

use crate::handlers::programs::codes as stored_codes;
use crate::wire::{DecimalInput, WireAmount};
use crate::{wire, ApiError};
use domain::{names, Money, Violation};
use persistence::repo::opportunities::po::{PoContentRow, PoRow};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

/// The PO template. Everything may be left out of a draft; a submission needs all of it.
#[derive(Deserialize, Validate, ToSchema, Default)]
#[schema(example = json!({"customer_name": "ACME Retail Ltd.", "industry": "RETAIL", "product_category": "COMPUTE", "budget": "500000.00", "decision_maker": "Li Wei, CIO", "requirement": "Move the web shop and its database to the cloud before the sales season", "purchase_plan": "Pilot in January, full rollout in March", "estimated_revenue": "20000.00", "currency": "CNY", "expected_close_date": "2027-03-31"}))]
pub struct PoRequest {
    #[validate(length(max = 128))]
    #[schema(schema_with = fields::customer_name)]
    customer_name: Option<String>,
    /// Upper-case code, e.g. `RETAIL`.
    #[schema(schema_with = fields::industry)]
    industry: Option<String>,
    /// A cloud product category of the platform (see `GET /v2/operator/po-settings`).
    #[schema(schema_with = fields::product_category)]
    product_category: Option<String>,
    /// B — the customer's budget, yuan; a submission needs it > 0.
    #[schema(schema_with = fields::budget)]
    budget: Option<DecimalInput>,
    /// A — the customer's decision maker.
    #[validate(length(max = 64))]
    #[schema(schema_with = fields::decision_maker)]
    decision_maker: Option<String>,
    /// N — the customer's need.
    #[validate(length(max = 2000))]
    #[schema(schema_with = fields::requirement)]
    requirement: Option<String>,
    /// T — the purchase plan (timeline).
    #[validate(length(max = 2000))]
    #[schema(schema_with = fields::purchase_plan)]
    purchase_plan: Option<String>,
    /// Estimated platform revenue, yuan; a submission needs it > 0 and at least the
    /// configured minimum.
    #[schema(schema_with = fields::estimated_revenue)]
    estimated_revenue: Option<DecimalInput>,
    /// `CNY` or `USD`.
    #[schema(schema_with = fields::currency)]
    currency: Option<String>,
    /// `YYYY-MM-DD`; a submission needs it from today on.
    #[schema(schema_with = fields::expected_close_date)]
    expected_close_date: Option<String>,
    #[validate(length(max = 2000))]
    #[schema(schema_with = fields::description)]
    description: Option<String>,
}

/// The template's schemas: every field may be `null` (absent); codes may also be empty.
mod fields {
    use crate::handlers::opportunities::{schemas, CURRENCIES};
    use utoipa::openapi::schema::Object;

    pub fn customer_name() -> Object {
        schemas::optional_text(128, "ACME Retail Ltd.")
    }
    pub fn industry() -> Object {
        schemas::optional_code("RETAIL")
    }
    pub fn product_category() -> Object {
        schemas::optional_code("COMPUTE")
    }
    pub fn budget() -> Object {
        let mut o = schemas::nullable(schemas::any_amount());
        o.examples = vec![serde_json::json!("500000.00")];
        o
    }
    pub fn decision_maker() -> Object {
        schemas::optional_text(64, "Li Wei, CIO")
    }
    pub fn requirement() -> Object {
        schemas::optional_text(
            2000,
            "Move the web shop and its database to the cloud before the sales season",
        )
    }
    pub fn purchase_plan() -> Object {
        schemas::optional_text(2000, "Pilot in January, full rollout in March")
    }
    pub fn estimated_revenue() -> Object {
        let mut o = schemas::nullable(schemas::any_amount());
        o.examples = vec![serde_json::json!("20000.00")];
        o
    }
    pub fn currency() -> Object {
        schemas::nullable(schemas::one_of(CURRENCIES.iter().copied(), false))
    }
    pub fn expected_close_date() -> Object {
        schemas::nullable(schemas::date("2027-03-31"))
    }
    pub fn description() -> Object {
        schemas::optional_text(2000, "Referred by the customer's parent company")
    }
}

fn text(field: &str, v: Option<String>, max: usize) -> Result<Option<String>, ApiError> {
    match v {
        Some(s) => {
            domain::text::optional(field, &s, max)?;
            Ok(Some(s))
        }
        None => Ok(None),
    }
}

fn cents(field: &str, d: Option<DecimalInput>) -> Result<Option<i64>, ApiError> {
    d.map(|d| {
        Money::from_decimal(d.0)
            .map(Money::cents)
            .map_err(|e| ApiError::from(Violation::param(format!("{field} {e}"))))
    })
    .transpose()
}

impl PoRequest {
    /// Checks the format of what is given (types, lengths, codes, dates); whether it is
    /// complete and reasonable is judged on submission.
    pub fn content(self) -> Result<PoContentRow, ApiError> {
        let code = |field: &str, v: Option<String>| -> Result<Option<String>, ApiError> {
            v.filter(|s| !s.is_empty())
                .map(|s| names::code(field, &s).map(str::to_owned))
                .transpose()
                .map_err(ApiError::from)
        };
        if let Some(c) = self.currency.as_deref() {
            if !crate::handlers::opportunities::CURRENCIES.contains(&c) {
                return Err(ApiError::param("currency must be CNY or USD"));
            }
        }
        if let Some(d) = self.expected_close_date.as_deref() {
            chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .ok()
                .filter(|_| d.len() == 10)
                .ok_or_else(|| ApiError::param("expected_close_date must be a date YYYY-MM-DD"))?;
        }
        Ok(PoContentRow {
            customer_name: text("customer_name", self.customer_name, 128)?,
            industry: code("industry", self.industry)?,
            product_category: code("product_category", self.product_category)?,
            budget_cents: cents("budget", self.budget)?,
            decision_maker: text("decision_maker", self.decision_maker, 64)?,
            requirement: text("requirement", self.requirement, 2000)?,
            purchase_plan: text("purchase_plan", self.purchase_plan, 2000)?,
            estimated_revenue_cents: cents("estimated_revenue", self.estimated_revenue)?,
            currency: self.currency,
            expected_close_date: self.expected_close_date,
            description: text("description", self.description, 2000)?,
        })
    }
}

#[derive(Serialize, ToSchema)]
pub struct PoView {
    opportunity_id: String,
    partner_id: String,
    /// `DRAFT`, `PENDING`, `APPROVED` or `REJECTED`.
    #[schema(example = "PENDING")]
    review_status: String,
    customer_name: Option<String>,
    industry: Option<String>,
    product_category: Option<String>,
    budget: Option<WireAmount>,
    decision_maker: Option<String>,
    requirement: Option<String>,
    purchase_plan: Option<String>,
    estimated_revenue: Option<WireAmount>,
    currency: Option<String>,
    expected_close_date: Option<String>,
    description: Option<String>,
    /// How many times it was submitted.
    submission_count: i32,
    submitted_on: Option<String>,
    reviewed_on: Option<String>,
    /// The operator's reasons (e.g. `INCOMPLETE_BANT`, `NOT_HUAWEI_CLOUD`, `REVENUE_TOO_LOW`).
    reason_codes: Vec<String>,
    reason: Option<String>,
    create_time: String,
    update_time: String,
}

impl From<PoRow> for PoView {
    fn from(r: PoRow) -> Self {
        let amount = |c: Option<i64>| c.map(|c| WireAmount(Money::from_cents(c)));
        PoView {
            reason_codes: stored_codes(r.reason_codes.as_deref()),
            opportunity_id: r.id,
            partner_id: r.partner_id,
            review_status: r.status,
            customer_name: r.customer_name,
            industry: r.industry,
            product_category: r.product_category,
            budget: amount(r.budget_cents),
            decision_maker: r.decision_maker,
            requirement: r.requirement,
            purchase_plan: r.purchase_plan,
            estimated_revenue: amount(r.estimated_revenue_cents),
            currency: r.currency,
            expected_close_date: r.expected_close_date,
            description: r.description,
            submission_count: r.submission_count,
            submitted_on: r.submitted_at.map(wire::utc),
            reviewed_on: r.reviewed_at.map(wire::utc),
            reason: r.reason,
            create_time: wire::utc(r.created_at),
            update_time: wire::utc(r.updated_at),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct PoPage {
    total_count: i64,
    opportunities: Vec<PoView>,
}

impl PoPage {
    pub fn new(total_count: i64, rows: Vec<PoRow>) -> Self {
        PoPage {
            total_count,
            opportunities: rows.into_iter().map(PoView::from).collect(),
        }
    }
}

/// A path id: too long or empty answers like a missing one.
pub fn po_id(id: &str) -> Result<String, ApiError> {
    crate::handlers::channel::path_id(id, || {
        Violation::new(domain::codes::NOT_FOUND, "PO opportunity does not exist")
    })
}
