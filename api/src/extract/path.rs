//! `Path<T>`: path parameters read into wire types. A value that cannot be one (an id too long
//! to exist) names no object, so it answers like a missing one.

use crate::ApiError;
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use serde::de::DeserializeOwned;
use std::future::{ready, Ready};

pub struct Path<T>(Result<T, ApiError>);

impl<T> Path<T> {
    pub fn into_inner(self) -> Result<T, ApiError> {
        self.0
    }
}

impl<T: DeserializeOwned> FromRequest for Path<T> {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let de = actix_router::PathDeserializer::new(req.match_info());
        let value = T::deserialize(de).map_err(|_| {
            ApiError::Rule(domain::Violation::new(
                domain::codes::NOT_FOUND,
                "the requested object does not exist",
            ))
        });
        ready(Ok(Path(value)))
    }
}
