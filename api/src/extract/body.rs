//! Reads the raw body once per request, with the size limit. The signature check and the JSON
//! parser await the same read, whichever of them starts it.

use crate::{ApiError, AppState};
use actix_web::dev::Payload;
use actix_web::web::{Bytes, BytesMut, Data};
use actix_web::{HttpMessage, HttpRequest};
use futures_util::future::{FutureExt, LocalBoxFuture, Shared};
use futures_util::StreamExt;

#[derive(Debug, Clone, Copy)]
enum BodyError {
    TooLarge(usize),
    Unreadable,
}

type SharedBody = Shared<LocalBoxFuture<'static, Result<Bytes, BodyError>>>;

#[derive(Clone)]
struct PendingBody(SharedBody);

/// The request body; the first caller starts reading it, later callers share the result.
pub async fn read_body(req: &HttpRequest, payload: &mut Payload) -> Result<Bytes, ApiError> {
    let pending = {
        let existing = req.extensions().get::<PendingBody>().cloned();
        match existing {
            Some(p) => p.0,
            None => {
                let max = req
                    .app_data::<Data<AppState>>()
                    .map_or(1024 * 1024, |s| s.config.max_body_bytes);
                let declared = req
                    .headers()
                    .get(actix_web::http::header::CONTENT_LENGTH)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.parse::<usize>().ok());
                let fut = read(payload.take(), max, declared).boxed_local().shared();
                req.extensions_mut().insert(PendingBody(fut.clone()));
                fut
            }
        }
    };
    pending.await.map_err(|e| match e {
        BodyError::TooLarge(max) => ApiError::PayloadTooLarge(max),
        BodyError::Unreadable => ApiError::param("request body could not be read"),
    })
}

/// The body already read for this request, if any (for idempotency fingerprints).
pub async fn body_of(req: &HttpRequest) -> Bytes {
    let pending = req.extensions().get::<PendingBody>().cloned();
    match pending {
        Some(p) => p.0.await.unwrap_or_default(),
        None => Bytes::new(),
    }
}

async fn read(
    mut payload: Payload,
    max: usize,
    declared: Option<usize>,
) -> Result<Bytes, BodyError> {
    if declared.is_some_and(|n| n > max) {
        return Err(BodyError::TooLarge(max));
    }
    let mut buf = BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|_| BodyError::Unreadable)?;
        if buf.len() + chunk.len() > max {
            return Err(BodyError::TooLarge(max));
        }
        buf.extend_from_slice(&chunk);
    }
    Ok(buf.freeze())
}
