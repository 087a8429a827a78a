//! `POST /v2/partners/sub-customers/users/check-identity` — CheckUserIdentity (real operation).

use crate::auth::Caller;
use crate::extract::Json;
use crate::service::channel::sub_customers;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{post, HttpResponse};
use domain::identity::Role;
use domain::sub_customer::IdentitySearch;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

#[derive(Deserialize, Validate, ToSchema)]
pub struct CheckSubcustomerUserReq {
    /// `email`, `mobile` or `name` (login name).
    #[schema(example = "name")]
    search_type: String,
    /// ≤ 64 characters. Mobile as `0086-13800000000` (86 only); a complete e-mail address; or a
    /// login name `^[a-zA-Z-][a-zA-Z0-9_-]{4,31}$`.
    search_value: String,
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
    let req = req.into_inner()?;
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
