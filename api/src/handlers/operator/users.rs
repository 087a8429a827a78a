//! `POST /v2/operator/partners/{partner_id}/users` and their access keys.

use super::path_id;
use crate::auth::{password, Caller};
use crate::extract::LegacyJson as Json;
use crate::handlers::channel::identity_fields;
use crate::service::{access_keys, not_found, users};
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{post, HttpResponse};
use domain::identity::Roles;
use persistence::repo::{credentials, partners, users as repo};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

#[derive(Deserialize, Validate, ToSchema)]
pub struct CreateUserRequest {
    /// Unique across partner users and customers (it is the login name).
    /// Letters, digits and `_ - . @`.
    #[validate(length(min = 1, max = 64))]
    #[schema(schema_with = user_name)]
    user_name: String,
    #[validate(length(max = 128))]
    #[schema(max_length = 128, example = "Li Lei")]
    display_name: Option<String>,
    /// Any of `admin`, `account_manager`, `account_manager_supervisor`, `project_specialist`, `finance`.
    #[validate(length(min = 1, max = 5))]
    #[schema(schema_with = identity_fields::roles)]
    roles: Vec<String>,
    /// An `account_manager_supervisor` of the same partner.
    #[validate(length(max = 64))]
    #[schema(max_length = 64, example = "9a8b7c6d5e4f30211203f4e5d6c7b8a9")]
    supervisor_user_id: Option<String>,
    /// Enables `POST /v2/auth/tokens`; 8–32 characters of three kinds.
    #[schema(min_length = 8, max_length = 32, example = "Cloud#2024pass")]
    password: Option<String>,
}

/// What `create_user` accepts as a user name: 1–64 letters, digits and `_ - . @`.
fn user_name() -> utoipa::openapi::schema::Object {
    utoipa::openapi::schema::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .pattern(Some(r"^[a-zA-Z0-9_.@-]{1,64}$"))
        .examples([serde_json::json!("li.lei@acme")])
        .build()
}

#[derive(Serialize, ToSchema)]
pub struct CreatedUser {
    user_id: String,
}

/// Creates a user of a partner.
#[utoipa::path(tag = "operator", params(("partner_id" = String, Path, example = "7c6b5a4938271605f4e3d2c1b0a99887")), request_body = CreateUserRequest, responses((status = 201, body = CreatedUser), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/operator/partners/{partner_id}/users")]
pub async fn create_user(
    state: Data<AppState>,
    caller: Caller,
    partner_id: Path<String>,
    req: Json<CreateUserRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let req = req.into_inner()?;
    let partner_id = path_id(&partner_id)?.to_owned();
    domain::text::required("user_name", &req.user_name, 64)?;
    if !req
        .user_name
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"_-.@".contains(&b))
    {
        return Err(ApiError::param(
            "user_name may hold only letters, digits and _ - . @",
        ));
    }
    let roles = Roles::parse(req.roles.iter().map(String::as_str))?;
    let password_hash = password::hash_optional(req.password.as_deref()).await?;
    let new = users::NewUser {
        user_name: req.user_name,
        display_name: req.display_name,
        roles,
        supervisor_user_id: req.supervisor_user_id,
        password_hash,
    };
    let now = state.now();
    let row = state
        .write(move |conn| users::create(conn, &partner_id, &new, now))
        .await?;
    Ok(wire::json(
        StatusCode::CREATED,
        &CreatedUser { user_id: row.id },
    ))
}

#[derive(Serialize, ToSchema)]
pub struct AccessKey {
    access_key: String,
    /// Shown once; stored encrypted.
    secret_key: String,
    domain_id: String,
}

impl From<access_keys::Issued> for AccessKey {
    fn from(i: access_keys::Issued) -> Self {
        AccessKey {
            access_key: i.access_key,
            secret_key: i.secret_key,
            domain_id: i.domain_id,
        }
    }
}

/// Issues an access key for a partner user.
#[utoipa::path(tag = "operator", params(("partner_id" = String, Path, example = "7c6b5a4938271605f4e3d2c1b0a99887"), ("user_id" = String, Path, example = "9a8b7c6d5e4f30211203f4e5d6c7b8a9")), responses((status = 201, body = AccessKey), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/operator/partners/{partner_id}/users/{user_id}/access-keys")]
pub async fn create_user_access_key(
    state: Data<AppState>,
    caller: Caller,
    ids: Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let (partner_id, user_id) = ids.into_inner();
    path_id(&partner_id)?;
    path_id(&user_id)?;
    let vault = state.vault.clone();
    let now = state.now();
    let issued = state
        .write(move |conn| {
            let partner = partners::find(conn, &partner_id)?.ok_or_else(|| not_found("partner"))?;
            let user = repo::find(conn, &user_id)?
                .filter(|u| u.partner_id == partner.id)
                .ok_or_else(|| not_found("user"))?;
            access_keys::issue(
                conn,
                &vault,
                credentials::PARTNER_USER,
                &user.id,
                &partner.domain_id,
                now,
            )
        })
        .await?;
    Ok(wire::json(StatusCode::CREATED, &AccessKey::from(issued)))
}
