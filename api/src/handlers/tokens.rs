//! `POST /v2/auth/tokens`: a JWT for a partner user or customer with a password.

use crate::auth::token;
use crate::extract::LegacyJson as Json;
use crate::service::login;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{post, HttpResponse};
use domain::{codes, Violation};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

#[derive(Deserialize, Validate, ToSchema)]
pub struct TokenRequest {
    #[validate(length(min = 1, max = 64))]
    #[schema(min_length = 1, max_length = 64, example = "li.lei@acme")]
    user_name: String,
    #[validate(length(min = 1, max = 128))]
    #[schema(min_length = 1, max_length = 128, example = "Cloud#2024pass")]
    password: String,
}

#[derive(Serialize, ToSchema)]
pub struct TokenResponse {
    /// Send as `X-Auth-Token`.
    token: String,
    /// UTC, `yyyy-MM-ddTHH:mm:ssZ`.
    expires_at: String,
}

/// Exchanges a user name and password for a token valid 24 hours.
#[utoipa::path(
    tag = "auth",
    request_body = TokenRequest,
    responses((status = 200, body = TokenResponse), (status = 401, description = "CBC.0154: wrong name or password", body = openapi::ErrorBody))
)]
#[post("/v2/auth/tokens")]
pub async fn create_token(
    state: Data<AppState>,
    req: Json<TokenRequest>,
) -> Result<HttpResponse, ApiError> {
    let req = req.into_inner()?;
    let name = req.user_name.clone();
    let found = state.read(move |conn| login::find(conn, &name)).await?;
    let pw = req.password.clone();
    let ok = actix_web::web::block(move || {
        let ok = login::check(found.as_ref(), &pw);
        ok.then_some(found).flatten()
    })
    .await?;
    let Some((_, kind, id)) = ok else {
        return Err(ApiError::Rule(Violation::new(
            codes::TOKEN_INVALID,
            "the user name or password is incorrect",
        )));
    };
    let now = state.wall_now();
    let ttl = state.config.token_ttl_secs;
    let (t, jti) =
        token::issue(state.vault.jwt_key(), kind, &id, now, ttl).map_err(ApiError::Internal)?;
    crate::service::credentials_life::record_token(&state, jti, kind, id, now, ttl).await?;
    Ok(wire::json(
        StatusCode::OK,
        &TokenResponse {
            token: t,
            expires_at: wire::utc(now + ttl),
        },
    ))
}
