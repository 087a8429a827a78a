//! S3: the life of a reseller invitation. `PENDING → ACCEPTED | REJECTED | EXPIRED | CANCELLED`.
//! Expiry is not a write: a pending invitation past its expiry *is* expired at that moment.

use crate::{codes, Violation};

/// How long an invitation stays open.
pub const TTL_SECS: i64 = 7 * 24 * 3600;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvitationStatus {
    Pending,
    Accepted,
    Rejected,
    Expired,
    Cancelled,
}

impl InvitationStatus {
    pub const ALL: [InvitationStatus; 5] = [
        Self::Pending,
        Self::Accepted,
        Self::Rejected,
        Self::Expired,
        Self::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "PENDING",
            Self::Accepted => "ACCEPTED",
            Self::Rejected => "REJECTED",
            Self::Expired => "EXPIRED",
            Self::Cancelled => "CANCELLED",
        }
    }

    /// Parses the `status` filter, naming it on failure.
    pub fn parse(s: &str) -> Result<Self, Violation> {
        Self::ALL
            .into_iter()
            .find(|t| t.as_str() == s)
            .ok_or_else(|| {
                Violation::param(
                    "status must be one of PENDING, ACCEPTED, REJECTED, EXPIRED, CANCELLED",
                )
            })
    }

    /// The status as seen at `now`: a stored PENDING past `expire_at` is EXPIRED.
    pub fn effective(self, expire_at: i64, now: i64) -> Self {
        if self == Self::Pending && now >= expire_at {
            Self::Expired
        } else {
            self
        }
    }
}

/// An answer (accept, reject, cancel) is possible only while the invitation is pending.
pub fn check_answerable(
    stored: InvitationStatus,
    expire_at: i64,
    now: i64,
) -> Result<(), Violation> {
    match stored.effective(expire_at, now) {
        InvitationStatus::Pending => Ok(()),
        InvitationStatus::Expired => Err(Violation::new(
            codes::INVITATION_EXPIRED,
            "the invitation has expired; the distributor may send a new one",
        )),
        other => Err(Violation::new(
            codes::INVITATION_NOT_PENDING,
            format!(
                "the invitation is {} and can no longer be answered",
                other.as_str()
            ),
        )),
    }
}

/// The violation for a second pending invitation of the same distributor to the same reseller.
pub fn pending_exists() -> Violation {
    Violation::new(
        codes::INVITATION_PENDING_EXISTS,
        "a pending invitation from you to this reseller already exists",
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use InvitationStatus::*;

    #[test]
    fn expiry_is_computed() {
        assert_eq!(Pending.effective(100, 99), Pending);
        assert_eq!(Pending.effective(100, 100), Expired);
        assert_eq!(Accepted.effective(100, 200), Accepted);
    }

    #[test]
    fn only_pending_invitations_are_answered() {
        assert!(check_answerable(Pending, 100, 50).is_ok());
        let code = |s, now| check_answerable(s, 100, now).err().map(|v| v.code);
        assert_eq!(code(Pending, 100), Some(codes::INVITATION_EXPIRED));
        assert_eq!(code(Expired, 50), Some(codes::INVITATION_EXPIRED));
        for s in [Accepted, Rejected, Cancelled] {
            assert_eq!(code(s, 50), Some(codes::INVITATION_NOT_PENDING));
        }
    }

    #[test]
    fn status_filter_parses() {
        for s in InvitationStatus::ALL {
            assert_eq!(InvitationStatus::parse(s.as_str()), Ok(s));
        }
        assert!(InvitationStatus::parse("pending")
            .unwrap_err()
            .message
            .contains("status"));
    }
}
