//! SMS verification codes (SendVerificationMessageCode): phone numbers, code lifetime, the
//! per-phone send limits and the check of a code a caller presents.

use crate::{codes, Violation};

/// Huawei's limits per phone number.
pub const MAX_PER_HOUR: i64 = 15;
pub const MAX_PER_DAY: i64 = 60;
/// Wrong guesses after which a code is void (a 6-digit code must not be brute-forced).
pub const MAX_FAILED_ATTEMPTS: i32 = 5;
pub const CODE_DIGITS: usize = 6;

/// Scenes of SendVerificationMessageCode.
pub const SCENE_REGISTER: i32 = 29;
pub const SCENE_BANK_CARD: i32 = 18;

/// A mainland-China mobile number, 11 digits starting with 1 (the only kind Huawei supports).
pub fn check_cn_mobile(field: &str, s: &str) -> Result<(), Violation> {
    let ok = s.len() == 11 && s.starts_with('1') && s.bytes().all(|b| b.is_ascii_digit());
    if ok {
        Ok(())
    } else {
        Err(Violation::param(format!(
            "{field} must be a mainland China mobile number of 11 digits, e.g. 13800000000"
        )))
    }
}

/// The code's lifetime in minutes: default 10; Huawei fixes anything above 60 to 5.
pub fn timeout_minutes(requested: Option<i64>) -> Result<i64, Violation> {
    match requested {
        None => Ok(10),
        Some(m) if m < 1 => Err(Violation::param("timeout must be at least 1 minute")),
        Some(m) if m > 60 => Ok(5),
        Some(m) => Ok(m),
    }
}

/// Refuses a send once the phone had 15 codes in the last hour or 60 in the last day.
pub fn check_send_limits(sent_last_hour: i64, sent_last_day: i64) -> Result<(), Violation> {
    if sent_last_hour >= MAX_PER_HOUR || sent_last_day >= MAX_PER_DAY {
        return Err(Violation::new(
            codes::VERIFICATION_SEND_LIMIT,
            "verification codes to this mobile_phone are limited to 15 an hour and 60 a day",
        ));
    }
    Ok(())
}

/// The last code sent to a phone, as far as the check needs it.
#[derive(Debug, Clone, Copy)]
pub struct SentCode {
    pub expire_at: i64,
    pub used: bool,
    pub failed_attempts: i32,
    /// Whether the presented code matches this one.
    pub matches: bool,
}

/// Checks a presented code against the last one sent: missing or wrong → wrong code;
/// expired, used or worn out by guesses → expired.
pub fn check_code(last: Option<SentCode>, now: i64) -> Result<(), Violation> {
    let wrong = || {
        Violation::new(
            codes::VERIFICATION_CODE_WRONG,
            "verification_code is wrong; request a code for this mobile_phone first",
        )
    };
    let last = last.ok_or_else(wrong)?;
    if last.used || now >= last.expire_at || last.failed_attempts >= MAX_FAILED_ATTEMPTS {
        return Err(Violation::new(
            codes::VERIFICATION_CODE_EXPIRED,
            "verification_code has expired; request a new one",
        ));
    }
    if !last.matches {
        return Err(wrong());
    }
    Ok(())
}

/// `13812345678` → `138****5678`, for logs and lists that must not show the number.
pub fn mask_phone(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() < 7 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..3].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}****{tail}")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn phones_timeouts_and_masks() {
        assert!(check_cn_mobile("mobile_phone", "13800000000").is_ok());
        for bad in ["1380000000", "23800000000", "1380000000a", "+8613800000000"] {
            assert!(check_cn_mobile("mobile_phone", bad).is_err(), "{bad}");
        }
        assert_eq!(timeout_minutes(None), Ok(10));
        assert_eq!(timeout_minutes(Some(30)), Ok(30));
        assert_eq!(timeout_minutes(Some(61)), Ok(5));
        assert!(timeout_minutes(Some(0)).is_err());
        assert_eq!(mask_phone("13812345678"), "138****5678");
        assert_eq!(mask_phone("123"), "***");
    }

    #[test]
    fn limits() {
        assert!(check_send_limits(14, 59).is_ok());
        assert_eq!(
            check_send_limits(15, 15).unwrap_err().code,
            codes::VERIFICATION_SEND_LIMIT
        );
        assert!(check_send_limits(0, 60).is_err());
    }

    #[test]
    fn codes_are_checked() {
        let sent = SentCode {
            expire_at: 100,
            used: false,
            failed_attempts: 0,
            matches: true,
        };
        assert!(check_code(Some(sent), 99).is_ok());
        let code = |c: Option<SentCode>, now| check_code(c, now).unwrap_err().code;
        assert_eq!(code(None, 0), codes::VERIFICATION_CODE_WRONG);
        let wrong = SentCode {
            matches: false,
            ..sent
        };
        assert_eq!(code(Some(wrong), 0), codes::VERIFICATION_CODE_WRONG);
        assert_eq!(code(Some(sent), 100), codes::VERIFICATION_CODE_EXPIRED);
        let used = SentCode { used: true, ..sent };
        assert_eq!(code(Some(used), 0), codes::VERIFICATION_CODE_EXPIRED);
        let worn = SentCode {
            failed_attempts: MAX_FAILED_ATTEMPTS,
            ..sent
        };
        assert_eq!(code(Some(worn), 0), codes::VERIFICATION_CODE_EXPIRED);
    }
}
