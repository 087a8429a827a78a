//! The one error type of the API. Each variant has its HTTP status and code; bodies are
//! `{"error_code", "error_msg"}` (plus `request_id` for gateway errors) and never carry internals.

use crate::request_id;
use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use domain::{codes, Violation};
use persistence::StoreError;
use std::fmt;

#[derive(Debug)]
pub enum ApiError {
    /// A rule or parameter check refused the request.
    Rule(Violation),
    /// An application refused by eligibility rules: every failing rule, in rule order (never
    /// empty). The first sets `error_code`; all are listed in `error_details`.
    Rules(Vec<Violation>),
    /// Signature, token or credential failure.
    Unauthenticated(String),
    /// Wrong identity type or missing role.
    Forbidden,
    RouteNotFound,
    MethodNotAllowed(Vec<String>),
    PayloadTooLarge(usize),
    /// Path and query longer than the limit (bytes).
    UriTooLong(usize),
    /// Request headers larger than the limit (bytes).
    HeadersTooLarge(usize),
    TooManyRequests {
        retry_after_secs: u64,
    },
    /// The database stayed busy; the client may retry.
    Busy,
    /// Logged in full here, opaque to the client.
    Internal(String),
}

impl ApiError {
    pub fn param(message: impl Into<String>) -> Self {
        ApiError::Rule(Violation::param(message))
    }

    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::Rule(v) => rule_status(v.code),
            ApiError::Rules(all) => all
                .first()
                .map_or(StatusCode::BAD_REQUEST, |v| rule_status(v.code)),
            ApiError::Unauthenticated(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden => StatusCode::FORBIDDEN,
            ApiError::RouteNotFound => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UriTooLong(_) => StatusCode::URI_TOO_LONG,
            ApiError::HeadersTooLarge(_) => StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Busy => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            ApiError::Rule(v) => v.code,
            ApiError::Rules(all) => all.first().map_or(codes::PARAM_INVALID, |v| v.code),
            ApiError::Unauthenticated(_) => codes::APIGW_AUTH,
            ApiError::Forbidden => codes::ACCESS_DENIED,
            ApiError::RouteNotFound => codes::APIGW_NOT_FOUND,
            ApiError::MethodNotAllowed(_) => codes::APIGW_METHOD,
            ApiError::PayloadTooLarge(_) => codes::APIGW_TOO_LARGE,
            ApiError::UriTooLong(_) | ApiError::HeadersTooLarge(_) => codes::PARAM_INVALID,
            ApiError::TooManyRequests { .. } => codes::FLOW_CONTROL,
            ApiError::Busy => codes::SYSTEM_BUSY,
            ApiError::Internal(_) => codes::INTERNAL,
        }
    }

    pub fn message(&self) -> String {
        match self {
            ApiError::Rule(v) => v.message.clone(),
            ApiError::Rules(all) => match all.as_slice() {
                [one] => one.message.clone(),
                _ => domain::text::clip(
                    &format!(
                        "{} rules are not met: {}",
                        all.len(),
                        all.iter()
                            .map(|v| v.message.as_str())
                            .collect::<Vec<_>>()
                            .join("; ")
                    ),
                    1000,
                ),
            },
            ApiError::Unauthenticated(why) => {
                format!("Incorrect IAM authentication information: {why}")
            }
            ApiError::Forbidden => "Access denied: this identity may not call this API".to_owned(),
            ApiError::RouteNotFound => {
                "API not exist or not published in the environment".to_owned()
            }
            ApiError::MethodNotAllowed(_) => "Method not allowed on this API".to_owned(),
            ApiError::PayloadTooLarge(max) => {
                format!("Request body is larger than {max} bytes")
            }
            ApiError::UriTooLong(max) => {
                format!("Request path and query are longer than {max} bytes")
            }
            ApiError::HeadersTooLarge(max) => {
                format!("Request headers are larger than {max} bytes")
            }
            ApiError::TooManyRequests { .. } => {
                "Message flow control: too many requests, retry later".to_owned()
            }
            ApiError::Busy => "System busy, please retry".to_owned(),
            ApiError::Internal(_) => "Internal error".to_owned(),
        }
    }

    /// The error body: `error_code`, `error_msg`, and `request_id` (gateway errors) or
    /// `error_details` (every failing rule) where they apply.
    pub fn body(&self) -> serde_json::Value {
        let mut body = serde_json::json!({
            "error_code": self.code(),
            "error_msg": self.message(),
        });
        if self.is_gateway() {
            body["request_id"] = serde_json::Value::String(request_id::current());
        }
        if let ApiError::Rules(all) = self {
            body["error_details"] = all
                .iter()
                .map(|v| serde_json::json!({"error_code": v.code, "error_msg": v.message}))
                .collect();
        }
        body
    }

    fn is_gateway(&self) -> bool {
        self.code().starts_with("APIGW.")
    }
}

/// Business rules answer 400 unless the code says otherwise.
fn rule_status(code: &str) -> StatusCode {
    match code {
        codes::ACCESS_DENIED | codes::ILLEGAL_OPERATION | codes::PARTNER_SUSPENDED => {
            StatusCode::FORBIDDEN
        }
        codes::NOT_FOUND => StatusCode::NOT_FOUND,
        codes::IDEMPOTENCY_CONFLICT | codes::CALL_OUTCOME_CONFLICT => StatusCode::CONFLICT,
        codes::TOKEN_INVALID => StatusCode::UNAUTHORIZED,
        _ => StatusCode::BAD_REQUEST,
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.code(), self.message())
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.status()
    }

    fn error_response(&self) -> HttpResponse {
        if let ApiError::Internal(detail) = self {
            tracing::error!(error = %detail, "internal error");
        }
        let body = self.body();
        let mut resp = HttpResponse::build(self.status());
        resp.insert_header((header::CONTENT_TYPE, crate::wire::JSON_UTF8));
        match self {
            ApiError::TooManyRequests { retry_after_secs } => {
                resp.insert_header((header::RETRY_AFTER, retry_after_secs.to_string()));
            }
            ApiError::Busy => {
                resp.insert_header((header::RETRY_AFTER, "1"));
            }
            ApiError::MethodNotAllowed(allowed) => {
                resp.insert_header((header::ALLOW, allowed.join(", ")));
            }
            _ => {}
        }
        resp.body(body.to_string())
    }
}

impl From<Violation> for ApiError {
    fn from(v: Violation) -> Self {
        ApiError::Rule(v)
    }
}

impl From<crate::service::Failure> for ApiError {
    fn from(f: crate::service::Failure) -> Self {
        use crate::service::Failure;
        match f {
            Failure::Refused(v) => ApiError::Rule(v),
            Failure::RefusedAll(all) => ApiError::Rules(all),
            Failure::Store(e) => e.into(),
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => ApiError::Rule(Violation::new(
                codes::NOT_FOUND,
                "the requested object does not exist",
            )),
            StoreError::Duplicate(_) => ApiError::Rule(Violation::new(
                codes::NAME_TAKEN,
                "an object with the same unique value already exists",
            )),
            StoreError::Retryable | StoreError::Busy | StoreError::Unavailable => ApiError::Busy,
            StoreError::Internal(detail) => ApiError::Internal(detail),
        }
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(_: actix_web::error::BlockingError) -> Self {
        ApiError::Busy
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_variant_has_a_pinned_status_and_code() {
        let cases: Vec<(ApiError, u16, &str)> = vec![
            (ApiError::param("x"), 400, "CBC.0100"),
            (
                ApiError::Rule(Violation::new(codes::INSUFFICIENT_BALANCE, "x")),
                400,
                "CBC.99005003",
            ),
            (
                ApiError::Rule(Violation::new(codes::NOT_FOUND, "x")),
                404,
                "CBC.99100002",
            ),
            (
                ApiError::Rule(Violation::new(codes::IDEMPOTENCY_CONFLICT, "x")),
                409,
                "CBC.0260",
            ),
            (
                ApiError::Rules(vec![
                    Violation::new(codes::FH_STAGE_NOT_REACHED, "x"),
                    Violation::new(codes::FH_NOT_SPECIALIST, "y"),
                ]),
                400,
                "CBC.99100021",
            ),
            (ApiError::Unauthenticated("x".into()), 401, "APIGW.0301"),
            (ApiError::Forbidden, 403, "CBC.0151"),
            (ApiError::RouteNotFound, 404, "APIGW.0101"),
            (ApiError::MethodNotAllowed(vec![]), 405, "APIGW.0102"),
            (ApiError::PayloadTooLarge(1), 413, "APIGW.0201"),
            (ApiError::UriTooLong(1), 414, "CBC.0100"),
            (ApiError::HeadersTooLarge(1), 431, "CBC.0100"),
            (
                ApiError::TooManyRequests {
                    retry_after_secs: 1,
                },
                429,
                "CBC.0250",
            ),
            (ApiError::Busy, 503, "CBC.0251"),
            (ApiError::Internal("secret detail".into()), 500, "CBC.0999"),
        ];
        for (err, status, code) in cases {
            assert_eq!(err.status().as_u16(), status, "{err:?}");
            assert_eq!(err.code(), code, "{err:?}");
        }
    }

    #[test]
    fn every_failing_rule_is_listed() {
        let e = ApiError::Rules(vec![
            Violation::new(codes::FH_STAGE_NOT_REACHED, "reach the stage"),
            Violation::new(codes::FH_NOT_SPECIALIST, "name specialists"),
        ]);
        assert_eq!(
            e.message(),
            "2 rules are not met: reach the stage; name specialists"
        );
        let body = actix_web::body::to_bytes(e.error_response().into_body());
        let bytes = futures_util::FutureExt::now_or_never(body)
            .and_then(Result::ok)
            .unwrap_or_default();
        let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_default();
        assert_eq!(v["error_details"][1]["error_code"], "CBC.99100022");
        assert_eq!(v["error_details"][0]["error_msg"], "reach the stage");
    }

    #[test]
    fn internal_details_never_reach_the_client() {
        let e = ApiError::Internal("SELECT * FROM accounts".into());
        assert_eq!(e.message(), "Internal error");
    }
}
