//! Schema helpers for handlers not yet on typed wire values: nullable widening, required free
//! text, and the rules JSON Schema states across fields (exactly one of two, a value required
//! unless another says otherwise). Typed DTOs state these with enums instead.

use crate::schemas;
use serde_json::{json, Value};
use utoipa::openapi::schema::{
    AllOfBuilder, AnyOfBuilder, ArrayBuilder, Object, ObjectBuilder, OneOfBuilder, Schema,
    SchemaType, Type,
};
use utoipa::openapi::RefOr;

/// Widens a schema to accept `null` as well, as serde reads `null` into an `Option` field.
pub fn nullable(mut o: Object) -> Object {
    if let SchemaType::Type(t) = o.schema_type {
        o.schema_type = SchemaType::from_iter([t, Type::Null]);
    }
    if let Some(values) = o.enum_values.as_mut() {
        values.push(Value::Null);
    }
    o
}

/// A UTC time that may be left out or `null`.
pub fn optional_utc_time() -> Object {
    nullable(schemas::utc_time())
}

/// Text `domain::text::required` accepts: not blank, no control characters.
const REQUIRED_TEXT: &str =
    r"^[^\x00-\x1F\x7F-\x9F]*[^\s\x00-\x1F\x7F-\x9F][^\x00-\x1F\x7F-\x9F]*$";

/// Required free text of at most `max` characters.
pub fn required_text(max: usize, example: &str) -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::Type(Type::String))
        .min_length(Some(1))
        .max_length(Some(max))
        .pattern(Some(REQUIRED_TEXT))
        .examples([json!(example)])
        .build()
}

const RATIO_PATTERN: &str = r"^(1(\.0{1,6})?|0\.([1-9][0-9]{0,5}|0[1-9][0-9]{0,4}|00[1-9][0-9]{0,3}|000[1-9][0-9]{0,2}|0000[1-9][0-9]?|00000[1-9]))$";

/// The share of a price paid (`wire::Ratio`).
pub fn ratio() -> Object {
    ratio_builder().build()
}

fn ratio_builder() -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::Number, Type::String]))
        .description(Some(
            "Share of the price paid, in (0, 1] with at most 6 decimals; a JSON number or a string.",
        ))
        .exclusive_minimum(Some(0.0))
        .maximum(Some(1.0))
        .multiple_of(Some(0.000_001))
        .pattern(Some(RATIO_PATTERN))
        .examples([json!("0.85")])
}

/// The derived object schema with rules that tie its fields together.
pub fn with_rules(base: RefOr<Schema>, rules: impl IntoIterator<Item = Schema>) -> RefOr<Schema> {
    let mut all = AllOfBuilder::new().item(base);
    for r in rules {
        all = all.item(r);
    }
    RefOr::T(Schema::AllOf(all.build()))
}

fn one_of(branches: [Object; 2]) -> Schema {
    let mut o = OneOfBuilder::new();
    for b in branches {
        o = o.item(b);
    }
    Schema::OneOf(o.build())
}

/// Items of a switched list: objects (their own schema is in the derived part). Not `{}`:
/// the document is read back through serde, where `items: {}` would not parse as an array.
fn any_items() -> Object {
    ObjectBuilder::new().build()
}

/// [`with_rules`] with an example of the whole body, for bodies whose field examples together
/// would break a rule (both of two alternatives given).
pub fn with_rules_example(
    base: RefOr<Schema>,
    rules: impl IntoIterator<Item = Schema>,
    example: Value,
) -> RefOr<Schema> {
    let mut all = AllOfBuilder::new().item(base).examples([example]);
    for r in rules {
        all = all.item(r);
    }
    RefOr::T(Schema::AllOf(all.build()))
}

/// `list` is a non-empty array exactly when `flag` is `YES` (otherwise absent, `null` or
/// empty).
pub fn switch(flag: &str, list: &str) -> Schema {
    let on = ObjectBuilder::new()
        .property(flag, schemas::strings(["YES"]))
        .property(
            list,
            ArrayBuilder::new().items(any_items()).min_items(Some(1)),
        )
        .required(flag)
        .required(list)
        .build();
    let off = ObjectBuilder::new()
        .property(flag, nullable(schemas::strings(["NO"])))
        .property(
            list,
            ArrayBuilder::new()
                .schema_type(SchemaType::from_iter([Type::Array, Type::Null]))
                .items(any_items())
                .max_items(Some(0)),
        )
        .build();
    one_of([on, off])
}

/// Exactly one of the optional string fields `a` and `b` is given (the other absent or `null`).
pub fn exactly_one(a: &str, b: &str) -> Schema {
    let only = |given: &str, other: &str| {
        ObjectBuilder::new()
            .property(given, ObjectBuilder::new().schema_type(Type::String))
            .property(other, ObjectBuilder::new().schema_type(Type::Null))
            .required(given)
            .build()
    };
    one_of([only(a, b), only(b, a)])
}

/// `needed` must be given unless `field` matches `unless` (absent counts as matching).
pub fn required_unless(field: &str, unless: Object, needed: &str, needed_schema: Object) -> Schema {
    let exempt = ObjectBuilder::new().property(field, unless).build();
    let given = ObjectBuilder::new()
        .property(needed, needed_schema)
        .required(needed)
        .build();
    Schema::AnyOf(AnyOfBuilder::new().item(exempt).item(given).build())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// The document makes a round trip through serde (`openapi::finalize`): the rules must
    /// come back unchanged.
    #[test]
    fn rules_survive_the_round_trip() {
        for r in [
            switch("use_coupon", "coupon_infos"),
            exactly_one("a", "b"),
            required_unless(
                "a",
                nullable(schemas::integers(&[1])),
                "b",
                required_text(4, "x"),
            ),
        ] {
            let v = serde_json::to_value(&r).unwrap();
            let back: Schema = serde_json::from_value(v.clone()).unwrap();
            assert_eq!(serde_json::to_value(&back).unwrap(), v);
        }
    }

    #[test]
    fn required_text_pattern_agrees_with_the_handler() {
        let re = regex_lite::Regex::new(REQUIRED_TEXT).unwrap();
        for ok in ["a", " a ", "预算不足", "x y"] {
            assert!(re.is_match(ok), "{ok}");
            assert!(domain::text::required("t", ok, 10).is_ok(), "{ok}");
        }
        for bad in ["", "  ", "a\u{1}b", "a\nb", "\u{85}"] {
            assert!(!re.is_match(bad), "{bad:?}");
            assert!(domain::text::required("t", bad, 10).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn ratio_pattern_agrees_with_the_handler() {
        let re = regex_lite::Regex::new(RATIO_PATTERN).unwrap();
        for ok in ["1", "1.0", "0.5", "0.000001", "0.85", "0.123456"] {
            assert!(re.is_match(ok), "{ok}");
        }
        for bad in ["0", "0.0", "0.000000", "1.5", "2", "0.1234567", "01", ""] {
            assert!(!re.is_match(bad), "{bad}");
        }
    }
}
