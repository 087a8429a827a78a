//! The `Caller` extractor: authenticates the request (after routing, so unknown APIs answer 404
//! first) and applies flow control per credential and API.

use super::credentials::{self, Resolved};
use super::{token, CustomerPrincipal, PartnerUser, Principal};
use crate::extract::read_body;
use crate::{ApiError, AppState};
use actix_web::dev::Payload;
use actix_web::web::Data;
use actix_web::{FromRequest, HttpRequest};
use domain::identity::Role;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct Caller {
    pub principal: Principal,
    /// Names the credential for flow control, lockout and idempotency scopes.
    pub credential: String,
    /// The access key (`ak:<AK>`) or token (`token:<id>`) used, as the audit log names it.
    pub credential_id: String,
    /// The token's id when the caller presented a token.
    pub token_id: Option<String>,
    pub domain_id: String,
}

impl Caller {
    pub fn require_operator(&self) -> Result<(), ApiError> {
        match self.principal {
            Principal::Operator => Ok(()),
            _ => Err(ApiError::Forbidden),
        }
    }

    pub fn partner(&self) -> Result<&PartnerUser, ApiError> {
        match &self.principal {
            Principal::PartnerUser(u) => Ok(u),
            _ => Err(ApiError::Forbidden),
        }
    }

    /// A partner user holding one of `roles` (admins hold them all).
    pub fn partner_with(&self, roles: &[Role]) -> Result<&PartnerUser, ApiError> {
        let u = self.partner()?;
        u.require_any(roles)?;
        Ok(u)
    }

    /// A customer, or a partner user holding one of `roles`.
    pub fn partner_or_customer(&self, roles: &[Role]) -> Result<(), ApiError> {
        match &self.principal {
            Principal::PartnerUser(u) => u.require_any(roles),
            Principal::Customer(_) => Ok(()),
            Principal::Operator => Err(ApiError::Forbidden),
        }
    }

    pub fn customer(&self) -> Result<&CustomerPrincipal, ApiError> {
        match &self.principal {
            Principal::Customer(c) => Ok(c),
            _ => Err(ApiError::Forbidden),
        }
    }

    /// The scope idempotency keys live in: one caller's keys never collide with another's.
    pub fn scope(&self) -> String {
        match &self.principal {
            Principal::Operator => "operator".to_owned(),
            Principal::PartnerUser(u) => format!("partner:{}", u.partner_id),
            Principal::Customer(c) => format!("customer:{}", c.customer_id),
        }
    }
}

impl FromRequest for Caller {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let mut payload = payload.take();
        Box::pin(async move {
            let state = req
                .app_data::<Data<AppState>>()
                .cloned()
                .ok_or_else(|| ApiError::Internal("application state missing".into()))?;
            let body = read_body(&req, &mut payload).await?;
            let caller = authenticate(&state, &req, &body).await?;
            let api = format!(
                "{} {}",
                req.method(),
                req.match_pattern().unwrap_or_else(|| req.path().to_owned())
            );
            crate::flow::admit(&state, &api, &caller.credential).await?;
            crate::extract::clean::check_path(req.match_info().iter())?;
            crate::extract::clean::check_query(req.query_string())?;
            crate::audit::note_caller(&caller, &body);
            Ok(caller)
        })
    }
}

async fn authenticate(
    state: &AppState,
    req: &HttpRequest,
    body: &[u8],
) -> Result<Caller, ApiError> {
    let header = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok());
    if header("x-auth-token").is_some() || header("authorization").is_some() {
        credentials::sync_epoch(state).await?;
    }
    if let Some(t) = header("x-auth-token") {
        return by_token(state, t).await;
    }
    match header("authorization") {
        Some(a) if a.starts_with("Bearer ") => {
            by_token(state, a.trim_start_matches("Bearer ").trim()).await
        }
        Some(a) => by_signature(state, req, a, body).await,
        None => Err(ApiError::Unauthenticated(
            "no Authorization signature or X-Auth-Token".into(),
        )),
    }
}

async fn by_token(state: &AppState, t: &str) -> Result<Caller, ApiError> {
    let invalid = || {
        ApiError::Rule(domain::Violation::new(
            domain::codes::TOKEN_INVALID,
            "The token is invalid or has expired",
        ))
    };
    let claims = token::check(state.vault.jwt_key(), t, state.wall_now()).ok_or_else(invalid)?;
    let resolved = credentials::by_token(state, &claims.jti, &claims.kind, &claims.sub)
        .await?
        .ok_or_else(invalid)?;
    not_suspended(&resolved)?;
    let mut caller = caller_from(
        &resolved,
        format!("token:{}:{}", claims.kind, claims.sub),
        format!("token:{}", claims.jti),
    );
    caller.token_id = Some(claims.jti);
    Ok(caller)
}

async fn by_signature(
    state: &AppState,
    req: &HttpRequest,
    authorization: &str,
    body: &[u8],
) -> Result<Caller, ApiError> {
    let ip = req.peer_addr().map(|a| a.ip());
    let failed = |why: &str| {
        crate::flow::address_failed(state, ip);
        ApiError::Unauthenticated(why.to_owned())
    };
    let fail = |why: &str| ApiError::Unauthenticated(why.to_owned());
    let auth = signing::parse_authorization(authorization)
        .map_err(|_| failed("verify aksk signature fail"))?;
    let now = state.wall_now();
    let ak = auth.access_key.clone();
    let before = crate::flow::before_signature(state, &ak, ip, now).await;
    if before.locked {
        return Err(fail(
            "the access key is locked after repeated signature failures",
        ));
    }
    let resolved = credentials::by_access_key(state, &ak, || before.budget_left())
        .await?
        .ok_or_else(|| failed("verify aksk signature fail"))?;
    let secret = resolved
        .secret
        .as_ref()
        .ok_or_else(|| fail("verify aksk signature fail"))?;
    if resolved.expires_at.is_some_and(|end| end <= now) {
        return Err(fail(
            "the access key was rotated and its grace period has ended",
        ));
    }
    let headers: Vec<(&str, &[u8])> = req
        .headers()
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_bytes()))
        .collect();
    // The SDK signs a body of another Content-Type as UNSIGNED-PAYLOAD: the signature holds,
    // but such a body is never read (S8: the message must be JSON).
    let unsigned_body = !body.is_empty()
        && req
            .headers()
            .get("x-sdk-content-sha256")
            .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"UNSIGNED-PAYLOAD"));
    let parts = signing::RequestParts {
        method: req.method().as_str(),
        raw_path: req.uri().path(),
        raw_query: req.query_string(),
        headers,
        body,
    };
    if let Err(e) = signing::verify(&parts, &auth, secret.expose(), now) {
        crate::flow::signature_failed(state, &ak, ip, now).await;
        let why = match e {
            signing::SignatureError::ClockSkew => {
                "the X-Sdk-Date is more than 15 minutes from the server time"
            }
            signing::SignatureError::MissingDate | signing::SignatureError::MalformedDate => {
                "X-Sdk-Date is missing or malformed"
            }
            _ => "verify aksk signature fail",
        };
        return Err(fail(why));
    }
    crate::flow::signature_ok(state, &ak, &before).await;
    if let Some(d) = req.headers().get("x-domain-id") {
        if !resolved.domain_id.is_empty() && d.as_bytes() != resolved.domain_id.as_bytes() {
            return Err(fail("X-Domain-Id does not match the access key's domain"));
        }
    }
    if unsigned_body {
        return Err(ApiError::param(
            "Content-Type must be application/json: a body sent as UNSIGNED-PAYLOAD is not read",
        ));
    }
    not_suspended(&resolved)?;
    state.key_uses.note(state, &ak, now);
    Ok(caller_from(
        &resolved,
        format!("ak:{ak}"),
        format!("ak:{ak}"),
    ))
}

/// A suspended partner's users and keys are known but refused, with a code that says why.
fn not_suspended(resolved: &Resolved) -> Result<(), ApiError> {
    if resolved.suspended {
        return Err(ApiError::Rule(domain::Violation::new(
            domain::codes::PARTNER_SUSPENDED,
            "the partner is suspended: its users and access keys may not call the API",
        )));
    }
    Ok(())
}

fn caller_from(resolved: &Arc<Resolved>, credential: String, credential_id: String) -> Caller {
    Caller {
        principal: resolved.principal.clone(),
        credential,
        credential_id,
        token_id: None,
        domain_id: resolved.domain_id.clone(),
    }
}
