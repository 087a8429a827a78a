//! Text whose rule is a domain predicate, stated in the document by a pattern that says the
//! same (each type's test checks that the two agree).

/// Whether `n` characters are within `min..=max`.
pub fn fits(n: usize, min: usize, max: usize) -> bool {
    (min..=max).contains(&n)
}

/// The schema's `minLength`: none for 0.
pub fn min_length(min: usize) -> Option<usize> {
    (min > 0).then_some(min)
}

/// Declares a wire type checked by `$ok` and described by `$pattern`:
///
/// ```ignore
/// pattern_type!(/// An attachment.
///     AttachmentPath, domain::realname::file_ok, "must be ...", ATTACHMENT, 1..=255, "abc023.jpg");
/// ```
#[macro_export]
macro_rules! pattern_type {
    ($(#[doc = $doc:literal])* $name:ident, $ok:expr, $rule:expr, $pattern:expr, $min:literal ..= $max:expr, $example:literal) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct $name(String);

        impl $name {
            pub fn parse(s: impl Into<String>) -> Result<Self, String> {
                let s = s.into();
                let n = s.chars().count();
                if $crate::wire::pattern::fits(n, $min, $max) && $ok(&s) {
                    Ok(Self(s))
                } else {
                    Err(format!("{} ({} to {} characters)", $rule, $min, $max))
                }
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }

            pub fn into_inner(self) -> String {
                self.0
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <String as serde::Deserialize>::deserialize(d)?;
                Self::parse(s).map_err(serde::de::Error::custom)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::Schema> {
                use utoipa::openapi::schema::{ObjectBuilder, SchemaType, Type};
                ObjectBuilder::new()
                    .schema_type(SchemaType::Type(Type::String))
                    .min_length($crate::wire::pattern::min_length($min))
                    .max_length(Some($max))
                    .pattern(Some($pattern))
                    .examples([serde_json::json!($example)])
                    .description(Some(concat!($($doc),*).trim()))
                    .build()
                    .into()
            }
        }

        impl utoipa::ToSchema for $name {
            fn name() -> std::borrow::Cow<'static, str> {
                std::borrow::Cow::Borrowed(concat!("wire.", stringify!($name)))
            }
        }

        $crate::register!($name);
    };
}
