//! `Query<T>`: query parameters with repeated keys for lists, errors by parameter name.

use super::{tidy_serde_message, validation_message};
use crate::ApiError;
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use serde::de::DeserializeOwned;
use std::future::{ready, Ready};

/// Like [`super::Json`], errors wait until the handler asks for the value.
pub struct Query<T>(Result<T, ApiError>);

impl<T> Query<T> {
    pub fn into_inner(self) -> Result<T, ApiError> {
        self.0
    }
}

impl<T: DeserializeOwned + validator::Validate> FromRequest for Query<T> {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(Query(parse(req.query_string()))))
    }
}

pub(crate) fn parse<T: DeserializeOwned + validator::Validate>(qs: &str) -> Result<T, ApiError> {
    super::clean::check_query(qs)?;
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
    value
        .validate()
        .map_err(|e| ApiError::param(validation_message(&e)))?;
    Ok(value)
}
