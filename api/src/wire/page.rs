//! Huawei's `offset`/`limit` paging: the two values check their bounds (from
//! `domain::paging`) when read, and [`PageQuery`] is the pair as query parameters.

use domain::paging::{Page, DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET};
use serde::{Deserialize, Deserializer};
use utoipa::openapi::schema::{ObjectBuilder, SchemaType, Type};
use utoipa::openapi::{RefOr, Schema};
use utoipa::{IntoParams, PartialSchema, ToSchema};

macro_rules! bounded_int {
    ($(#[doc = $doc:literal])* $name:ident, $min:expr, $max:expr, $example:expr) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct $name(i64);

        impl $name {
            pub fn get(self) -> i64 {
                self.0
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let n = i64::deserialize(d)?;
                if !($min..=$max).contains(&n) {
                    return Err(serde::de::Error::custom(format!(
                        "must be between {} and {}",
                        $min, $max
                    )));
                }
                Ok(Self(n))
            }
        }

        impl PartialSchema for $name {
            fn schema() -> RefOr<Schema> {
                ObjectBuilder::new()
                    .schema_type(SchemaType::Type(Type::Integer))
                    .format(Some(utoipa::openapi::SchemaFormat::KnownFormat(
                        utoipa::openapi::KnownFormat::Int64,
                    )))
                    .minimum(Some($min as f64))
                    .maximum(Some($max as f64))
                    .description(Some(concat!($($doc),*).trim()))
                    .examples([serde_json::json!($example)])
                    .into()
            }
        }

        impl ToSchema for $name {
            fn name() -> std::borrow::Cow<'static, str> {
                std::borrow::Cow::Borrowed(concat!("wire.", stringify!($name)))
            }
        }
    };
}

bounded_int!(/// Records to skip (default 0).
    Offset, 0, MAX_OFFSET, 0);
bounded_int!(/// Records per page (default 10).
    Limit, 1, MAX_LIMIT, DEFAULT_LIMIT);
crate::register!(Offset);
crate::register!(Limit);

/// `offset` and `limit` as query parameters.
#[derive(Debug, Clone, Copy, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    offset: Option<Offset>,
    limit: Option<Limit>,
}

impl PageQuery {
    pub fn page(self) -> Page {
        page(self.offset, self.limit)
    }
}

/// The page of a body's `offset` and `limit` (defaults filled in).
pub fn page(offset: Option<Offset>, limit: Option<Limit>) -> Page {
    Page {
        offset: offset.map_or(0, Offset::get),
        limit: limit.map_or(DEFAULT_LIMIT, Limit::get),
    }
}
