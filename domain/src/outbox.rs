//! Delivery of outbox messages (#21): the states a message goes through, when a failed one is
//! tried again, and the language a recipient reads.

/// Where a message stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryStatus {
    /// Waiting for its channel's sender (first attempt or a retry).
    Pending,
    /// Handed to the SMTP server or gateway.
    Sent,
    /// Given up after the last retry.
    Failed,
    /// Written before delivery existed, or its channel has no sender configured.
    Unsent,
}

impl DeliveryStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "PENDING",
            Self::Sent => "SENT",
            Self::Failed => "FAILED",
            Self::Unsent => "UNSENT",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Pending, Self::Sent, Self::Failed, Self::Unsent]
            .into_iter()
            .find(|v| v.as_str() == s)
    }
}

/// What the operator is shown for a message: its status, and why it was not sent when it
/// waits on a channel with no sender configured here.
pub fn shown(
    stored: DeliveryStatus,
    channel: &str,
    channel_configured: bool,
) -> (DeliveryStatus, Option<&'static str>) {
    match stored {
        DeliveryStatus::Pending | DeliveryStatus::Unsent if !channel_configured => {
            (DeliveryStatus::Unsent, Some(unconfigured(channel)))
        }
        DeliveryStatus::Unsent => (
            DeliveryStatus::Unsent,
            Some("written before delivery was configured; not sent"),
        ),
        other => (other, None),
    }
}

fn unconfigured(channel: &str) -> &'static str {
    match channel {
        "EMAIL" => "no SMTP server configured (BSS_SMTP_URL)",
        "SMS" => "no SMS gateway configured (BSS_SMS_GATEWAY_URL)",
        _ => "no sender configured for this channel",
    }
}

/// Seconds after the n-th failed attempt (1-based) before the next: about 16 hours in all.
const SCHEDULE: [i64; 12] = [
    30, 60, 120, 300, 600, 1200, 1800, 3600, 3600, 7200, 14400, 28800,
];

/// The attempts a message gets before it is given up.
pub const MAX_ATTEMPTS: i32 = SCHEDULE.len() as i32 + 1;

/// Characters of an error kept on the message.
pub const ERROR_CHARS: usize = 200;

/// When to try again after `attempts` failed attempts, or `None` to give up. `jitter` in
/// `[0, 1)` spreads retries by up to ±20 %.
pub fn next_attempt(attempts: i32, now: i64, jitter: f64) -> Option<i64> {
    let idx = usize::try_from(attempts.checked_sub(1)?).ok()?;
    let base = *SCHEDULE.get(idx)?;
    let j = jitter.clamp(0.0, 1.0);
    let spread = (base as f64 * (0.8 + 0.4 * j)).round() as i64;
    Some(now + spread.max(1))
}

/// An error as kept on the message: one line, short, with `secret` (a password) blanked.
pub fn error_excerpt(error: &str, secret: Option<&str>) -> String {
    let mut e = error.replace(['\r', '\n'], " ");
    if let Some(s) = secret.filter(|s| !s.is_empty()) {
        e = e.replace(s, "***");
    }
    e.chars().take(ERROR_CHARS).collect()
}

/// The language a user reads notices in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Language {
    #[default]
    ZhCn,
    En,
}

impl Language {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ZhCn => "zh-CN",
            Self::En => "en",
        }
    }

    /// A stored language; anything unknown reads as the default.
    pub fn from_stored(s: &str) -> Self {
        match s {
            "en" => Self::En,
            _ => Self::ZhCn,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_then_give_up() {
        assert_eq!(next_attempt(1, 1000, 0.5), Some(1030));
        assert_eq!(next_attempt(2, 1000, 0.0), Some(1048));
        assert_eq!(next_attempt(12, 0, 0.5), Some(28800));
        assert_eq!(next_attempt(MAX_ATTEMPTS, 0, 0.5), None);
        assert_eq!(next_attempt(0, 0, 0.5), None);
    }

    #[test]
    fn errors_lose_secrets_and_length() {
        let e = error_excerpt("auth failed for pw hunter2\nbye", Some("hunter2"));
        assert_eq!(e, "auth failed for pw *** bye");
        assert_eq!(error_excerpt(&"x".repeat(500), None).len(), ERROR_CHARS);
    }

    #[test]
    fn unconfigured_channels_say_why() {
        use DeliveryStatus::*;
        assert_eq!(
            shown(Pending, "EMAIL", false),
            (Unsent, Some("no SMTP server configured (BSS_SMTP_URL)"))
        );
        assert_eq!(
            shown(Pending, "SMS", false).1,
            Some("no SMS gateway configured (BSS_SMS_GATEWAY_URL)")
        );
        assert_eq!(shown(Pending, "EMAIL", true), (Pending, None));
        assert_eq!(shown(Sent, "EMAIL", false), (Sent, None));
        assert_eq!(shown(Unsent, "EMAIL", true).0, Unsent);
    }

    #[test]
    fn statuses_and_languages_round_trip() {
        for s in ["PENDING", "SENT", "FAILED", "UNSENT"] {
            assert_eq!(DeliveryStatus::parse(s).map(|d| d.as_str()), Some(s));
        }
        assert_eq!(Language::from_stored("en"), Language::En);
        assert_eq!(Language::from_stored("zh-CN"), Language::ZhCn);
    }
}
