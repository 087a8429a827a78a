//! `PUT /v2/partners/users/me/password`: a partner user changes its password (old + new); the
//! user's other tokens are revoked, the one presenting the change keeps working.

use crate::auth::{password, Caller};
use crate::extract::Json;
use crate::service::credentials_life;
use crate::{ApiError, AppState};
use actix_web::web::Data;
use actix_web::{put, HttpResponse};
use domain::{codes, Violation};
use serde::Deserialize;
use utoipa::ToSchema;

crate::text_type!(
    /// A password as typed (checked against the stored hash or the password rules).
    PasswordText, 1..=128, "Cloud#2024pass");

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    pub old_password: PasswordText,
    /// 8–32 characters of three kinds.
    pub new_password: PasswordText,
}

/// Changes the calling user's password and revokes its other tokens.
#[utoipa::path(tag = "auth", request_body = PasswordChange, responses((status = 204, description = "changed"), (status = 400, description = "CBC.99100204: the old password is wrong", body = openapi::ErrorBody)))]
#[put("/v2/partners/users/me/password")]
pub async fn change_password(
    state: Data<AppState>,
    caller: Caller,
    body: Json<PasswordChange>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner()?.user_id.clone();
    let b = body.into_inner()?;
    let id = me.clone();
    let stored = state
        .read(move |conn| credentials_life::password_hash(conn, &id))
        .await?;
    let old = b.old_password.into_inner();
    let ok =
        actix_web::web::block(move || stored.is_some_and(|h| password::verify(&old, &h))).await?;
    if !ok {
        return Err(ApiError::Rule(Violation::new(
            codes::WRONG_PASSWORD,
            "old_password is not the current password",
        )));
    }
    let hash = password::hash_optional(Some(b.new_password.as_str()))
        .await?
        .unwrap_or_default();
    let keep = caller.token_id.clone();
    let now = state.wall_now();
    state
        .write(move |conn| {
            credentials_life::change_password(conn, &me, &hash, keep.as_deref(), now)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
