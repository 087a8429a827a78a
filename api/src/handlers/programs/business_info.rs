//! S14: `PUT /v2/partners/business-info` and `GET /v2/partners/business-info/certification`.

use super::schemas;
use super::{codes, refused};
use crate::auth::Caller;
use crate::extract::LegacyJson as Json;
use crate::service::programs::business_info::{self, Submission};
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{get, put, HttpResponse};
use domain::identity::Role;
use domain::programs::business_info::{AccountType, CertStatus};
use domain::text;
use persistence::repo::programs::business_info::BusinessInfoRow;
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::{Object, ObjectBuilder, SchemaType, Type};
use utoipa::ToSchema;
use validator::Validate;

const ROLES: &[Role] = &[Role::Finance];

#[derive(Deserialize, ToSchema)]
pub struct BankAccount {
    /// `CORPORATE` (required for payouts) or `PERSONAL`.
    #[schema(schema_with = schemas::account_type)]
    account_type: String,
    /// Must be the company's name (the partner's registered name).
    #[schema(schema_with = account_name_schema)]
    account_name: String,
    /// 6–34 letters or digits (IBANs included); spaces between them are ignored.
    #[schema(schema_with = account_number_schema)]
    account_number: String,
    #[schema(schema_with = bank_name_schema)]
    bank_name: String,
    #[schema(schema_with = bank_branch_schema)]
    bank_branch: Option<String>,
}

fn account_name_schema() -> Object {
    schemas::required_text(128, "Acme Cloud Services Co., Ltd.")
}

fn bank_name_schema() -> Object {
    schemas::required_text(128, "Industrial and Commercial Bank of China")
}

fn bank_branch_schema() -> Object {
    schemas::optional_text(128, "Shenzhen Futian Branch")
}

fn account_number_schema() -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::Type(Type::String))
        .pattern(Some("^( *[A-Za-z0-9]){6,34} *$"))
        .examples([serde_json::json!("6222020200112233445")])
        .build()
}

fn taxpayer_id_schema() -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::Type(Type::String))
        .pattern(Some("^[A-Z0-9-]{1,64}$"))
        .examples([serde_json::json!("91440300MA5F0XXXXX")])
        .build()
}

fn taxpayer_type_schema() -> Object {
    crate::schemas::strings(TAXPAYER_TYPES.iter().copied())
}

const TAXPAYER_TYPES: [&str; 2] = ["GENERAL", "SMALL_SCALE"];

#[derive(Deserialize, ToSchema)]
pub struct TaxInfo {
    /// Taxpayer identification (e.g. the unified social credit code), 1–64 of A–Z, 0–9, `-`.
    #[schema(schema_with = taxpayer_id_schema)]
    taxpayer_id: String,
    /// `GENERAL` (一般纳税人) or `SMALL_SCALE` (小规模纳税人).
    #[schema(schema_with = taxpayer_type_schema)]
    taxpayer_type: String,
}

#[derive(Deserialize, Validate, ToSchema)]
pub struct BusinessInfoRequest {
    bank_account: BankAccount,
    tax_info: TaxInfo,
}

fn submission(r: BusinessInfoRequest) -> Result<Submission, ApiError> {
    let (b, t) = (r.bank_account, r.tax_info);
    let account_type = AccountType::parse(&b.account_type)?;
    text::required("bank_account.account_name", &b.account_name, 128)?;
    text::required("bank_account.bank_name", &b.bank_name, 128)?;
    text::optional(
        "bank_account.bank_branch",
        b.bank_branch.as_deref().unwrap_or(""),
        128,
    )?;
    let number: String = b.account_number.chars().filter(|c| *c != ' ').collect();
    if !(6..=34).contains(&number.len()) || !number.bytes().all(|c| c.is_ascii_alphanumeric()) {
        return Err(ApiError::param(
            "bank_account.account_number must be 6 to 34 letters or digits",
        ));
    }
    let tid_ok = (1..=64).contains(&t.taxpayer_id.len())
        && t.taxpayer_id
            .bytes()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'-');
    if !tid_ok {
        return Err(ApiError::param(
            "tax_info.taxpayer_id must be 1 to 64 characters of A-Z, 0-9 and -",
        ));
    }
    if !TAXPAYER_TYPES.contains(&t.taxpayer_type.as_str()) {
        return Err(ApiError::param(
            "tax_info.taxpayer_type must be GENERAL or SMALL_SCALE",
        ));
    }
    Ok(Submission {
        account_type,
        account_name: b.account_name.trim().to_owned(),
        account_number: number,
        bank_name: b.bank_name.trim().to_owned(),
        bank_branch: b.bank_branch,
        taxpayer_id: t.taxpayer_id,
        taxpayer_type: t.taxpayer_type,
    })
}

#[derive(Serialize, ToSchema)]
pub struct BankAccountView {
    account_type: String,
    account_name: String,
    /// Only the last four characters are shown.
    #[schema(example = "****6789")]
    account_number: String,
    bank_name: String,
    bank_branch: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct TaxInfoView {
    taxpayer_id: String,
    taxpayer_type: String,
}

#[derive(Serialize, ToSchema)]
pub struct BusinessInfoCertification {
    /// `NOT_SUBMITTED`, `REVIEWING`, `CERTIFIED` or `FAILED`; payouts need `CERTIFIED`.
    #[schema(example = "CERTIFIED")]
    status: String,
    certification_id: Option<String>,
    company_name: Option<String>,
    bank_account: Option<BankAccountView>,
    tax_info: Option<TaxInfoView>,
    submitted_on: Option<String>,
    reviewed_on: Option<String>,
    /// Why the certification FAILED: fix and submit again.
    reason_codes: Vec<String>,
    reason: Option<String>,
}

fn mask(number: &str) -> String {
    let tail: String = number
        .chars()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    format!("****{tail}")
}

impl BusinessInfoCertification {
    pub fn new(status: CertStatus, row: Option<BusinessInfoRow>) -> Self {
        let Some(r) = row else {
            return BusinessInfoCertification {
                status: status.as_str().to_owned(),
                certification_id: None,
                company_name: None,
                bank_account: None,
                tax_info: None,
                submitted_on: None,
                reviewed_on: None,
                reason_codes: Vec::new(),
                reason: None,
            };
        };
        BusinessInfoCertification {
            status: r.status,
            certification_id: Some(r.id),
            company_name: Some(r.company_name),
            bank_account: Some(BankAccountView {
                account_type: r.account_type,
                account_name: r.account_name,
                account_number: mask(&r.account_number),
                bank_name: r.bank_name,
                bank_branch: r.bank_branch,
            }),
            tax_info: Some(TaxInfoView {
                taxpayer_id: r.taxpayer_id,
                taxpayer_type: r.taxpayer_type,
            }),
            submitted_on: Some(wire::utc(r.submitted_at)),
            reviewed_on: r.reviewed_at.map(wire::utc),
            reason_codes: codes(r.reason_codes.as_deref()),
            reason: r.reason,
        }
    }
}

/// Submits the business information for certification: a corporate bank account in the
/// company's name and tax information. Replaces the current submission (a certified one must
/// then be certified again). Refused with every failing rule.
#[utoipa::path(tag = "programs", request_body = BusinessInfoRequest, responses((status = 200, body = BusinessInfoCertification)))]
#[put("/v2/partners/business-info")]
pub async fn submit_business_info(
    state: Data<AppState>,
    caller: Caller,
    req: Json<BusinessInfoRequest>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(ROLES)?.partner_id.clone();
    let s = submission(req.into_inner()?)?;
    let now = state.now();
    let row = state
        .write(move |conn| business_info::submit(conn, &me, &s, now))
        .await?
        .map_err(refused)?;
    let view = BusinessInfoCertification::new(CertStatus::Reviewing, Some(row));
    Ok(wire::json(StatusCode::OK, &view))
}

/// The certification status of the partner's business information.
#[utoipa::path(tag = "programs", responses((status = 200, body = BusinessInfoCertification)))]
#[get("/v2/partners/business-info/certification")]
pub async fn show_business_info_certification(
    state: Data<AppState>,
    caller: Caller,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(ROLES)?.partner_id.clone();
    let (status, row) = state
        .read(move |conn| business_info::status(conn, &me))
        .await?;
    Ok(wire::json(
        StatusCode::OK,
        &BusinessInfoCertification::new(status, row),
    ))
}
