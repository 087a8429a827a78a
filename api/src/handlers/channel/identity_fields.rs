//! Schemas of identity fields (domain names, e-mail addresses, mobile numbers, countries,
//! roles), stating what `domain::identity` and the validators check.

use crate::wire::rules::nullable;
use domain::identity::{Role, ISO_3166};
use serde_json::json;
use utoipa::openapi::schema::{ArrayBuilder, Object, ObjectBuilder, SchemaType, Type};

/// `DomainName::parse`: 5–32 of letters, digits, `_` and `-`, not starting with a digit, nor
/// with `op_` or `shadow_` in any case.
pub const DOMAIN_NAME: &str =
    r"^(?![oO][pP]_|[sS][hH][aA][dD][oO][wW]_)[a-zA-Z_-][a-zA-Z0-9_-]{4,31}$";

/// What the `email` validator accepts (an ASCII domain; no address literals).
pub const EMAIL: &str = r"^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$";

/// `check_cn_mobile`: 11 digits starting with 1.
pub const CN_MOBILE: &str = r"^1[0-9]{10}$";

fn string(pattern: &str, example: &str) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(SchemaType::Type(Type::String))
        .pattern(Some(pattern))
        .examples([json!(example)])
}

/// A required domain (account) name.
pub fn domain_name() -> Object {
    string(DOMAIN_NAME, "acme-cloud").build()
}

/// An optional domain name: absent, `null` or `""` picks a random one.
pub fn optional_domain_name() -> Object {
    nullable(string(&format!("^$|{DOMAIN_NAME}"), "acme-cloud").build())
}

/// An optional e-mail address of at most 256 characters.
pub fn optional_email() -> Object {
    nullable(
        string(EMAIL, "it@acme.example")
            .max_length(Some(256))
            .build(),
    )
}

/// An optional mainland China mobile number; `""` means none.
pub fn optional_cn_mobile() -> Object {
    nullable(string(&format!("^$|{CN_MOBILE}"), "13800000000").build())
}

/// An ISO 3166-1 alpha-2 code in upper case.
pub fn country_code() -> Object {
    crate::schemas::strings(ISO_3166)
}

/// The roles of a partner user: 1 to 5 role names.
pub fn roles() -> utoipa::openapi::schema::Array {
    ArrayBuilder::new()
        .items(crate::schemas::strings(
            Role::ALL.iter().map(|r| r.as_str()),
        ))
        .min_items(Some(1))
        .max_items(Some(5))
        .examples([json!(["account_manager"])])
        .build()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// Without the lookahead (which regex-lite lacks), the pattern agrees with the parser on
    /// everything but the reserved prefixes; those are checked against the parser directly.
    #[test]
    fn domain_name_pattern_agrees_with_the_parser() {
        let body = DOMAIN_NAME.replace("(?![oO][pP]_|[sS][hH][aA][dD][oO][wW]_)", "");
        let re = regex_lite::Regex::new(&body).unwrap();
        for ok in ["acme-cloud", "_abcd", "-abcd", "Abcde12345"] {
            assert!(re.is_match(ok), "{ok}");
            assert!(domain::identity::DomainName::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["abcd", "1abcde", "ab cd e", "a".repeat(33).as_str()] {
            assert!(!re.is_match(bad), "{bad}");
            assert!(domain::identity::DomainName::parse(bad).is_err(), "{bad}");
        }
        for reserved in ["op_abcd", "OP_abcd", "shadow_x", "Shadow_xy"] {
            assert!(domain::identity::DomainName::parse(reserved).is_err());
        }
    }

    #[test]
    fn mobile_pattern_agrees_with_the_check() {
        let re = regex_lite::Regex::new(CN_MOBILE).unwrap();
        for ok in ["13800000000", "10000000000"] {
            assert!(re.is_match(ok));
            assert!(domain::verification::check_cn_mobile("m", ok).is_ok());
        }
        for bad in ["2380000000", "138000000001", "1380000000a"] {
            assert!(!re.is_match(bad));
            assert!(domain::verification::check_cn_mobile("m", bad).is_err());
        }
    }
}
