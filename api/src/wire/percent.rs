//! A percentage on the wire (`"5.00"`): in (0, 100] with at most two decimals, a JSON number
//! or a string, kept exactly (`domain::opportunities::pce::incentive::Percent`).

use domain::money::parse_decimal;
use domain::opportunities::pce::incentive::{self, Percent as DomainPercent, PERCENT_DECIMALS};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::str::FromStr;
use utoipa::openapi::schema::{ObjectBuilder, SchemaType, Type};
use utoipa::openapi::{RefOr, Schema};
use utoipa::{PartialSchema, ToSchema};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Percent(pub DomainPercent);

impl<'de> Deserialize<'de> for Percent {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        let text = match &v {
            serde_json::Value::Number(n) => n.to_string(),
            serde_json::Value::String(s) => s.clone(),
            _ => String::new(),
        };
        parse_decimal(&text)
            .ok()
            .and_then(DomainPercent::from_decimal)
            .map(Percent)
            .ok_or_else(|| {
                serde::de::Error::custom(
                    incentive::percent_invalid("the value")
                        .message
                        .trim_start_matches("the value ")
                        .to_owned(),
                )
            })
    }
}

/// Written as a JSON number with two decimals (`5.00`).
impl Serialize for Percent {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let n = serde_json::Number::from_str(&format!("{:.2}", self.0.to_decimal()))
            .map_err(serde::ser::Error::custom)?;
        n.serialize(s)
    }
}

const PATTERN: &str = r"^(100(\.00?)?|0\.(0[1-9]|[1-9][0-9]?)|[1-9][0-9]?(\.[0-9]{1,2})?)$";

impl PartialSchema for Percent {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(SchemaType::from_iter([Type::Number, Type::String]))
            .description(Some(format!(
                "A percentage in (0, 100] with at most {PERCENT_DECIMALS} decimals; a JSON number or a string."
            )))
            .exclusive_minimum(Some(0.0))
            .maximum(Some(100.0))
            .multiple_of(Some(0.01))
            .pattern(Some(PATTERN))
            .examples([serde_json::json!("5.00")])
            .into()
    }
}

impl ToSchema for Percent {
    fn name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("wire.Percent")
    }
}
crate::register!(Percent);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_read_exactly_and_write_with_two_decimals() {
        for (text, want) in [("5", 500), ("\"5.00\"", 500), ("0.01", 1), ("100", 10_000)] {
            let p: Option<Percent> = serde_json::from_str(text).ok();
            assert_eq!(p.map(|p| p.0.hundredths()), Some(want), "{text}");
        }
        for bad in ["0", "-5", "100.01", "5.001", "true", "\"x\"", "null"] {
            assert!(serde_json::from_str::<Percent>(bad).is_err(), "{bad}");
        }
        let p: Option<Percent> = serde_json::from_str("12.5").ok();
        let s = p.and_then(|p| serde_json::to_string(&p).ok());
        assert_eq!(s.as_deref(), Some("12.50"));
        let re = regex_lite::Regex::new(PATTERN).ok();
        for ok in [
            "0.01", "0.1", "0.10", "5", "5.00", "99.99", "100", "100.0", "100.00",
        ] {
            assert!(re.as_ref().is_some_and(|r| r.is_match(ok)), "{ok}");
        }
        for bad in ["0", "0.00", "05", "100.01", "101", "5.001", " 5"] {
            assert!(!re.as_ref().is_some_and(|r| r.is_match(bad)), "{bad}");
        }
    }
}
