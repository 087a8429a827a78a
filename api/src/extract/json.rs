//! `Json<T>`: a JSON object body, `Content-Type: application/json`, field errors by name.
//! Extraction itself never fails: the handler asks for the value after checking the caller, so
//! an unauthenticated or forbidden request is told so before its body is judged.

use super::{read_body, typed_error, validation_message};
use crate::ApiError;
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use serde::de::DeserializeOwned;
use std::future::Future;
use std::pin::Pin;

/// A body of wire types, which check themselves as they are read.
pub struct Json<T>(Result<T, ApiError>);

/// A body whose rules are `validator` attributes (handlers not yet on the wire contract).
pub struct LegacyJson<T>(Result<T, ApiError>);

impl<T> Json<T> {
    pub fn into_inner(self) -> Result<T, ApiError> {
        self.0
    }
}

impl<T> LegacyJson<T> {
    pub fn into_inner(self) -> Result<T, ApiError> {
        self.0
    }
}

type Parsed<T> = Pin<Box<dyn Future<Output = Result<T, ApiError>>>>;

fn extract<T: 'static, W: 'static>(
    req: &HttpRequest,
    payload: &mut Payload,
    parse: fn(&[u8]) -> Result<T, ApiError>,
    wrap: fn(Result<T, ApiError>) -> W,
) -> Parsed<W> {
    let req = req.clone();
    let mut payload = payload.take();
    Box::pin(async move {
        let parsed = async {
            let bytes = read_body(&req, &mut payload).await?;
            check_content_type(&req)?;
            parse(&bytes)
        };
        Ok(wrap(parsed.await))
    })
}

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = ApiError;
    type Future = Parsed<Self>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        extract(req, payload, parse_typed, Json)
    }
}

impl<T: DeserializeOwned + validator::Validate + 'static> FromRequest for LegacyJson<T> {
    type Error = ApiError;
    type Future = Parsed<Self>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        extract(req, payload, parse, LegacyJson)
    }
}

fn check_content_type(req: &HttpRequest) -> Result<(), ApiError> {
    let ct = req
        .headers()
        .get(actix_web::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let mime = ct.split(';').next().unwrap_or("").trim();
    if mime.eq_ignore_ascii_case("application/json") {
        Ok(())
    } else {
        Err(ApiError::param(
            "Content-Type must be application/json and the body a JSON object",
        ))
    }
}

pub(crate) fn parse<T: DeserializeOwned + validator::Validate>(
    bytes: &[u8],
) -> Result<T, ApiError> {
    let value: T = parse_typed(bytes)?;
    value
        .validate()
        .map_err(|e| ApiError::param(validation_message(&e)))?;
    Ok(value)
}

pub(crate) fn parse_typed<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::param(
            "request body is empty; send a JSON object ({} if every parameter is optional)",
        ));
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|_| ApiError::param("request body is not valid UTF-8"))?;
    if text.contains('\u{0}') {
        return Err(ApiError::param(
            "request body must not contain NUL characters",
        ));
    }
    let first = text.trim_start().as_bytes().first().copied();
    if first != Some(b'{') {
        return Err(ApiError::param("request body must be a JSON object"));
    }
    // Parsed once untyped to find NUL inside strings (escaped as `\u0000`) wherever they are
    // and to read whole numbers as integers; syntax errors are left to the typed parse of the
    // text, which names where they are.
    super::strict::check_duplicate_keys(text)?;
    let value: T = match serde_json::from_str::<serde_json::Value>(text) {
        Ok(mut untyped) => {
            super::clean::check_json(&untyped)?;
            super::integral::normalize(&mut untyped);
            super::strict::typed(untyped)?
        }
        Err(_) => {
            let mut de = serde_json::Deserializer::from_str(text);
            let value = serde_path_to_error::deserialize(&mut de).map_err(typed_error)?;
            de.end().map_err(|_| {
                ApiError::param("request body has trailing characters after the JSON object")
            })?;
            value
        }
    };
    Ok(value)
}
