//! Bill cycles and bill dates on the wire (issue 22): `YYYY-MM` and `YYYY-MM-DD`, UTC+8.

use serde::{Deserialize, Deserializer};
use utoipa::openapi::schema::{ObjectBuilder, SchemaType, Type};
use utoipa::openapi::{RefOr, Schema};
use utoipa::{PartialSchema, ToSchema};

/// A bill cycle, `YYYY-MM` (UTC+8).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BillCycle(String);

impl BillCycle {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for BillCycle {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        domain::consumption::cycle::parse_cycle(&s)
            .map(|_| BillCycle(s))
            .ok_or_else(|| serde::de::Error::custom("must be a bill cycle formatted YYYY-MM"))
    }
}

impl PartialSchema for BillCycle {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(SchemaType::Type(Type::String))
            .pattern(Some(r"^\d{4}-(0[1-9]|1[0-2])$"))
            .description(Some("A bill cycle (month, UTC+8), formatted YYYY-MM."))
            .examples([serde_json::json!("2026-11")])
            .into()
    }
}

impl ToSchema for BillCycle {
    fn name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("wire.BillCycle")
    }
}
crate::register!(BillCycle);

/// A bill date, `YYYY-MM-DD` (UTC+8).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BillDate(String);

impl BillDate {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for BillDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d")
            .ok()
            .filter(|_| s.len() == 10)
            .map(|_| BillDate(s))
            .ok_or_else(|| serde::de::Error::custom("must be a date formatted YYYY-MM-DD"))
    }
}

impl PartialSchema for BillDate {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(SchemaType::Type(Type::String))
            .format(Some(utoipa::openapi::SchemaFormat::KnownFormat(
                utoipa::openapi::KnownFormat::Date,
            )))
            .pattern(Some(r"^\d{4}-\d{2}-\d{2}$"))
            .description(Some("A day (UTC+8), formatted YYYY-MM-DD."))
            .examples([serde_json::json!("2026-11-05")])
            .into()
    }
}

impl ToSchema for BillDate {
    fn name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("wire.BillDate")
    }
}
crate::register!(BillDate);
