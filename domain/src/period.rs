//! Time windows of queries: the change-record dates (`YYYY-MM-DD` in UTC+8, default the last
//! year, at most one year) and UTC time ranges.

use crate::Violation;
use chrono::{Duration, FixedOffset, Months, NaiveDate, TimeZone};

/// Beijing time, in which Huawei's change-record dates are given.
fn utc8() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).unwrap_or_else(|| unreachable!("8 h is a valid offset"))
}

/// `[from, until)` in unix seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub from: i64,
    pub until: i64,
}

/// `YYYY-MM-DD` as [`parse_date`] reads it: a calendar day (29 February is left out rather
/// than checking leap years in a pattern).
pub const DATE_PATTERN: &str = r"^[0-9]{4}-((0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])|(0[13-9]|1[0-2])-(29|30)|(0[13578]|1[02])-31)$";

fn parse_date(field: &str, s: &str) -> Result<NaiveDate, Violation> {
    let ok = s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-';
    ok.then(|| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        .flatten()
        .ok_or_else(|| {
            Violation::param(format!(
                "{field} must be a date formatted YYYY-MM-DD (UTC+8)"
            ))
        })
}

fn midnight(d: NaiveDate) -> i64 {
    utc8()
        .from_local_datetime(&d.and_time(chrono::NaiveTime::MIN))
        .single()
        .map_or(0, |t| t.timestamp())
}

/// The window of `trade_time_begin`/`trade_time_end`: both dates inclusive, end defaulting to
/// today and begin to one year before the end; the span may not exceed one year.
pub fn change_record_window(
    begin: Option<&str>,
    end: Option<&str>,
    now: i64,
) -> Result<Window, Violation> {
    let today = utc8()
        .timestamp_opt(now, 0)
        .single()
        .map(|t| t.date_naive())
        .ok_or_else(|| Violation::param("clock out of range"))?;
    let end = match end {
        Some(s) => parse_date("trade_time_end", s)?,
        None => today,
    };
    let year_before = end.checked_sub_months(Months::new(12)).unwrap_or(end);
    let begin = match begin {
        Some(s) => parse_date("trade_time_begin", s)?,
        None => year_before,
    };
    // Two well-formed dates; how they relate is a business rule, not a format.
    if begin > end {
        return Err(Violation::new(
            crate::codes::TIME_WINDOW_INVALID,
            "trade_time_begin must not be after trade_time_end",
        ));
    }
    if begin < year_before {
        return Err(Violation::new(
            crate::codes::TIME_WINDOW_INVALID,
            "trade_time_begin and trade_time_end may be at most one year apart",
        ));
    }
    Ok(Window {
        from: midnight(begin),
        until: midnight(end + Duration::days(1)),
    })
}

/// Longest span of a `…_begin`/`…_end` pair of UTC times where one is limited.
pub const MAX_SPAN_SECS: i64 = 366 * 86_400;

/// A `…_begin`/`…_end` pair of UTC times (unix seconds), each optional: the begin is not after
/// the end, and with `max_span` they are at most that far apart. Two well-formed times in the
/// wrong relation are a business answer, not a format error.
pub fn check_window(
    (begin_name, begin): (&str, Option<i64>),
    (end_name, end): (&str, Option<i64>),
    max_span: Option<i64>,
) -> Result<(), Violation> {
    let (Some(b), Some(e)) = (begin, end) else {
        return Ok(());
    };
    if b > e {
        return Err(Violation::new(
            crate::codes::TIME_WINDOW_INVALID,
            format!("{begin_name} must not be after {end_name}"),
        ));
    }
    if max_span.is_some_and(|m| e - b > m) {
        return Err(Violation::new(
            crate::codes::TIME_WINDOW_INVALID,
            format!("{begin_name} and {end_name} may be at most one year apart"),
        ));
    }
    Ok(())
}

/// The `yyyy-MM` bill cycle (UTC+8) of a moment.
pub fn bill_cycle(unix: i64) -> String {
    utc8()
        .timestamp_opt(unix, 0)
        .single()
        .map(|t| t.format("%Y-%m").to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2026-11-25T12:00:00Z = 20:00 in UTC+8.
    const NOW: i64 = 1_795_608_000;

    #[test]
    fn defaults_are_the_last_year_to_today() {
        let w = change_record_window(None, None, NOW).unwrap_or(Window { from: 0, until: 0 });
        assert_eq!(
            w.until,
            midnight(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap_or_default())
        );
        assert_eq!(
            w.from,
            midnight(NaiveDate::from_ymd_opt(2025, 11, 25).unwrap_or_default())
        );
    }

    #[test]
    fn dates_are_beijing_days_inclusive() {
        let w = change_record_window(Some("2026-01-01"), Some("2026-01-01"), NOW)
            .unwrap_or(Window { from: 0, until: 0 });
        // 2026-01-01 00:00 UTC+8 is 2025-12-31T16:00:00Z.
        assert_eq!(w.from, 1_767_196_800);
        assert_eq!(w.until - w.from, 86_400);
    }

    #[test]
    fn bad_dates_and_spans_are_refused() {
        for (b, e) in [
            (Some("2026-1-01"), None),
            (Some("2026-13-01"), None),
            (Some("2026-01-01T00:00:00Z"), None),
            (Some("2026-03-01"), Some("2026-02-01")),
            (Some("2025-01-01"), Some("2026-06-30")),
        ] {
            assert!(change_record_window(b, e, NOW).is_err(), "{b:?} {e:?}");
        }
        assert!(change_record_window(Some("2025-06-30"), Some("2026-06-30"), NOW).is_ok());
        assert_eq!(bill_cycle(NOW), "2026-11");
    }
}
