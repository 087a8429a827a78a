//! `POST /v2/auth/tokens/revoke`: logout. The presented token is refused from the next request
//! on, on every replica.

use crate::auth::Caller;
use crate::service::credentials_life;
use crate::{ApiError, AppState};
use actix_web::web::Data;
use actix_web::{post, HttpResponse};
use domain::{codes, Violation};

/// Revokes the token this request presents (`X-Auth-Token`).
#[utoipa::path(tag = "auth", responses((status = 204, description = "revoked"), (status = 400, description = "CBC.99100205: the request was signed with an access key, not a token", body = openapi::ErrorBody)))]
#[post("/v2/auth/tokens/revoke")]
pub async fn revoke_token(state: Data<AppState>, caller: Caller) -> Result<HttpResponse, ApiError> {
    let Some(jti) = caller.token_id.clone() else {
        return Err(ApiError::Rule(Violation::new(
            codes::NO_TOKEN,
            "only a token can be revoked here: present it as X-Auth-Token",
        )));
    };
    let now = state.wall_now();
    state
        .write(move |conn| credentials_life::revoke_token(conn, &jti, now))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
