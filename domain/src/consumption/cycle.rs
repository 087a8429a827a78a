//! Bill cycles: calendar months in UTC+8 (`YYYY-MM`). A cycle closes at its end; a record that
//! arrives after its own cycle closed goes to the open cycle (keeping its own `bill_date`), so
//! a closed cycle's sums never change.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeZone};

const UTC8: i32 = 8 * 3600;

fn beijing(unix: i64) -> Option<DateTime<FixedOffset>> {
    FixedOffset::east_opt(UTC8)?.timestamp_opt(unix, 0).single()
}

/// The cycle (`YYYY-MM`, UTC+8) a moment falls in.
pub fn bill_cycle(unix: i64) -> String {
    beijing(unix).map_or_else(
        || "1970-01".to_owned(),
        |t| format!("{:04}-{:02}", t.year(), t.month()),
    )
}

/// The day (`YYYY-MM-DD`, UTC+8) a moment falls on.
pub fn bill_date(unix: i64) -> String {
    beijing(unix).map_or_else(
        || "1970-01-01".to_owned(),
        |t| format!("{:04}-{:02}-{:02}", t.year(), t.month(), t.day()),
    )
}

/// `YYYY-MM` read as (year, month), if it is one.
pub fn parse_cycle(cycle: &str) -> Option<(i32, u32)> {
    let (y, m) = cycle.split_once('-')?;
    if y.len() != 4 || m.len() != 2 {
        return None;
    }
    let (y, m) = (y.parse::<i32>().ok()?, m.parse::<u32>().ok()?);
    (1..=12).contains(&m).then_some((y, m))
}

/// The first moment of a cycle (unix seconds), if `cycle` is one.
pub fn cycle_start(cycle: &str) -> Option<i64> {
    let (y, m) = parse_cycle(cycle)?;
    let day = NaiveDate::from_ymd_opt(y, m, 1)?.and_hms_opt(0, 0, 0)?;
    Some(day.and_utc().timestamp() - i64::from(UTC8))
}

/// The first moment after a cycle.
pub fn cycle_end(cycle: &str) -> Option<i64> {
    let (y, m) = parse_cycle(cycle)?;
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    cycle_start(&format!("{ny:04}-{nm:02}"))
}

/// Whether the cycle has ended at `now`.
pub fn is_closed(cycle: &str, now: i64) -> bool {
    cycle_end(cycle).is_some_and(|end| now >= end)
}

/// The cycle a record that happened at `at` is billed in when it arrives at `now`: its own
/// cycle while that is open, else the open one.
pub fn cycle_of_record(at: i64, now: i64) -> String {
    let own = bill_cycle(at);
    if is_closed(&own, now) {
        bill_cycle(now)
    } else {
        own
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::type_complexity)]
    use super::*;

    fn t(s: &str) -> i64 {
        chrono::DateTime::parse_from_rfc3339(s).unwrap().timestamp()
    }

    #[test]
    fn cycles_are_months_in_utc8() {
        for (at, cycle, date) in [
            ("2026-11-30T15:59:59Z", "2026-11", "2026-11-30"),
            ("2026-11-30T16:00:00Z", "2026-12", "2026-12-01"),
            ("2026-12-31T16:00:00Z", "2027-01", "2027-01-01"),
            ("2026-01-01T00:00:00Z", "2026-01", "2026-01-01"),
        ] {
            assert_eq!(bill_cycle(t(at)), cycle, "{at}");
            assert_eq!(bill_date(t(at)), date, "{at}");
        }
        assert_eq!(cycle_start("2026-12"), Some(t("2026-11-30T16:00:00Z")));
        assert_eq!(cycle_end("2026-12"), Some(t("2026-12-31T16:00:00Z")));
        for bad in ["2026-13", "2026-1", "26-01", "2026/01", "x"] {
            assert_eq!(cycle_start(bad), None, "{bad}");
        }
    }

    #[test]
    fn late_records_go_to_the_open_cycle() {
        let at = t("2026-11-20T00:00:00Z");
        // (now, cycle billed)
        for (now, cycle) in [
            ("2026-11-25T00:00:00Z", "2026-11"),
            ("2026-11-30T15:59:59Z", "2026-11"),
            ("2026-11-30T16:00:00Z", "2026-12"),
            ("2027-02-03T00:00:00Z", "2027-02"),
        ] {
            assert_eq!(cycle_of_record(at, t(now)), cycle, "{now}");
        }
        assert!(!is_closed("2026-11", t("2026-11-30T15:59:59Z")));
        assert!(is_closed("2026-11", t("2026-11-30T16:00:00Z")));
    }
}
