//! The typed wire contract. Every value a request carries is a type here that checks its rule
//! when it is read and describes itself to the OpenAPI document once, from the domain's
//! constants; DTOs declare their fields with these types and restate no bound. Answers are
//! written with [`json`].
//!
//! The document inlines these types where they are used (their component names start with
//! `wire.`; `openapi::finalize` folds them in), so it reads as if each field stated its rule.

pub mod acting;
pub mod amount;
pub mod bills;
pub mod code;
pub mod codes;
pub mod contact;
pub mod ids;
pub mod int;
pub mod list;
pub mod page;
pub mod pattern;
pub mod percent;
pub mod realname;
pub mod rules;
pub mod text;
pub mod time;
pub mod url;

pub use acting::ActingFor;
pub use amount::{Amount, AmountOrZero, DecimalInput, Ratio, WireAmount, WireDecimal};
pub use code::{Code, CodeText};
pub use contact::{EmailAddress, Phone};
pub use ids::*;
pub use int::Int;
pub use list::List;
pub use page::{page, Limit, Offset, PageQuery};
pub use percent::Percent;
pub use time::{parse_utc, utc, UtcTime};
pub use url::WebhookUrl;

use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use serde::Serialize;
use std::borrow::Cow;
use utoipa::openapi::{RefOr, Schema};

pub const JSON_UTF8: &str = "application/json;charset=UTF-8";

/// A JSON response with Huawei's content type.
pub fn json<T: Serialize>(status: StatusCode, body: &T) -> HttpResponse {
    match serde_json::to_string(body) {
        Ok(s) => HttpResponse::build(status).content_type(JSON_UTF8).body(s),
        Err(e) => crate::ApiError::Internal(format!("serialize response: {e}")).into_response(),
    }
}

/// `200 OK` with `body`.
pub fn ok<T: Serialize>(body: &T) -> HttpResponse {
    json(StatusCode::OK, body)
}

impl crate::ApiError {
    pub fn into_response(self) -> HttpResponse {
        actix_web::ResponseError::error_response(&self)
    }
}

/// A wire type's schema, registered where the type is declared: utoipa collects the schemas of
/// bodies but not of query parameters, and the document must resolve both.
pub struct Component {
    pub name: fn() -> Cow<'static, str>,
    pub schema: fn() -> RefOr<Schema>,
}

inventory::collect!(Component);

/// Registers a wire type's schema (`register!(OrderId)`).
#[macro_export]
macro_rules! register {
    ($ty:ty) => {
        inventory::submit! {
            $crate::wire::Component {
                name: <$ty as utoipa::ToSchema>::name,
                schema: <$ty as utoipa::PartialSchema>::schema,
            }
        }
    };
}

/// Every registered wire type's schema, by component name.
pub fn components() -> impl Iterator<Item = (String, RefOr<Schema>)> {
    inventory::iter::<Component>
        .into_iter()
        .map(|c| ((c.name)().into_owned(), (c.schema)()))
}
