//! `X-Sdk-Date` (`%Y%m%dT%H%M%SZ`, UTC) parsing and formatting, with civil-date math done by hand.

use crate::SignatureError;

/// Parses X-Sdk-Date into unix seconds. Strict: exactly `YYYYMMDDTHHMMSSZ`, a real calendar date.
///
/// Strictness also guarantees the header text equals the SDK's `strftime(strptime(text))`, which is
/// what the SDK puts into the string to sign.
pub fn parse_sdk_date(value: &str) -> Result<i64, SignatureError> {
    let b = value.as_bytes();
    if b.len() != 16 || b[8] != b'T' || b[15] != b'Z' {
        return Err(SignatureError::MalformedDate);
    }
    let num = |range: std::ops::Range<usize>| -> Result<i64, SignatureError> {
        b[range].iter().try_fold(0i64, |acc, &c| {
            if c.is_ascii_digit() {
                Ok(acc * 10 + i64::from(c - b'0'))
            } else {
                Err(SignatureError::MalformedDate)
            }
        })
    };
    let (year, month, day) = (num(0..4)?, num(4..6)?, num(6..8)?);
    let (hour, minute, second) = (num(9..11)?, num(11..13)?, num(13..15)?);
    // Python's datetime starts at year 1 and has no leap seconds.
    if year < 1
        || !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 59
    {
        return Err(SignatureError::MalformedDate);
    }
    Ok(days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second)
}

/// Formats unix seconds as X-Sdk-Date (UTC).
pub fn format_sdk_date(unix: i64) -> String {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}{month:02}{day:02}T{:02}{:02}{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian, day 0 = 1970-01-01).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn known_dates() {
        for (text, unix) in [
            ("19700101T000000Z", 0),
            ("20000229T235959Z", 951_868_799),
            ("20261125T122324Z", 1_795_609_404),
            ("19691231T235959Z", -1),
            ("00010101T000000Z", -62_135_596_800),
            ("99991231T235959Z", 253_402_300_799),
        ] {
            assert_eq!(parse_sdk_date(text).unwrap(), unix, "{text}");
            assert_eq!(format_sdk_date(unix), text);
        }
    }

    #[test]
    fn round_trip_every_day_over_several_centuries() {
        let mut day = days_from_civil(1850, 1, 1);
        let end = days_from_civil(2450, 12, 31);
        while day <= end {
            let unix = day * 86_400 + 45_296;
            assert_eq!(parse_sdk_date(&format_sdk_date(unix)).unwrap(), unix);
            day += 1;
        }
    }

    #[test]
    fn rejects_malformed() {
        for bad in [
            "",
            "20261125T122324",
            "20261125T122324z",
            "20261125 122324Z",
            "2026-11-25T12:23:24Z",
            "20261125T12232AZ",
            "2026112T5122324Z",
            "+0261125T122324Z",
            "20261325T122324Z",
            "20261100T122324Z",
            "20260229T122324Z",
            "20261131T122324Z",
            "20261125T242324Z",
            "20261125T126024Z",
            "20261125T122360Z",
            "00000101T000000Z",
            " 20261125T122324Z",
            "20261125T122324Z ",
            "２0261125T122324Z",
        ] {
            assert_eq!(
                parse_sdk_date(bad),
                Err(SignatureError::MalformedDate),
                "{bad:?}"
            );
        }
        assert!(parse_sdk_date("20240229T000000Z").is_ok());
        assert!(parse_sdk_date("21000229T000000Z").is_err());
    }

    #[test]
    fn extreme_inputs_do_not_panic() {
        let _ = format_sdk_date(i64::MIN / 2);
        let _ = format_sdk_date(i64::MAX / 2);
    }
}
