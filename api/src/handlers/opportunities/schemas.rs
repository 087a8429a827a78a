//! Schemas of the opportunity, PO, PCE and lead fields whose Rust type says less than the
//! handlers check (text without control characters, upper-case codes, dates, fixed sets), so
//! the OpenAPI document states every rule. Each carries a realistic example; the sets come
//! from the `domain` lists the handlers parse with.

use utoipa::openapi::schema::{
    AllOfBuilder, AnyOfBuilder, Object, ObjectBuilder, SchemaType, Type,
};
use utoipa::openapi::{RefOr, Schema};

/// Any text without control characters (C0, DEL, C1), as `domain::text` checks it.
const NO_CONTROL: &str = "^[^\\u0000-\\u001F\\u007F-\\u009F]*$";
/// The same, with at least one character that is not white space (`domain::text::required`).
const NOT_BLANK: &str =
    "^[^\\u0000-\\u001F\\u007F-\\u009F]*[^\\s\\u0000-\\u001F\\u007F-\\u009F][^\\u0000-\\u001F\\u007F-\\u009F]*$";
/// `domain::names::code`: 1–64 of `A–Z`, `0–9` and `_`.
const CODE: &str = "^[A-Z0-9_]{1,64}$";
/// A code, or empty for "not given" (filters and optional codes skip empty strings).
const CODE_OR_EMPTY: &str = "^([A-Z0-9_]{1,64})?$";
/// `YYYY-MM-DD` that exists in the calendar (29 February left out, as in `utc_time`).
const DATE: &str = "^[0-9]{4}-((0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])|(0[13-9]|1[0-2])-(29|30)|(0[13578]|1[02])-31)$";
/// `domain::leads::parse_phone`: an optional `+`, then 5–20 digits with spaces or hyphens
/// between them; empty means "no phone".
const PHONE: &str = "^(\\+?[ -]*([0-9][ -]*){5,20})?$";
/// `domain::leads::parse_email`, in printable ASCII (so its 254 characters are 254 bytes):
/// `local@domain`, the domain with a dot; empty means "no email".
const EMAIL: &str = "^([!-?A-~]+@[!-?A-~]*\\.[!-?A-~]*)?$";

fn string(pattern: &str, example: &str) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(SchemaType::Type(Type::String))
        .pattern(Some(pattern))
        .examples([serde_json::json!(example)])
}

/// Required free text: 1 to `max` characters, not blank, no control characters.
pub fn text(max: usize, example: &str) -> Object {
    string(NOT_BLANK, example)
        .min_length(Some(1))
        .max_length(Some(max))
        .build()
}

/// Free text that may be empty: at most `max` characters, no control characters.
pub fn free_text(max: usize, example: &str) -> Object {
    string(NO_CONTROL, example).max_length(Some(max)).build()
}

/// Optional free text: [`free_text`], or `null` for absent.
pub fn optional_text(max: usize, example: &str) -> Object {
    nullable(free_text(max, example))
}

/// An id the handler looks up (1–64 characters; one naming nothing is a business answer).
pub fn id(example: &str) -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::Type(Type::String))
        .min_length(Some(1))
        .max_length(Some(64))
        .examples([serde_json::json!(example)])
        .build()
}

/// An upper-case code (`RETAIL`).
pub fn code(example: &str) -> Object {
    string(CODE, example).build()
}

/// An optional upper-case code: empty or `null` is absent.
pub fn optional_code(example: &str) -> Object {
    nullable(string(CODE_OR_EMPTY, example).build())
}

/// One of `values`; for a filter, also empty for "any".
pub fn one_of<'a>(values: impl IntoIterator<Item = &'a str>, empty_is_any: bool) -> Object {
    let mut values: Vec<&str> = values.into_iter().collect();
    if empty_is_any {
        values.push("");
    }
    crate::schemas::strings(values)
}

/// An integer from `min` to `max`.
pub fn integer(min: i64, max: i64, example: i64) -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::Type(Type::Integer))
        .format(Some(utoipa::openapi::SchemaFormat::KnownFormat(
            utoipa::openapi::KnownFormat::Int32,
        )))
        .minimum(Some(min as f64))
        .maximum(Some(max as f64))
        .examples([serde_json::json!(example)])
        .build()
}

/// `YYYY-MM-DD`.
pub fn date(example: &str) -> Object {
    string(DATE, example).build()
}

/// A phone as leads take it, empty or `null` for none.
pub fn phone() -> Object {
    nullable(string(PHONE, "13812345678").build())
}

/// A phone that is given: not empty.
pub fn given_phone() -> Object {
    string(PHONE, "13812345678").min_length(Some(1)).build()
}

/// An email as leads take it, empty or `null` for none.
pub fn email() -> Object {
    nullable(given_email_builder().build())
}

/// An email that is given: not empty.
pub fn given_email() -> Object {
    given_email_builder().min_length(Some(1)).build()
}

fn given_email_builder() -> ObjectBuilder {
    string(EMAIL, "peter@initech.example").max_length(Some(254))
}

/// An amount of yuan with at most 2 decimals and any sign (`Money::from_decimal`): PO content
/// may be saved as a draft with any amount; submitting it judges the amount by business rules.
pub fn any_amount() -> Object {
    let mut o = crate::schemas::non_negative_amount();
    o.minimum = Some((-999_999_999_999.99).into());
    o.description =
        Some("Amount in yuan with at most 2 decimal places; a JSON number or a string.".to_owned());
    o.pattern = Some(r"^-?([0-9]|[1-9][0-9]{1,11})(\.[0-9]{1,2})?$".to_owned());
    o
}

/// The schema also accepts `null` (and the enum lists it), which serde reads as absent.
pub fn nullable(mut o: Object) -> Object {
    o.schema_type = match o.schema_type {
        SchemaType::Type(t) => SchemaType::from_iter([t, Type::Null]),
        SchemaType::Array(mut ts) => {
            ts.push(Type::Null);
            SchemaType::Array(ts)
        }
        any => any,
    };
    if let Some(values) = o.enum_values.as_mut() {
        values.push(serde_json::Value::Null);
    }
    o
}

/// `derived` (a struct's derived schema) that must also match at least one of `branches`.
pub fn all_of_any(derived: RefOr<Schema>, branches: Vec<Object>) -> RefOr<Schema> {
    let any = branches
        .into_iter()
        .fold(AnyOfBuilder::new(), |b, o| b.item(o))
        .build();
    AllOfBuilder::new()
        .item(derived)
        .item(Schema::AnyOf(any))
        .into()
}

/// A branch of [`all_of_any`]: `field` is present and matches `schema` (not `null`).
pub fn present(field: &str, schema: Object) -> Object {
    ObjectBuilder::new()
        .required(field)
        .property(field, schema)
        .build()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn re(p: &str, s: &str) -> bool {
        regex_lite::Regex::new(p).unwrap().is_match(s)
    }

    /// The patterns accept what the domain's parsers accept and nothing they refuse.
    #[test]
    fn patterns_agree_with_the_parsers() {
        use domain::leads::{parse_email, parse_phone};
        for ok in ["13812345678", "+86 138-1234-5678", "12345"] {
            assert!(re(PHONE, ok), "{ok}");
            assert!(parse_phone("p", ok).is_ok(), "{ok}");
        }
        for bad in ["1234", "abc12345", "++12345", "1".repeat(21).as_str()] {
            assert!(!re(PHONE, bad), "{bad}");
            assert!(parse_phone("p", bad).is_err(), "{bad}");
        }
        for ok in ["a@b.c", "peter@initech.example"] {
            assert!(re(EMAIL, ok), "{ok}");
            assert!(parse_email("e", ok).is_ok(), "{ok}");
        }
        for bad in ["a@b", "@b.c", "a b@c.d", "a@b@c.d"] {
            assert!(!re(EMAIL, bad), "{bad}");
            assert!(parse_email("e", bad).is_err(), "{bad}");
        }
        for ok in ["2027-03-31", "2024-12-01"] {
            assert!(re(DATE, ok), "{ok}");
        }
        for bad in ["2027-02-30", "2027-3-31", "2027-04-31"] {
            assert!(!re(DATE, bad), "{bad}");
        }
        assert!(re(NOT_BLANK, " a "));
        assert!(!re(NOT_BLANK, "  "));
        assert!(!re(NOT_BLANK, "a\u{1f}"));
        assert!(re(CODE, "RETAIL") && !re(CODE, "retail"));
        let any = any_amount().pattern.unwrap();
        for ok in ["-1", "0", "0.5", "12.34"] {
            assert!(re(&any, ok), "{ok}");
        }
    }
}
