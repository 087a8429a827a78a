//! `POST /v2/partners/sub-customers` — CreateSubCustomer (real operation).

use super::identity_fields;
use super::{non_empty, SALES};
use crate::auth::{password, Caller};
use crate::extract::LegacyJson as Json;
use crate::service::channel::{sub_customers, verification};
use crate::wire::rules::{self as fields, nullable};
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{post, HttpResponse};
use domain::association::AssociationType;
use domain::identity::DomainName;
use domain::sub_customer::{check_password, parse_flag};
use domain::verification::check_cn_mobile;
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::{Object, ObjectBuilder, Type};
use utoipa::openapi::{RefOr, Schema};
use utoipa::ToSchema;
use validator::Validate;

#[derive(Deserialize, Validate, ToSchema)]
pub struct CreateCustomerFields {
    /// 5–32 characters `^[a-zA-Z_-][a-zA-Z0-9_-]*$`, not starting with `op_`/`shadow_`;
    /// absent, null or empty: a random name.
    #[schema(schema_with = identity_fields::optional_domain_name)]
    pub(crate) domain_name: Option<String>,
    /// Mainland China mobile number (11 digits); needs `verification_code`. Empty = none.
    #[schema(schema_with = identity_fields::optional_cn_mobile)]
    pub(crate) mobile_phone: Option<String>,
    /// From SendVerificationMessageCode (scene 29) to `mobile_phone`; empty is not allowed.
    #[validate(length(max = 16))]
    #[schema(schema_with = verification_code)]
    pub(crate) verification_code: Option<String>,
    #[validate(length(max = 64))]
    #[schema(max_length = 64, example = "x-account-0001")]
    pub(crate) xaccount_id: Option<String>,
    #[validate(length(max = 64))]
    #[schema(max_length = 64, example = "partner_x")]
    pub(crate) xaccount_type: Option<String>,
    /// 8–32 characters, two kinds at least, not the account name (or reversed), not the phone.
    /// Absent: the customer has no password. Empty is not allowed.
    #[schema(schema_with = password)]
    pub(crate) password: Option<String>,
    /// `"true"` or `"false"` (default).
    #[schema(schema_with = flag)]
    pub(crate) is_close_market_ms: Option<String>,
    /// `"1"` referral; anything else (or absent) resale.
    #[schema(example = "2")]
    pub(crate) cooperation_type: Option<String>,
    /// Create the customer for one of your resellers (distributors only).
    #[validate(length(max = 64))]
    #[schema(max_length = 64, example = "5f1e2d3c4b5a69788796a5b4c3d2e1f0")]
    pub(crate) indirect_partner_id: Option<String>,
    /// Accepted as Huawei defines it; the association is immediate here, so the result
    /// (`domain_id`, `domain_name`) is always returned.
    #[allow(dead_code)]
    #[schema(example = true)]
    pub(crate) include_association_result: Option<bool>,
}

fn non_empty_text(max: usize, example: &str) -> Object {
    nullable(
        ObjectBuilder::new()
            .schema_type(Type::String)
            .min_length(Some(1))
            .max_length(Some(max))
            .examples([serde_json::json!(example)])
            .build(),
    )
}

pub(crate) fn verification_code() -> Object {
    non_empty_text(16, "123456")
}

pub(crate) fn password() -> Object {
    // Its rules name the account and the phone: CBC.99000036 states them.
    nullable(
        ObjectBuilder::new()
            .schema_type(Type::String)
            .min_length(Some(1))
            .examples([serde_json::json!("Cloud#2024pass")])
            .build(),
    )
}

pub(crate) fn flag() -> Object {
    nullable(crate::schemas::strings(["true", "false", ""]))
}

/// `fields` with the rule that a `verification_code` is needed with a `mobile_phone`
/// (CreateSubCustomer and registration through an invitation share it).
pub(super) fn with_verification_rule(fields: RefOr<Schema>) -> RefOr<Schema> {
    fields::with_rules(
        fields,
        [fields::required_unless(
            "mobile_phone",
            nullable(crate::schemas::strings([""])),
            "verification_code",
            ObjectBuilder::new()
                .schema_type(Type::String)
                .min_length(Some(1))
                .build(),
        )],
    )
}

/// The request: a `verification_code` is needed with a `mobile_phone`.
#[derive(Deserialize)]
#[serde(transparent)]
pub struct CreateCustomerV2Req(CreateCustomerFields);

impl Validate for CreateCustomerV2Req {
    fn validate(&self) -> Result<(), validator::ValidationErrors> {
        self.0.validate()
    }
}

impl utoipa::PartialSchema for CreateCustomerV2Req {
    fn schema() -> RefOr<Schema> {
        super::sub_customers::with_verification_rule(CreateCustomerFields::schema())
    }
}

impl ToSchema for CreateCustomerV2Req {
    fn schemas(out: &mut Vec<(String, RefOr<Schema>)>) {
        CreateCustomerFields::schemas(out);
    }
}

#[derive(Serialize, ToSchema)]
pub struct CreateSubCustomerResponse {
    /// Also the customer id in ListSubCustomers.
    pub(crate) domain_id: String,
    pub(crate) domain_name: String,
}

fn random_domain_name() -> Result<DomainName, ApiError> {
    let tail = persistence::ids::new_id();
    DomainName::parse(&format!("c{}", &tail[..31]))
        .map_err(|_| ApiError::Internal("generated domain name is invalid".into()))
}

/// CreateSubCustomer's fields, checked; the password is hashed, the verification code not yet
/// checked (that needs the partner who sent it).
pub(crate) struct CheckedCustomer {
    pub domain_name: DomainName,
    pub mobile_phone: Option<String>,
    /// Given exactly when `mobile_phone` is.
    pub verification_code: Option<String>,
    pub password_hash: Option<String>,
    /// `None` when `cooperation_type` is absent.
    pub cooperation_type: Option<AssociationType>,
    pub xaccount_id: Option<String>,
    pub xaccount_type: Option<String>,
    pub indirect_partner_id: Option<String>,
}

/// Checks CreateSubCustomer's fields, each refusal naming its parameter.
pub(crate) async fn check_fields(req: CreateCustomerFields) -> Result<CheckedCustomer, ApiError> {
    let domain_name = match non_empty(req.domain_name) {
        Some(n) => DomainName::parse(&n)?,
        None => random_domain_name()?,
    };
    let mobile = non_empty(req.mobile_phone);
    if let Some(m) = &mobile {
        check_cn_mobile("mobile_phone", m)?;
    }
    if req.verification_code.as_deref() == Some("") {
        return Err(ApiError::param("verification_code must not be empty"));
    }
    if req.password.as_deref() == Some("") {
        return Err(ApiError::param("password must not be empty"));
    }
    parse_flag("is_close_market_ms", req.is_close_market_ms.as_deref())?;
    let cooperation_type = req.cooperation_type.as_deref().map(|t| match t {
        "1" => AssociationType::Referral,
        _ => AssociationType::Resale,
    });
    let password_hash = match req.password {
        Some(p) => {
            check_password(&p, domain_name.as_str(), mobile.as_deref())?;
            Some(
                actix_web::web::block(move || password::hash(&p))
                    .await?
                    .map_err(ApiError::Internal)?,
            )
        }
        None => None,
    };
    let verification_code = match (&mobile, req.verification_code) {
        (None, _) => None,
        (Some(_), None) => {
            return Err(ApiError::param(
                "verification_code is required with mobile_phone",
            ))
        }
        (Some(_), Some(code)) => Some(code),
    };
    Ok(CheckedCustomer {
        domain_name,
        mobile_phone: mobile,
        verification_code,
        password_hash,
        cooperation_type,
        xaccount_id: req.xaccount_id,
        xaccount_type: req.xaccount_type,
        indirect_partner_id: non_empty(req.indirect_partner_id),
    })
}

/// Checks the verification code `partner_id` sent to the mobile number, in its own transaction
/// (a wrong guess counts even though the request then fails); the code's record, to use up.
pub(crate) async fn verify_mobile(
    state: &AppState,
    partner_id: &str,
    c: &CheckedCustomer,
    now: i64,
) -> Result<Option<String>, ApiError> {
    let (Some(phone), Some(code)) = (c.mobile_phone.clone(), c.verification_code.clone()) else {
        return Ok(None);
    };
    let p = partner_id.to_owned();
    Ok(Some(
        state
            .write(move |conn| verification::check(conn, &p, &phone, &code, now))
            .await??,
    ))
}

/// Creates a customer associated with you (or with one of your resellers), in resale mode
/// unless `cooperation_type` is `"1"`.
#[utoipa::path(tag = "customers", request_body = CreateCustomerV2Req, responses((status = 200, body = CreateSubCustomerResponse, links(
    ("ListSubCustomers" = (operation_id = "list_sub_customers", request_body = json!({"customer": "$response.body#/domain_name"}))),
))))]
#[post("/v2/partners/sub-customers")]
pub async fn create_sub_customer(
    state: Data<AppState>,
    caller: Caller,
    req: Json<CreateCustomerV2Req>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(SALES)?.partner_id.clone();
    let c = check_fields(req.into_inner()?.0).await?;
    let now = state.now();
    let verification_id = verify_mobile(&state, &me, &c, now).await?;
    let n = sub_customers::NewSubCustomer {
        caller_partner_id: me,
        indirect_partner_id: c.indirect_partner_id,
        domain_name: c.domain_name,
        mobile_phone: c.mobile_phone,
        verification_id,
        password_hash: c.password_hash,
        association_type: c.cooperation_type.unwrap_or(AssociationType::Resale),
        xaccount_id: c.xaccount_id,
        xaccount_type: c.xaccount_type,
        email: None,
    };
    let row = state
        .write(move |c| sub_customers::create(c, &n, now))
        .await?;
    Ok(wire::json(
        StatusCode::OK,
        &CreateSubCustomerResponse {
            domain_id: row.domain_id,
            domain_name: row.domain_name,
        },
    ))
}
