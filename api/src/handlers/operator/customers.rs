//! `POST /v2/operator/customers` and their access keys.

use super::path_id;
use super::users::AccessKey;
use crate::auth::{password, Caller};
use crate::extract::LegacyJson as Json;
use crate::handlers::channel::identity_fields;
use crate::service::{access_keys, customers, not_found};
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{post, HttpResponse};
use domain::identity::{CountryCode, DomainName};
use persistence::repo::{credentials, customers as repo};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

#[derive(Deserialize, Validate, ToSchema)]
pub struct CreateCustomerRequest {
    /// 5–32 characters `^[a-zA-Z_-][a-zA-Z0-9_-]*$`, not starting with `op_`/`shadow_`.
    #[schema(schema_with = identity_fields::domain_name)]
    domain_name: String,
    #[schema(schema_with = identity_fields::country_code)]
    country_code: String,
    #[schema(example = false)]
    has_credit_account: Option<bool>,
    #[schema(example = false)]
    is_partner: Option<bool>,
    #[schema(example = false)]
    special_contract: Option<bool>,
    #[validate(email, length(max = 256))]
    #[schema(schema_with = identity_fields::optional_email)]
    email: Option<String>,
    #[schema(min_length = 8, max_length = 32, example = "Cloud#2024pass")]
    password: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct CreatedCustomer {
    customer_id: String,
    domain_id: String,
}

/// Creates an independent customer, not yet associated with a partner.
#[utoipa::path(tag = "operator", request_body = CreateCustomerRequest, responses((status = 201, body = CreatedCustomer)))]
#[post("/v2/operator/customers")]
pub async fn create_customer(
    state: Data<AppState>,
    caller: Caller,
    req: Json<CreateCustomerRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let req = req.into_inner()?;
    let domain_name = DomainName::parse(&req.domain_name)?;
    let country_code = CountryCode::parse(&req.country_code)?;
    let password_hash = password::hash_optional(req.password.as_deref()).await?;
    let new = customers::NewCustomer {
        domain_name,
        country_code,
        has_credit_account: req.has_credit_account.unwrap_or(false),
        is_partner: req.is_partner.unwrap_or(false),
        special_contract: req.special_contract.unwrap_or(false),
        email: req.email,
        password_hash,
    };
    let now = state.now();
    let row = state
        .write(move |conn| customers::create(conn, &new, now))
        .await?;
    Ok(wire::json(
        StatusCode::CREATED,
        &CreatedCustomer {
            customer_id: row.id,
            domain_id: row.domain_id,
        },
    ))
}

/// Issues an access key for a customer.
#[utoipa::path(tag = "operator", params(("customer_id" = String, Path, example = "0a1b2c3d4e5f60718293a4b5c6d7e8f9")), responses((status = 201, body = AccessKey), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/operator/customers/{customer_id}/access-keys")]
pub async fn create_customer_access_key(
    state: Data<AppState>,
    caller: Caller,
    customer_id: Path<String>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let id = path_id(&customer_id)?.to_owned();
    let vault = state.vault.clone();
    let now = state.now();
    let issued = state
        .write(move |conn| {
            let c = repo::find(conn, &id)?.ok_or_else(|| not_found("customer"))?;
            access_keys::issue(
                conn,
                &vault,
                credentials::CUSTOMER,
                &c.id,
                &c.domain_id,
                now,
            )
        })
        .await?;
    Ok(wire::json(StatusCode::CREATED, &AccessKey::from(issued)))
}
