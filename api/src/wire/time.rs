//! UTC times on the wire: `yyyy-MM-ddTHH:mm:ssZ`, read into unix seconds.

use chrono::{DateTime, Datelike, TimeZone, Timelike, Utc};
use serde::{Deserialize, Deserializer};
use utoipa::openapi::{RefOr, Schema};
use utoipa::{PartialSchema, ToSchema};

/// A UTC time given by the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct UtcTime(i64);

impl UtcTime {
    pub fn unix(self) -> i64 {
        self.0
    }
}

impl<'de> Deserialize<'de> for UtcTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        parse(&s).map(UtcTime).ok_or_else(|| {
            serde::de::Error::custom("must be a UTC time formatted yyyy-MM-ddTHH:mm:ssZ")
        })
    }
}

impl PartialSchema for UtcTime {
    fn schema() -> RefOr<Schema> {
        crate::schemas::utc_time().into()
    }
}

impl ToSchema for UtcTime {
    fn name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("wire.UtcTime")
    }
}

crate::register!(UtcTime);

fn parse(s: &str) -> Option<i64> {
    DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%#z")
        .ok()
        .filter(|_| s.len() == 20 && s.ends_with('Z'))
        .map(|t| t.timestamp())
}

/// Parses `yyyy-MM-ddTHH:mm:ssZ` into unix seconds, naming the field on failure.
pub fn parse_utc(field: &str, s: &str) -> Result<i64, domain::Violation> {
    parse(s).ok_or_else(|| {
        domain::Violation::param(format!(
            "{field} must be a UTC time formatted yyyy-MM-ddTHH:mm:ssZ"
        ))
    })
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_times_are_written_as_huawei_writes_them() {
        assert_eq!(utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(utc(1_798_761_599), "2026-12-31T23:59:59Z");
        assert_eq!(parse_utc("t", &utc(1_764_000_123)), Ok(1_764_000_123));
        assert_eq!(parse_utc("t", "2026-01-02T03:04:05Z"), Ok(1_767_323_045));
        assert!(parse_utc("t", "2026-01-02 03:04:05").is_err());
        assert!(parse_utc("t", "2026-01-02T03:04:05+08:00").is_err());
        let t: Option<UtcTime> = serde_json::from_str("\"2026-01-02T03:04:05Z\"").ok();
        assert_eq!(t.map(UtcTime::unix), Some(1_767_323_045));
    }
}
