//! Development paths and their stages: `JOINED → ROLE_CERTIFIED → CAPABILITY_DIFFERENTIATED`.

use crate::Violation;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PathType {
    Service,
    Software,
    ConsultingSi,
    Reseller,
}

impl PathType {
    pub const ALL: [PathType; 4] = [
        Self::Service,
        Self::Software,
        Self::ConsultingSi,
        Self::Reseller,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Service => "SERVICE",
            Self::Software => "SOFTWARE",
            Self::ConsultingSi => "CONSULTING_SI",
            Self::Reseller => "RESELLER",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Violation> {
        Self::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| {
                Violation::param(
                    "path_type must be one of SERVICE, SOFTWARE, CONSULTING_SI, RESELLER",
                )
            })
    }
}

/// Stages in the order a partner reaches them; `Ord` follows that order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Stage {
    Joined,
    RoleCertified,
    CapabilityDifferentiated,
}

impl Stage {
    pub const ALL: [Stage; 3] = [
        Self::Joined,
        Self::RoleCertified,
        Self::CapabilityDifferentiated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Joined => "JOINED",
            Self::RoleCertified => "ROLE_CERTIFIED",
            Self::CapabilityDifferentiated => "CAPABILITY_DIFFERENTIATED",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Violation> {
        Self::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| {
                Violation::param(
                    "stage must be one of JOINED, ROLE_CERTIFIED, CAPABILITY_DIFFERENTIATED",
                )
            })
    }
}

/// "not joined" or the stage, for messages.
pub fn describe(stage: Option<Stage>) -> &'static str {
    stage.map_or("not joined", Stage::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_stages_are_ordered() {
        for p in PathType::ALL {
            assert_eq!(PathType::parse(p.as_str()), Ok(p));
        }
        for s in Stage::ALL {
            assert_eq!(Stage::parse(s.as_str()), Ok(s));
        }
        assert!(PathType::parse("service").is_err());
        assert!(Stage::parse("DONE").is_err());
        assert!(Stage::Joined < Stage::RoleCertified);
        assert!(Stage::RoleCertified < Stage::CapabilityDifferentiated);
        assert_eq!(describe(None), "not joined");
    }
}
