//! Exactly-once money movement: with an `Idempotency-Key`, the first response is stored in the
//! same transaction as the effect and replayed for every retry with the same body.

use crate::auth::Caller;
use crate::service::Failure;
use crate::{wire, ApiError, AppState};
use actix_web::dev::Payload;
use actix_web::http::StatusCode;
use actix_web::{FromRequest, HttpRequest, HttpResponse};
use domain::{codes, Violation};
use persistence::repo::idempotency::{self, IdempotencyRow};
use persistence::{DbConnection, StoreError};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::future::{ready, Ready};
use std::str::FromStr;

pub const HEADER: &str = "idempotency-key";

/// The header as money-moving operations document it (`params(idempotency::KeyParam)`).
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Header)]
pub struct KeyParam {
    /// A retry with the same key and body returns the first answer and moves nothing again.
    #[param(
        rename = "Idempotency-Key",
        example = "5b0f7c9e-2d4a-4f7e-9a61-3c2e8d1f0a42"
    )]
    #[allow(dead_code)]
    idempotency_key: Option<String>,
}
const MAX_LEN: usize = 255;

/// The optional `Idempotency-Key` header with a fingerprint of the request it came with.
#[derive(Debug, Clone)]
pub struct IdempotencyKey {
    /// Checked when used, so authentication answers first.
    key: Result<Option<String>, String>,
    method_path: String,
}

impl FromRequest for IdempotencyKey {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let method_path = format!("{} {}", req.method(), req.path());
        let key = match req.headers().get(HEADER) {
            None => Ok(None),
            Some(v) => match v.to_str() {
                Ok(s)
                    if !s.is_empty()
                        && s.len() <= MAX_LEN
                        && s.bytes().all(|b| b.is_ascii_graphic()) =>
                {
                    Ok(Some(s.to_owned()))
                }
                _ => Err(format!(
                    "Idempotency-Key must be 1 to {MAX_LEN} printable ASCII characters"
                )),
            },
        };
        ready(Ok(IdempotencyKey { key, method_path }))
    }
}

enum Outcome {
    /// Executed now: the answer's status and body, stored with the key.
    Fresh(StatusCode, String),
    Replayed(IdempotencyRow),
}

/// The request as the key remembers it: method and path, and the body by its meaning, so
/// the same JSON re-serialised (other key order, spacing, `10.5` for `10.50`) is a replay.
fn fingerprint(method_path: &str, body: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(method_path.as_bytes());
    h.update(b"\n");
    match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(mut v) => {
            canonical_numbers(&mut v);
            // Objects are ordered maps here: the text lists keys sorted.
            h.update(v.to_string().as_bytes());
        }
        Err(_) => h.update(body),
    }
    hex::encode(h.finalize())
}

fn canonical_numbers(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Number(n) => {
            let text = n.to_string();
            let exact = rust_decimal::Decimal::from_str_exact(&text)
                .or_else(|_| rust_decimal::Decimal::from_scientific(&text));
            if let Ok(d) = exact {
                if let Ok(m) = serde_json::Number::from_str(&d.normalize().to_string()) {
                    *n = m;
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(canonical_numbers),
        serde_json::Value::Object(map) => map.values_mut().for_each(canonical_numbers),
        _ => {}
    }
}

/// Runs `effect` in one write transaction, at most once per caller and key.
pub async fn once<T, F>(
    state: &AppState,
    caller: &Caller,
    key: &IdempotencyKey,
    req: &HttpRequest,
    status: StatusCode,
    effect: F,
) -> Result<HttpResponse, ApiError>
where
    T: Serialize + Send + 'static,
    F: Fn(&mut DbConnection) -> Result<T, Failure> + Send + 'static,
{
    let Some(k) = key.key.clone().map_err(ApiError::param)? else {
        let value = state.write(effect).await?;
        return Ok(respond(status, &value));
    };
    let body = crate::extract::body::body_of(req).await;
    let hash = fingerprint(&key.method_path, &body);
    let scope = caller.scope();
    let now = state.wall_now();
    let expired_before = now - state.config.idempotency_ttl_secs;
    let (s, kk, hh) = (scope.clone(), k.clone(), hash.clone());
    // The event is appended only when the effect succeeded: a stored refusal changed nothing.
    let event = crate::audit::pending(now);
    let ev = event.clone();
    let result = state
        .write_unaudited(move |conn| {
            if let Some(row) = idempotency::find(conn, &s, &kk)? {
                if row.created_at >= expired_before {
                    return Ok(Outcome::Replayed(row));
                }
                idempotency::purge_one(conn, &s, &kk)?;
            }
            // A concurrent request with the same key claimed it first: PostgreSQL made this
            // insert wait for its commit; starting over finds its stored answer to replay.
            idempotency::claim(
                conn,
                &IdempotencyRow {
                    scope: s.clone(),
                    idem_key: kk.clone(),
                    request_hash: hh.clone(),
                    response_status: 0,
                    response_body: String::new(),
                    created_at: now,
                },
            )
            .map_err(StoreError::retry_on_duplicate)?;
            // Once it runs, its outcome is the key's, a business refusal too (Stripe's rule):
            // the effect runs in a savepoint, so a refusal undoes its writes but not the
            // claim, and the refusal is stored to be replayed.
            let run = |c: &mut DbConnection| match &ev {
                Some(e) => e.around(c, &effect),
                None => effect(c),
            };
            let (st, text) = match persistence::savepoint(conn, run) {
                Ok(value) => (
                    status,
                    serde_json::to_string(&value)
                        .map_err(|e| StoreError::Internal(e.to_string()))?,
                ),
                Err(f @ (Failure::Refused(_) | Failure::RefusedAll(_))) => {
                    let e = ApiError::from(f);
                    (e.status(), e.body().to_string())
                }
                Err(other) => return Err(other),
            };
            idempotency::complete(conn, &s, &kk, i32::from(st.as_u16()), &text)?;
            Ok(Outcome::Fresh(st, text))
        })
        .await;
    let outcome = result?;
    match outcome {
        Outcome::Fresh(st, text) => {
            if let Some(e) = event.filter(|_| st.is_success()) {
                e.done();
            }
            Ok(raw(st, text))
        }
        Outcome::Replayed(row) if row.request_hash != hash => Err(ApiError::Rule(Violation::new(
            codes::IDEMPOTENCY_CONFLICT,
            "Idempotency-Key was already used with a different request",
        ))),
        Outcome::Replayed(row) if row.response_status == 0 => Err(in_progress()),
        Outcome::Replayed(row) => {
            crate::audit::note_replay();
            crate::metrics::IDEMPOTENCY_REPLAYS.inc();
            let st = u16::try_from(row.response_status)
                .ok()
                .and_then(|s| StatusCode::from_u16(s).ok())
                .unwrap_or(StatusCode::OK);
            Ok(raw(st, row.response_body))
        }
    }
}

fn in_progress() -> ApiError {
    ApiError::Rule(Violation::new(
        codes::IDEMPOTENCY_CONFLICT,
        "a request with this Idempotency-Key is still in progress",
    ))
}

fn respond<T: Serialize>(status: StatusCode, value: &T) -> HttpResponse {
    if status == StatusCode::NO_CONTENT {
        return HttpResponse::NoContent().finish();
    }
    wire::json(status, value)
}

fn raw(status: StatusCode, text: String) -> HttpResponse {
    if status == StatusCode::NO_CONTENT {
        return HttpResponse::NoContent().finish();
    }
    HttpResponse::build(status)
        .content_type(wire::JSON_UTF8)
        .body(text)
}
