//! Schemas of the programs' fields whose Rust type (a `String`) says less than the handlers
//! check: each set comes from the domain list the handler parses with.

use crate::schemas::strings;
use domain::identity::CountryCode;
use domain::programs::business_info::AccountType;
use domain::programs::fh::FhType;
use domain::programs::paths::{PathType, Stage};
use domain::programs::personnel::{CertLevel, MemberRole};
use domain::programs::subsidy::Currency;
use utoipa::openapi::schema::{Array, ArrayBuilder, Object, ObjectBuilder, SchemaType, Type};

/// A document type whose schema one of these functions builds. `IntoParams` drops `required`
/// and the description of a field with `schema_with`, so parameters that must be present name
/// such a type instead (`inline(T)` or `value_type = T, inline`).
macro_rules! param_type {
    ($(#[$doc:meta])* $name:ident => $schema:expr) => {
        $(#[$doc])*
        pub struct $name;

        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                $schema.into()
            }
        }

        impl utoipa::ToSchema for $name {}
    };
}

param_type!(
    /// A development path.
    PathTypeName => path_type()
);
param_type!(
    /// A development path that offers FH.
    FhPathTypeName => fh_path_type()
);
param_type!(
    /// An upper-case code such as a capability label.
    UpperCode => upper_code("CLOUD_MIGRATION")
);
param_type!(
    /// The experts named for FH: 1–100 distinct user ids.
    SpecialistIds => ids(1, 100)
);

pub fn path_type() -> Object {
    strings(PathType::ALL.iter().map(|p| p.as_str()))
}

/// The paths that offer FH: SERVICE (delivery) and CONSULTING_SI (presales).
pub fn fh_path_type() -> Object {
    let offering = PathType::ALL
        .into_iter()
        .filter(|p| FhType::for_path(*p).is_ok());
    strings(offering.map(PathType::as_str))
}

pub fn fh_type() -> Object {
    strings(FhType::ALL.iter().map(|t| t.as_str()))
}

pub fn stage() -> Object {
    strings(Stage::ALL.iter().map(|s| s.as_str()))
}

pub fn cert_level() -> Object {
    strings(CertLevel::ALL.iter().map(|l| l.as_str()))
}

pub fn member_role() -> Object {
    strings(MemberRole::ALL.iter().map(|r| r.as_str()))
}

pub fn account_type() -> Object {
    strings(AccountType::ALL.iter().map(|t| t.as_str()))
}

pub fn currency() -> Object {
    strings(Currency::ALL.iter().map(|c| c.as_str()))
}

/// Every two-letter code `CountryCode` accepts (its list is the domain's own).
pub fn country_code() -> Object {
    let letters = || (b'A'..=b'Z').map(char::from);
    let codes: Vec<String> = letters()
        .flat_map(|a| letters().map(move |b| format!("{a}{b}")))
        .filter(|c| CountryCode::parse(c).is_ok())
        .collect();
    let mut o = strings(codes.iter().map(String::as_str));
    o.examples = vec![serde_json::json!("CN")];
    o
}

/// Text of at most `max` characters, not blank, without control characters
/// (`domain::text::required`).
pub fn required_text(max: usize, example: &str) -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::Type(Type::String))
        .min_length(Some(1))
        .max_length(Some(max))
        .pattern(Some(
            r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$",
        ))
        .examples([serde_json::json!(example)])
        .build()
}

/// Text of at most `max` characters without control characters (`domain::text::optional`).
pub fn optional_text(max: usize, example: &str) -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::Type(Type::String))
        .max_length(Some(max))
        .pattern(Some(r"^[^\x00-\x1f\x7f-\x9f]*$"))
        .examples([serde_json::json!(example)])
        .build()
}

/// An upper-case code: 1–64 of `A–Z0–9_` (reason codes, capability labels).
pub fn upper_code(example: &str) -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::Type(Type::String))
        .pattern(Some("^[A-Z0-9_]{1,64}$"))
        .examples([serde_json::json!(example)])
        .build()
}

/// Distinct upper-case codes, `min..=max` of them.
pub fn upper_codes(min: usize, max: usize, example: &str) -> Array {
    ArrayBuilder::new()
        .items(upper_code(example))
        .min_items(Some(min))
        .max_items(Some(max))
        .unique_items(true)
        .examples([serde_json::json!([example])])
        .build()
}

/// A user or object id as the handlers take it: 1–64 characters, no comma (lists are stored
/// comma-separated), no control characters.
pub fn id() -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::Type(Type::String))
        .pattern(Some(r"^[^,\x00-\x1f\x7f-\x9f]{1,64}$"))
        .examples([serde_json::json!("0b3c6a5e2d8f4f1e9a7b6c5d4e3f2a1b")])
        .build()
}

/// Distinct ids, `min..=max` of them.
pub fn ids(min: usize, max: usize) -> Array {
    ArrayBuilder::new()
        .items(id())
        .min_items(Some(min))
        .max_items(Some(max))
        .unique_items(true)
        .examples([serde_json::json!(["0b3c6a5e2d8f4f1e9a7b6c5d4e3f2a1b"])])
        .build()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn matches(o: &Object, s: &str) -> bool {
        regex_lite::Regex::new(o.pattern.as_deref().unwrap())
            .unwrap()
            .is_match(s)
    }

    /// The text and id patterns accept what the domain's checks accept and nothing else.
    #[test]
    fn patterns_agree_with_the_checks() {
        let required = required_text(128, "x");
        let optional = optional_text(128, "x");
        for s in [
            "Acme",
            " Acme (Shenzhen) ",
            "云",
            "",
            "  ",
            "a\nb",
            "a\u{7f}",
            "a\u{85}",
        ] {
            assert_eq!(
                matches(&required, s),
                domain::text::required("t", s, 128).is_ok(),
                "{s:?}"
            );
            assert_eq!(
                matches(&optional, s),
                domain::text::optional("t", s, 128).is_ok(),
                "{s:?}"
            );
        }
        let one = |s: &str| vec![s.to_owned()];
        for s in ["u1", "a,b", "", "a\tb", &"x".repeat(64), &"x".repeat(65)] {
            assert_eq!(
                matches(&id(), s),
                domain::vouchers::check_ids("ids", &one(s), 1).is_ok(),
                "{s:?}"
            );
        }
    }

    #[test]
    fn country_codes_come_from_the_domain() {
        let codes = country_code().enum_values.unwrap();
        assert!(codes.contains(&serde_json::json!("CN")));
        assert!(!codes.contains(&serde_json::json!("AA")));
        assert_eq!(codes.len(), 249);
    }
}
