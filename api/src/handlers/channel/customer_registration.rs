//! `POST /v2/customer-registrations`: someone invited by a partner who is not yet a customer
//! registers through the invitation, with its code and CreateSubCustomer's fields. No
//! credential: the single-use invitation code authorizes it.

use super::identity_fields;
use super::sub_customers::{
    self as create, check_fields, verify_mobile, CreateCustomerFields, CreateSubCustomerResponse,
};
use crate::extract::LegacyJson as Json;
use crate::service::channel::registration::{self as svc, Registered, Registration};
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{post, HttpResponse};
use domain::association::FailureReason;
use serde::Deserialize;
use utoipa::openapi::{RefOr, Schema};
use utoipa::ToSchema;
use validator::Validate;

#[derive(Deserialize, Validate, ToSchema)]
pub struct RegisterCustomerFields {
    /// The code of the partner's invitation (e-mailed to the invited address, or passed on by
    /// the partner). Usable once, until the invitation expires.
    #[validate(length(min = 1, max = 64))]
    #[schema(
        min_length = 1,
        max_length = 64,
        example = "9c2f0e7a41d84b6f8a3e5d1c0b7f6a29"
    )]
    invitation_code: String,
    /// 5–32 characters `^[a-zA-Z_-][a-zA-Z0-9_-]*$`, not starting with `op_`/`shadow_`;
    /// absent, null or empty: a random name.
    #[schema(schema_with = identity_fields::optional_domain_name)]
    domain_name: Option<String>,
    /// Mainland China mobile number (11 digits); needs `verification_code`. Empty = none.
    #[schema(schema_with = identity_fields::optional_cn_mobile)]
    mobile_phone: Option<String>,
    /// The code the inviting partner sent to `mobile_phone` with SendVerificationMessageCode
    /// (scene 29); empty is not allowed.
    #[validate(length(max = 16))]
    #[schema(schema_with = create::verification_code)]
    verification_code: Option<String>,
    #[validate(length(max = 64))]
    #[schema(max_length = 64, example = "x-account-0001")]
    xaccount_id: Option<String>,
    #[validate(length(max = 64))]
    #[schema(max_length = 64, example = "partner_x")]
    xaccount_type: Option<String>,
    /// 8–32 characters, two kinds at least, not the account name (or reversed), not the phone.
    /// Absent: the customer has no password. Empty is not allowed.
    #[schema(schema_with = create::password)]
    password: Option<String>,
    /// `"true"` or `"false"` (default).
    #[schema(schema_with = create::flag)]
    is_close_market_ms: Option<String>,
    /// The invitation decides it; if given, `"1"` (referral) or another value (resale) must be
    /// the invitation's association type.
    #[schema(example = "2")]
    cooperation_type: Option<String>,
    /// The invitation decides it; if given, it must be the inviting partner's id.
    #[validate(length(max = 64))]
    #[schema(max_length = 64, example = "5f1e2d3c4b5a69788796a5b4c3d2e1f0")]
    indirect_partner_id: Option<String>,
    /// Accepted as CreateSubCustomer defines it; the result is always returned.
    #[schema(example = true)]
    include_association_result: Option<bool>,
}

/// The request: a `verification_code` is needed with a `mobile_phone`.
#[derive(Deserialize)]
#[serde(transparent)]
pub struct RegisterCustomerReq(RegisterCustomerFields);

impl Validate for RegisterCustomerReq {
    fn validate(&self) -> Result<(), validator::ValidationErrors> {
        self.0.validate()
    }
}

impl utoipa::PartialSchema for RegisterCustomerReq {
    fn schema() -> RefOr<Schema> {
        super::sub_customers::with_verification_rule(RegisterCustomerFields::schema())
    }
}

impl ToSchema for RegisterCustomerReq {
    fn schemas(out: &mut Vec<(String, RefOr<Schema>)>) {
        RegisterCustomerFields::schemas(out);
    }
}

/// Registers a new customer through a partner's invitation: the customer is created and
/// associated with the inviting partner at once, in the invitation's association type; the
/// code is used up. Needs no credential. Refusals of the code carry the reason's code, which
/// the partner also sees on the invitation: CBC.99100080 LINK_NOT_FOUND (no such code, or one
/// a re-send replaced), CBC.99100081 LINK_EXPIRED, CBC.99100082 CODE_USED. The fields are
/// checked as CreateSubCustomer checks them (CBC.0100 naming the parameter; a taken
/// `domain_name` or a wrong `verification_code` with their own codes).
#[utoipa::path(tag = "customers", request_body = RegisterCustomerReq, responses((status = 201, body = CreateSubCustomerResponse), (status = 400, body = openapi::ErrorBody)))]
#[post("/v2/customer-registrations")]
pub async fn register_customer(
    state: Data<AppState>,
    req: Json<RegisterCustomerReq>,
) -> Result<HttpResponse, ApiError> {
    let req = req.into_inner()?.0;
    let code = req.invitation_code;
    if code.chars().any(char::is_control) {
        return Err(ApiError::param(
            "invitation_code must not contain control characters",
        ));
    }
    let c = check_fields(CreateCustomerFields {
        domain_name: req.domain_name,
        mobile_phone: req.mobile_phone,
        verification_code: req.verification_code,
        xaccount_id: req.xaccount_id,
        xaccount_type: req.xaccount_type,
        password: req.password,
        is_close_market_ms: req.is_close_market_ms,
        cooperation_type: req.cooperation_type,
        indirect_partner_id: req.indirect_partner_id,
        include_association_result: req.include_association_result,
    })
    .await?;
    let now = state.now();
    // The code first: who invited decides whose verification code counts.
    let code2 = code.clone();
    let inv = state
        .write(move |conn| svc::open(conn, &code2, now))
        .await?
        .map_err(refused)?;
    let verification_id = verify_mobile(&state, &inv.partner_id, &c, now).await?;
    let r = Registration {
        domain_name: c.domain_name,
        mobile_phone: c.mobile_phone,
        verification_id,
        password_hash: c.password_hash,
        cooperation_type: c.cooperation_type,
        indirect_partner_id: c.indirect_partner_id,
        xaccount_id: c.xaccount_id,
        xaccount_type: c.xaccount_type,
    };
    match state
        .write(move |conn| svc::register(conn, &code, &r, now))
        .await?
    {
        Registered::Customer(row) => Ok(wire::json(
            StatusCode::CREATED,
            &CreateSubCustomerResponse {
                domain_id: row.domain_id,
                domain_name: row.domain_name,
            },
        )),
        Registered::Refused(reason) => Err(refused(reason)),
    }
}

fn refused(reason: FailureReason) -> ApiError {
    reason.violation().into()
}
