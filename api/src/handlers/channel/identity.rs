//! `POST /v2/partners/sub-customers/users/check-identity` — CheckUserIdentity (real operation).

use crate::auth::Caller;
use crate::extract::LegacyJson as Json;
use crate::service::channel::sub_customers;
use crate::wire::rules as fields;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{post, HttpResponse};
use domain::identity::Role;
use domain::sub_customer::IdentitySearch;
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::{ObjectBuilder, OneOfBuilder, Type};
use utoipa::openapi::{RefOr, Schema};
use utoipa::ToSchema;
use validator::Validate;

#[derive(Deserialize, Validate, ToSchema)]
pub struct CheckIdentityFields {
    /// `email`, `mobile` or `name` (login name).
    #[schema(example = "name")]
    search_type: String,
    /// ≤ 64 characters. Mobile as `0086-13800000000` (86 only); a complete e-mail address; or a
    /// login name `^[a-zA-Z-][a-zA-Z0-9_-]{4,31}$`.
    #[schema(example = "acme-cloud")]
    search_value: String,
}

/// What `IdentitySearch::parse` accepts for each `search_type`.
const SEARCHES: [(&str, &str); 3] = [
    // Whitespace spelled out as Rust's `char::is_whitespace` has it: a pattern's `\s` (ECMA)
    // leaves out U+0085 and takes in U+FEFF.
    (
        "email",
        r"^[^@\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+@[^@\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*\.[^@\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$",
    ),
    ("mobile", r"^0086-1[0-9]{10}$"),
    (
        "name",
        r"^(?![oO][pP]_|[sS][hH][aA][dD][oO][wW]_)[a-zA-Z-][a-zA-Z0-9_-]{4,31}$",
    ),
];

/// The request: `search_value` has the form its `search_type` names.
#[derive(Deserialize)]
#[serde(transparent)]
pub struct CheckSubcustomerUserReq(CheckIdentityFields);

impl Validate for CheckSubcustomerUserReq {
    fn validate(&self) -> Result<(), validator::ValidationErrors> {
        self.0.validate()
    }
}

impl utoipa::PartialSchema for CheckSubcustomerUserReq {
    fn schema() -> RefOr<Schema> {
        let mut one = OneOfBuilder::new();
        for (kind, pattern) in SEARCHES {
            one = one.item(
                ObjectBuilder::new()
                    .property("search_type", crate::schemas::strings([kind]))
                    .property(
                        "search_value",
                        ObjectBuilder::new()
                            .schema_type(Type::String)
                            .min_length(Some(1))
                            .max_length(Some(64))
                            .pattern(Some(pattern)),
                    )
                    .required("search_type")
                    .required("search_value"),
            );
        }
        fields::with_rules(CheckIdentityFields::schema(), [Schema::OneOf(one.build())])
    }
}

impl ToSchema for CheckSubcustomerUserReq {
    fn schemas(out: &mut Vec<(String, RefOr<Schema>)>) {
        CheckIdentityFields::schemas(out);
    }
}

#[derive(Serialize, ToSchema)]
pub struct CheckUserIdentityResponse {
    /// `available` (may register) or `used_by_user`.
    check_result: &'static str,
    /// For `mobile` only: how many more customers this number may register.
    #[serde(skip_serializing_if = "Option::is_none")]
    mobile_remain_available_num: Option<i64>,
}

/// Tells whether a login name, e-mail or mobile number can still register a customer.
#[utoipa::path(tag = "customers", request_body = CheckSubcustomerUserReq, responses((status = 200, body = CheckUserIdentityResponse)))]
#[post("/v2/partners/sub-customers/users/check-identity")]
pub async fn check_user_identity(
    state: Data<AppState>,
    caller: Caller,
    req: Json<CheckSubcustomerUserReq>,
) -> Result<HttpResponse, ApiError> {
    caller.partner_with(&Role::ALL)?;
    let req = req.into_inner()?.0;
    let search = IdentitySearch::parse(&req.search_type, &req.search_value)?;
    let r = state
        .read(move |c| sub_customers::check_identity(c, &search))
        .await?;
    Ok(wire::json(
        StatusCode::OK,
        &CheckUserIdentityResponse {
            check_result: if r.available {
                "available"
            } else {
                "used_by_user"
            },
            mobile_remain_available_num: r.mobile_remaining,
        },
    ))
}
