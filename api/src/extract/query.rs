//! `Query<T>`: query parameters with repeated keys for lists, errors by parameter name.

use super::{tidy_serde_message, validation_message};
use crate::ApiError;
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use serde::de::DeserializeOwned;
use std::future::{ready, Ready};

/// Like [`super::Json`], errors wait until the handler asks for the value.
pub struct Query<T>(Result<T, ApiError>);

/// A query whose rules are `validator` attributes (handlers not yet on the wire contract).
pub struct LegacyQuery<T>(Result<T, ApiError>);

impl<T> Query<T> {
    pub fn into_inner(self) -> Result<T, ApiError> {
        self.0
    }
}

impl<T> LegacyQuery<T> {
    pub fn into_inner(self) -> Result<T, ApiError> {
        self.0
    }
}

impl<T: DeserializeOwned> FromRequest for Query<T> {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(Query(parse_typed(req.query_string()))))
    }
}

impl<T: DeserializeOwned + validator::Validate> FromRequest for LegacyQuery<T> {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(LegacyQuery(parse(req.query_string()))))
    }
}

/// Keys that are integers or closed sets wherever they appear, for which `""` means nothing.
const NEVER_EMPTY: &[&str] = &[
    "offset",
    "limit",
    "balance_type",
    "revenue_expense_type",
    "trade_type",
    // An empty id names no reseller; "not given" is said by leaving the key out.
    "indirect_partner_id",
    // The audit log's filters.
    "target_id",
    "actor_kind",
    "actor_user_id",
    "actor_customer_id",
    "operation_id",
];

/// The form decoder reads `offset=` as absent; for these keys an empty value is a malformed
/// request, not a default (the schema allows it nowhere).
fn refuse_empty(qs: &str) -> Result<(), ApiError> {
    for pair in qs.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        if NEVER_EMPTY.contains(&key) && value.is_empty() {
            return Err(ApiError::param(format!("{key} must not be empty")));
        }
    }
    Ok(())
}

pub(crate) fn parse<T: DeserializeOwned + validator::Validate>(qs: &str) -> Result<T, ApiError> {
    let value: T = parse_typed(qs)?;
    value
        .validate()
        .map_err(|e| ApiError::param(validation_message(&e)))?;
    Ok(value)
}

pub(crate) fn parse_typed<T: DeserializeOwned>(qs: &str) -> Result<T, ApiError> {
    super::clean::check_query(qs)?;
    refuse_empty(qs)?;
    let de = serde_html_form::Deserializer::from_bytes(qs.as_bytes());
    let value: T = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = tidy_serde_message(&e.inner().to_string());
        if path == "." || path.is_empty() {
            ApiError::param(format!("query is invalid: {inner}"))
        } else {
            ApiError::param(format!("{path}: {inner}"))
        }
    })?;
    Ok(value)
}
