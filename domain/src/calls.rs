//! S16 outbound calls: the platform's voice gateway bridges the calling partner user's phone
//! with the lead's number, which the partner never sees. A call starts `DIALING`; the gateway
//! reports one final outcome (`ANSWERED`, `NO_ANSWER`, `BUSY`, `FAILED`) with the talk time.

use crate::{codes, Violation};

crate::coded_enum! {
    /// `DIALING` until the gateway reports `ANSWERED`, `NO_ANSWER`, `BUSY` or `FAILED`.
    pub enum CallStatus: text {
        Dialing = "DIALING",
        Answered = "ANSWERED",
        NoAnswer = "NO_ANSWER",
        Busy = "BUSY",
        Failed = "FAILED",
    }
}

crate::coded_enum! {
    /// The outcome a voice gateway reports.
    pub enum CallOutcome: text {
        Answered = "ANSWERED",
        NoAnswer = "NO_ANSWER",
        Busy = "BUSY",
        Failed = "FAILED",
    }
}

/// The longest call the gateway may report, in seconds (one day).
pub const MAX_DURATION_SECS: i64 = 86_400;

impl CallOutcome {
    pub fn status(self) -> CallStatus {
        match self {
            CallOutcome::Answered => CallStatus::Answered,
            CallOutcome::NoAnswer => CallStatus::NoAnswer,
            CallOutcome::Busy => CallStatus::Busy,
            CallOutcome::Failed => CallStatus::Failed,
        }
    }
}

/// A reported outcome as recorded: talk time only for an answered call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reported {
    pub outcome: CallOutcome,
    pub duration_secs: i64,
}

impl Reported {
    /// Only an answered call has talk time; any other outcome records 0.
    pub fn new(outcome: CallOutcome, duration_secs: i64) -> Reported {
        let duration_secs = if outcome == CallOutcome::Answered {
            duration_secs.clamp(0, MAX_DURATION_SECS)
        } else {
            0
        };
        Reported {
            outcome,
            duration_secs,
        }
    }

    /// The line the lead's follow-up shows for this outcome.
    pub fn summary(&self) -> String {
        match self.outcome {
            CallOutcome::Answered => format!("ANSWERED, {} s", self.duration_secs),
            other => other.as_str().to_owned(),
        }
    }
}

/// A call as recorded. It holds no number: the lead does, and never shows it through a call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    /// Also the id of the lead follow-up that records it.
    pub id: String,
    pub lead_id: String,
    pub partner_id: String,
    /// The partner user whose phone was bridged.
    pub user_id: String,
    pub status: CallStatus,
    pub duration_secs: i64,
    pub created_at: i64,
    pub ended_at: Option<i64>,
}

/// What to do with a reported outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Apply {
    /// A dialing call takes its outcome.
    Record,
    /// The same outcome again: nothing changes.
    Repeat,
}

/// A dialing call takes the reported outcome; the same outcome reported again is a repeat;
/// a different one contradicts the record (CBC.99100262).
pub fn apply(current: CallStatus, recorded_secs: i64, r: &Reported) -> Result<Apply, Violation> {
    if current == CallStatus::Dialing {
        return Ok(Apply::Record);
    }
    if current == r.outcome.status() && recorded_secs == r.duration_secs {
        return Ok(Apply::Repeat);
    }
    Err(Violation::new(
        codes::CALL_OUTCOME_CONFLICT,
        format!(
            "the call already ended as {}; a different outcome is not recorded",
            current.as_str()
        ),
    ))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn outcomes() {
        let answered = Reported::new(CallOutcome::Answered, 95);
        assert_eq!(apply(CallStatus::Dialing, 0, &answered), Ok(Apply::Record));
        assert_eq!(
            apply(CallStatus::Answered, 95, &answered),
            Ok(Apply::Repeat)
        );
        assert_eq!(
            apply(CallStatus::Answered, 94, &answered).unwrap_err().code,
            codes::CALL_OUTCOME_CONFLICT
        );
        let busy = Reported::new(CallOutcome::Busy, 30);
        assert_eq!(busy.duration_secs, 0);
        assert_eq!(busy.summary(), "BUSY");
        assert_eq!(answered.summary(), "ANSWERED, 95 s");
        assert!(apply(CallStatus::Answered, 95, &busy).is_err());
        assert_eq!(apply(CallStatus::Busy, 0, &busy), Ok(Apply::Repeat));
    }
}
