//! Schemas for fields whose Rust type says less than the server checks: amounts with their
//! bounds, UTC times, and strings or integers from a fixed set. Used as
//! `#[schema(schema_with = schemas::utc_time)]` (or `#[param(schema_with = …)]`) so the
//! OpenAPI document states every rule a handler enforces; sets come from the `domain` lists
//! the handlers parse with, so the two cannot drift apart.

use utoipa::openapi::schema::{Object, ObjectBuilder, SchemaType, Type};

/// Largest amount a caller may send, in yuan (`domain::money`'s limit, 10^12 exclusive).
const MAX_YUAN: f64 = 999_999_999_999.99;

/// An amount > 0 with at most two decimals: a JSON number or a decimal string.
pub fn positive_amount() -> Object {
    amount(
        "Amount in yuan, > 0 with at most 2 decimal places; a JSON number or a string.",
        r"^([1-9][0-9]{0,11}(\.[0-9]{1,2})?|0\.(0[1-9]|[1-9][0-9]?))$",
    )
    .exclusive_minimum(Some(0.0))
    .build()
}

/// An amount ≥ 0 with at most two decimals: a JSON number or a decimal string.
pub fn non_negative_amount() -> Object {
    amount(
        "Amount in yuan, ≥ 0 with at most 2 decimal places; a JSON number or a string.",
        r"^([0-9]|[1-9][0-9]{1,11})(\.[0-9]{1,2})?$",
    )
    .minimum(Some(0.0))
    .build()
}

/// Numeric bounds apply to the number form, the pattern to the string form (JSON Schema
/// applies each keyword to its own type only).
fn amount(description: &str, pattern: &str) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::Number, Type::String]))
        .description(Some(description))
        .maximum(Some(MAX_YUAN))
        .multiple_of(Some(0.01))
        .pattern(Some(pattern))
        .examples([serde_json::json!("10.00")])
}

/// A UTC time `yyyy-MM-ddTHH:mm:ssZ` that exists in the calendar (29 February is left out of
/// the pattern rather than checking leap years in it).
pub fn utc_time() -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::Type(Type::String))
        .description(Some("UTC time, yyyy-MM-ddTHH:mm:ssZ."))
        .pattern(Some(
            r"^[0-9]{4}-((0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])|(0[13-9]|1[0-2])-(29|30)|(0[13578]|1[02])-31)T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]Z$",
        ))
        .examples([serde_json::json!("2026-12-31T16:00:00Z")])
        .build()
}

/// One of a fixed set of strings.
pub fn strings<'a>(values: impl IntoIterator<Item = &'a str>) -> Object {
    let values: Vec<&str> = values.into_iter().collect();
    let example = values.first().map(|v| serde_json::json!(v));
    ObjectBuilder::new()
        .schema_type(SchemaType::Type(Type::String))
        .enum_values(Some(values))
        .examples(example)
        .build()
}

/// One of a fixed set of integers.
pub fn integers(values: &[i64]) -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::Type(Type::Integer))
        .enum_values(Some(values.iter().copied()))
        .examples(values.first().map(|v| serde_json::json!(v)))
        .build()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn pattern(o: &Object) -> String {
        o.pattern.clone().unwrap()
    }

    /// The patterns accept what the server's parsers accept and nothing they refuse.
    #[test]
    fn patterns_agree_with_the_parsers() {
        let utc = pattern(&utc_time());
        let re = |p: &str, s: &str| regex_lite::Regex::new(p).unwrap().is_match(s);
        for ok in [
            "2026-01-31T00:00:00Z",
            "2026-12-04T23:59:59Z",
            "2024-04-30T12:00:00Z",
        ] {
            assert!(re(&utc, ok), "{ok}");
            assert!(crate::wire::parse_utc("t", ok).is_ok(), "{ok}");
        }
        for bad in [
            "2026-02-30T00:00:00Z",
            "2026-04-31T00:00:00Z",
            "2026-01-01T24:00:00Z",
            "2026-01-01 00:00:00Z",
        ] {
            assert!(!re(&utc, bad), "{bad}");
        }
        let pos = pattern(&positive_amount());
        for ok in ["0.01", "0.1", "10", "10.5", "999999999999.99"] {
            assert!(re(&pos, ok), "{ok}");
            let d = domain::money::parse_decimal(ok).unwrap();
            assert!(domain::Amount::from_decimal(d).is_ok(), "{ok}");
        }
        for bad in ["0", "0.00", "-1", "1.234", "01", "1e3", ""] {
            assert!(!re(&pos, bad), "{bad}");
        }
        let non_neg = pattern(&non_negative_amount());
        for ok in ["0", "0.00", "7.5", "100"] {
            assert!(re(&non_neg, ok), "{ok}");
        }
        for bad in ["-0.01", "1.001", "00"] {
            assert!(!re(&non_neg, bad), "{bad}");
        }
    }
}
