//! Text values: a character count within bounds, no control characters, and for free text
//! something besides blanks. Each named type states its bounds once, from the domain.

use utoipa::openapi::schema::{Object, ObjectBuilder, SchemaType, Type};

/// Any text without control characters (C0, DEL, C1), as `char::is_control` has them.
pub use openapi::NO_CONTROL_CHARACTERS;

/// Text `domain::text::required` accepts: not blank, no control characters.
pub const REQUIRED_TEXT: &str =
    r"^[^\x00-\x1F\x7F-\x9F]*[^\s\x00-\x1F\x7F-\x9F][^\x00-\x1F\x7F-\x9F]*$";

/// Whether blank text is a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blank {
    Allowed,
    Refused,
}

/// The rule every text type applies, in the words of the error message.
pub fn check(s: &str, min: usize, max: usize, blank: Blank) -> Result<(), String> {
    let n = s.chars().count();
    if n < min || n > max {
        return Err(if min == max {
            format!("must be {min} characters long")
        } else if min == 0 {
            format!("must be at most {max} characters long")
        } else {
            format!("must be {min} to {max} characters long")
        });
    }
    if s.chars().any(char::is_control) {
        return Err("must not contain control characters".to_owned());
    }
    if blank == Blank::Refused && !s.is_empty() && s.trim().is_empty() {
        return Err("must not be blank".to_owned());
    }
    Ok(())
}

pub fn schema(min: usize, max: usize, blank: Blank, example: &str, doc: &str) -> Object {
    let pattern = match blank {
        Blank::Allowed => NO_CONTROL_CHARACTERS,
        Blank::Refused => REQUIRED_TEXT,
    };
    let b = ObjectBuilder::new()
        .schema_type(SchemaType::Type(Type::String))
        .min_length((min > 0).then_some(min))
        .max_length(Some(max))
        .pattern(Some(pattern))
        .examples([serde_json::json!(example)]);
    if doc.is_empty() {
        b.build()
    } else {
        b.description(Some(doc)).build()
    }
}

/// Declares a text type of the wire contract:
///
/// ```ignore
/// text_type!(/// An order id.
///     OrderId, 1..=domain::limits::ID, "CS2412041234ABCD");
/// text_type!(/// Why.
///     Reason, 1..=256, "Budget exhausted", free);
/// ```
///
/// `free` text must not be blank; other text (ids, codes) may not hold control characters.
#[macro_export]
macro_rules! text_type {
    ($(#[doc = $doc:literal])* $name:ident, $min:literal ..= $max:expr, $example:literal) => {
        $crate::text_type!(@make $(#[doc = $doc])* $name, $min, $max, $example, Allowed);
    };
    ($(#[doc = $doc:literal])* $name:ident, $min:literal ..= $max:expr, $example:literal, free) => {
        $crate::text_type!(@make $(#[doc = $doc])* $name, $min, $max, $example, Refused);
    };
    (@make $(#[doc = $doc:literal])* $name:ident, $min:expr, $max:expr, $example:literal, $blank:ident) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub struct $name(String);

        impl $name {
            pub const MIN: usize = $min;
            pub const MAX: usize = $max;

            /// Checks `s` as a request would be checked.
            pub fn parse(s: impl Into<String>) -> Result<Self, String> {
                let s = s.into();
                $crate::wire::text::check(&s, $min, $max, $crate::wire::text::Blank::$blank)?;
                Ok(Self(s))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }

            pub fn into_inner(self) -> String {
                self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl From<$name> for String {
            fn from(v: $name) -> String {
                v.0
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
                $crate::wire::text::schema(
                    $min,
                    $max,
                    $crate::wire::text::Blank::$blank,
                    $example,
                    concat!($($doc),*).trim(),
                )
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_blanks_and_control_characters() {
        assert_eq!(check("ab", 1, 64, Blank::Allowed), Ok(()));
        assert!(check("", 1, 64, Blank::Allowed).is_err());
        assert!(check(&"x".repeat(65), 1, 64, Blank::Allowed).is_err());
        assert_eq!(check("预算", 1, 2, Blank::Refused), Ok(()));
        assert!(check("  ", 1, 8, Blank::Refused).is_err());
        assert!(check("a\u{0}b", 0, 8, Blank::Allowed).is_err());
        assert_eq!(check("", 0, 8, Blank::Refused), Ok(()));
    }

    /// The patterns say what [`check`] does.
    #[test]
    fn patterns_agree_with_the_check() {
        let free = regex_lite::Regex::new(REQUIRED_TEXT).unwrap_or_else(|e| panic!("{e}"));
        let any = regex_lite::Regex::new(NO_CONTROL_CHARACTERS).unwrap_or_else(|e| panic!("{e}"));
        for s in [
            "a",
            " a ",
            "预算不足",
            "x y",
            "",
            "  ",
            "a\u{1}b",
            "a\nb",
            "\u{85}",
        ] {
            assert_eq!(
                any.is_match(s),
                check(s, 0, 99, Blank::Allowed).is_ok(),
                "{s:?}"
            );
            let free_ok = !s.is_empty() && check(s, 1, 99, Blank::Refused).is_ok();
            assert_eq!(free.is_match(s), free_ok, "{s:?}");
        }
    }
}
