//! Wire types shared by handlers: exact amounts, UTC times, JSON responses.

use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use chrono::{DateTime, Datelike, TimeZone, Timelike, Utc};
use domain::Money;
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::str::FromStr;
use utoipa::openapi::schema::{ObjectBuilder, SchemaType, Type};
use utoipa::openapi::{RefOr, Schema};

pub const JSON_UTF8: &str = "application/json;charset=UTF-8";

/// A JSON response with Huawei's content type.
pub fn json<T: Serialize>(status: StatusCode, body: &T) -> HttpResponse {
    match serde_json::to_string(body) {
        Ok(s) => HttpResponse::build(status).content_type(JSON_UTF8).body(s),
        Err(e) => crate::ApiError::Internal(format!("serialize response: {e}")).into_response(),
    }
}

impl crate::ApiError {
    pub fn into_response(self) -> HttpResponse {
        actix_web::ResponseError::error_response(&self)
    }
}

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

impl utoipa::PartialSchema for WireAmount {
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
impl utoipa::ToSchema for WireAmount {}

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

impl utoipa::PartialSchema for WireDecimal {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(SchemaType::Type(Type::Number))
            .description(Some("Exact decimal, written as a JSON number."))
            .into()
    }
}
impl utoipa::ToSchema for WireDecimal {}

/// A decimal accepted as a JSON number or a string (`10.00`, `"1.11"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecimalInput(pub Decimal);

impl<'de> Deserialize<'de> for DecimalInput {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        let text = match &v {
            serde_json::Value::Number(n) => n.to_string(),
            serde_json::Value::String(s) => s.clone(),
            _ => {
                return Err(serde::de::Error::custom(
                    "expected a decimal number (JSON number or string)",
                ))
            }
        };
        domain::money::parse_decimal(&text)
            .map(DecimalInput)
            .map_err(|_| {
                serde::de::Error::custom("expected a decimal number (JSON number or string)")
            })
    }
}

impl Serialize for DecimalInput {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.to_string())
    }
}

/// Most decimal inputs are amounts > 0; a field that may be 0 says so with
/// `#[schema(schema_with = crate::schemas::non_negative_amount)]`.
impl utoipa::PartialSchema for DecimalInput {
    fn schema() -> RefOr<Schema> {
        crate::schemas::positive_amount().into()
    }
}
impl utoipa::ToSchema for DecimalInput {}

/// A UTC time as `yyyy-MM-ddTHH:mm:ssZ`.
pub fn utc(unix: i64) -> String {
    // Written field by field: exports format a million of these, and chrono's `format`
    // interprets its pattern on every call.
    Utc.timestamp_opt(unix, 0)
        .single()
        .map(|t| {
            format!(
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
                t.year(),
                t.month(),
                t.day(),
                t.hour(),
                t.minute(),
                t.second()
            )
        })
        .unwrap_or_default()
}

/// Parses `yyyy-MM-ddTHH:mm:ssZ` into unix seconds, naming the field on failure.
pub fn parse_utc(field: &str, s: &str) -> Result<i64, domain::Violation> {
    DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%#z")
        .ok()
        .filter(|_| s.len() == 20 && s.ends_with('Z'))
        .map(|t| t.timestamp())
        .ok_or_else(|| {
            domain::Violation::param(format!(
                "{field} must be a UTC time formatted yyyy-MM-ddTHH:mm:ssZ"
            ))
        })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn utc_times_are_written_as_huawei_writes_them() {
        assert_eq!(utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(utc(1_798_761_599), "2026-12-31T23:59:59Z");
        assert_eq!(parse_utc("t", &utc(1_764_000_123)), Ok(1_764_000_123));
    }

    #[test]
    fn amounts_serialize_as_fixed_scale_numbers() {
        let s = serde_json::to_string(&WireAmount(Money::from_cents(1000))).unwrap();
        assert_eq!(s, "10.00");
        let s = serde_json::to_string(&WireAmount(Money::from_cents(7))).unwrap();
        assert_eq!(s, "0.07");
    }

    #[test]
    fn decimals_parse_from_numbers_and_strings() {
        let a: DecimalInput = serde_json::from_str("10.10").unwrap();
        assert_eq!(a.0.to_string(), "10.10");
        let b: DecimalInput = serde_json::from_str("\"1.11\"").unwrap();
        assert_eq!(b.0.to_string(), "1.11");
        assert!(serde_json::from_str::<DecimalInput>("true").is_err());
        assert!(serde_json::from_str::<DecimalInput>("\"x\"").is_err());
    }

    #[test]
    fn utc_round_trip() {
        assert_eq!(utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(
            parse_utc("t", "2026-01-02T03:04:05Z").unwrap(),
            1_767_323_045
        );
        assert!(parse_utc("t", "2026-01-02 03:04:05").is_err());
        assert!(parse_utc("t", "2026-01-02T03:04:05+08:00").is_err());
    }
}
