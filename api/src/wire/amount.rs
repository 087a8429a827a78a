//! Money on the wire. Requests give amounts in yuan as a JSON number or a string; they are
//! checked by the domain's money rules when read. Answers write amounts as JSON numbers with
//! two decimals.

use domain::money::{non_negative_from_decimal, parse_amount, parse_decimal};
use domain::Money;
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::str::FromStr;
use utoipa::openapi::schema::{ObjectBuilder, SchemaType, Type};
use utoipa::openapi::{RefOr, Schema};
use utoipa::{PartialSchema, ToSchema};

/// A decimal in any JSON form (ratios).
fn decimal<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    let text = match serde_json::Value::deserialize(d)? {
        serde_json::Value::Number(n) => n.to_string(),
        serde_json::Value::String(s) => s,
        _ => return Err(serde::de::Error::custom("must be a decimal number")),
    };
    parse_decimal(&text).map_err(|_| serde::de::Error::custom("must be a decimal number"))
}

/// An amount as the schema states it: a JSON number is judged by its value (the money rules
/// then allow two decimals and the maximum), a string by the pattern ([`parse_amount`]: no
/// spaces, exponent, leading `.` or zeros, at most two written decimals).
fn amount<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    let bad = |e: domain::money::MoneyError| {
        serde::de::Error::custom(format!(
            "{e}: write an amount as digits with at most two decimals, at most 999999999999.99"
        ))
    };
    match serde_json::Value::deserialize(d)? {
        serde_json::Value::Number(n) => parse_decimal(&n.to_string()).map_err(bad),
        serde_json::Value::String(s) => parse_amount(&s).map_err(bad),
        _ => Err(serde::de::Error::custom("must be a decimal number")),
    }
}

macro_rules! schema_name {
    ($name:ident) => {
        impl ToSchema for $name {
            fn name() -> std::borrow::Cow<'static, str> {
                std::borrow::Cow::Borrowed(concat!("wire.", stringify!($name)))
            }
        }
    };
}

/// An amount to move: > 0 with at most two decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Amount(pub domain::Amount);

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        domain::Amount::from_decimal(amount(d)?)
            .map(Amount)
            .map_err(serde::de::Error::custom)
    }
}

impl PartialSchema for Amount {
    fn schema() -> RefOr<Schema> {
        crate::schemas::positive_amount().into()
    }
}
schema_name!(Amount);

/// An amount that may be 0 (limits, refunds): ≥ 0 with at most two decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AmountOrZero(pub Money);

impl<'de> Deserialize<'de> for AmountOrZero {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        non_negative_from_decimal(amount(d)?)
            .map(AmountOrZero)
            .map_err(serde::de::Error::custom)
    }
}

impl PartialSchema for AmountOrZero {
    fn schema() -> RefOr<Schema> {
        crate::schemas::non_negative_amount().into()
    }
}
schema_name!(AmountOrZero);

/// The share of a price paid: in (0, 1] with at most six decimals, a JSON number or a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ratio(pub Decimal);

impl<'de> Deserialize<'de> for Ratio {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        domain::orders::check_ratio("the value", decimal(d)?)
            .map(Ratio)
            .map_err(|_| {
                serde::de::Error::custom(format!(
                    "must be in (0, 1] with at most {} decimals",
                    domain::orders::RATIO_DECIMALS
                ))
            })
    }
}

impl PartialSchema for Ratio {
    fn schema() -> RefOr<Schema> {
        super::rules::ratio().into()
    }
}
schema_name!(Ratio);

/// An amount written as a JSON number with exactly two decimals (`10.00`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WireAmount(pub Money);

impl Serialize for WireAmount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // arbitrary_precision keeps the digits exactly as formatted.
        let n =
            serde_json::Number::from_str(&self.0.to_string()).map_err(serde::ser::Error::custom)?;
        n.serialize(s)
    }
}

impl PartialSchema for WireAmount {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(SchemaType::Type(Type::Number))
            .description(Some(
                "Exact decimal amount in yuan, written with two decimal places (e.g. 10.00).",
            ))
            .examples([serde_json::json!(10.00)])
            .into()
    }
}
impl ToSchema for WireAmount {}

/// An exact decimal written as a JSON number (ratios), digits as they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WireDecimal(pub Decimal);

impl Serialize for WireDecimal {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let n =
            serde_json::Number::from_str(&self.0.to_string()).map_err(serde::ser::Error::custom)?;
        n.serialize(s)
    }
}

impl PartialSchema for WireDecimal {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(SchemaType::Type(Type::Number))
            .description(Some("Exact decimal, written as a JSON number."))
            .into()
    }
}
impl ToSchema for WireDecimal {}

/// An amount-shaped decimal as a JSON number or a string (`10.00`, `"1.11"`), written as an
/// amount is, for fields whose sign or range depends on another field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecimalInput(pub Decimal);

impl<'de> Deserialize<'de> for DecimalInput {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        amount(d).map(DecimalInput)
    }
}

impl Serialize for DecimalInput {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.to_string())
    }
}

/// Most decimal inputs are amounts > 0; a field that may be 0 says so with
/// `#[schema(schema_with = crate::schemas::non_negative_amount)]`.
impl PartialSchema for DecimalInput {
    fn schema() -> RefOr<Schema> {
        crate::schemas::positive_amount().into()
    }
}
impl ToSchema for DecimalInput {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_serialize_as_fixed_scale_numbers() {
        let s = serde_json::to_string(&WireAmount(Money::from_cents(1000))).ok();
        assert_eq!(s.as_deref(), Some("10.00"));
        let s = serde_json::to_string(&WireAmount(Money::from_cents(7))).ok();
        assert_eq!(s.as_deref(), Some("0.07"));
    }

    #[test]
    fn amounts_parse_from_numbers_and_strings_and_keep_their_rule() {
        let a: Option<Amount> = serde_json::from_str("10.10").ok();
        assert_eq!(a.map(|a| a.0.cents()), Some(1010));
        let b: Option<Amount> = serde_json::from_str("\"1.11\"").ok();
        assert_eq!(b.map(|a| a.0.cents()), Some(111));
        for bad in [
            "0",
            "-1",
            "1.234",
            "true",
            "\"x\"",
            "\"1e2\"",
            "\"1.000\"",
            "\" 1\"",
            "\"1\u{a0}\"",
            "\".5\"",
            "\"01\"",
            "1000000000000",
            "\"1000000000000\"",
            "1.001",
        ] {
            assert!(serde_json::from_str::<Amount>(bad).is_err(), "{bad}");
        }
        let z: Option<AmountOrZero> = serde_json::from_str("0").ok();
        assert_eq!(z, Some(AmountOrZero(Money::ZERO)));
        assert!(serde_json::from_str::<AmountOrZero>("-0.01").is_err());
    }
}
