//! S2 partner co-expansion plan (PCE, 合作伙伴共拓计划). A partner joins when it meets at
//! least one of the operator's join conditions; members get the benefits below and work the
//! opportunities the platform shares with them (`SHARED → CONFIRMED → WON | LOST`, or
//! `DECLINED`). Non-members get `403 CBC.0151` on the PCE-only operations.

use crate::programs::paths::{PathType, Stage};
use crate::{codes, wire_names, Violation};

/// One way to qualify.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JoinCondition {
    /// At least `stage` on `path_type` (any path when `None`).
    PathStage {
        path_type: Option<PathType>,
        stage: Stage,
    },
    /// The PCE agreement is signed.
    AgreementSigned,
}

pub const PATH_STAGE: &str = "DEVELOPMENT_PATH_STAGE";
pub const AGREEMENT: &str = "PCE_AGREEMENT_SIGNED";

impl JoinCondition {
    pub fn kind(&self) -> &'static str {
        match self {
            JoinCondition::PathStage { .. } => PATH_STAGE,
            JoinCondition::AgreementSigned => AGREEMENT,
        }
    }

    /// Checks the parts of a condition as the operator sends them.
    pub fn parse(
        i: usize,
        kind: &str,
        path_type: Option<&str>,
        stage: Option<&str>,
    ) -> Result<Self, Violation> {
        match kind {
            PATH_STAGE => {
                let stage = stage.ok_or_else(|| {
                    Violation::param(format!(
                        "conditions[{i}].stage is required for {PATH_STAGE}"
                    ))
                })?;
                let stage = Stage::parse(stage)
                    .map_err(|v| Violation::param(format!("conditions[{i}].{}", v.message)))?;
                let path_type = path_type
                    .map(PathType::parse)
                    .transpose()
                    .map_err(|v| Violation::param(format!("conditions[{i}].{}", v.message)))?;
                Ok(JoinCondition::PathStage { path_type, stage })
            }
            AGREEMENT if path_type.is_none() && stage.is_none() => {
                Ok(JoinCondition::AgreementSigned)
            }
            AGREEMENT => Err(Violation::param(format!(
                "conditions[{i}] of type {AGREEMENT} takes no path_type or stage"
            ))),
            _ => Err(Violation::param(format!(
                "conditions[{i}].type must be one of {PATH_STAGE}, {AGREEMENT}"
            ))),
        }
    }

    fn describe(&self) -> String {
        match self {
            JoinCondition::PathStage { path_type, stage } => format!(
                "reach {} on the {} development path",
                stage.as_str(),
                path_type.map_or("any", PathType::as_str)
            ),
            JoinCondition::AgreementSigned => "sign the PCE agreement".to_owned(),
        }
    }
}

/// The conditions in force when the operator has configured none.
pub fn default_conditions() -> Vec<JoinCondition> {
    vec![
        JoinCondition::PathStage {
            path_type: None,
            stage: Stage::RoleCertified,
        },
        JoinCondition::AgreementSigned,
    ]
}

/// What the conditions look at.
#[derive(Debug, Clone, Default)]
pub struct PceFacts {
    pub stages: Vec<(PathType, Stage)>,
    pub agreement_signed: bool,
}

pub fn met(c: &JoinCondition, f: &PceFacts) -> bool {
    match c {
        JoinCondition::PathStage { path_type, stage } => f
            .stages
            .iter()
            .any(|(p, s)| path_type.is_none_or(|want| want == *p) && s >= stage),
        JoinCondition::AgreementSigned => f.agreement_signed,
    }
}

/// Joining: allowed when one condition is met; otherwise refused with every condition and
/// how to meet it.
pub fn join(
    conditions: &[JoinCondition],
    f: &PceFacts,
    member: bool,
) -> Result<(), Vec<Violation>> {
    if member {
        return Err(vec![Violation::new(
            codes::PCE_ALREADY_MEMBER,
            "you are already a member of the partner co-expansion plan",
        )]);
    }
    if conditions.iter().any(|c| met(c, f)) {
        return Ok(());
    }
    Err(conditions
        .iter()
        .map(|c| {
            Violation::new(
                codes::PCE_NOT_ELIGIBLE,
                format!("no join condition is met; to qualify, {}", c.describe()),
            )
        })
        .collect())
}

wire_names!(
    /// The benefits of membership.
    Benefit {
        OpportunityManagement = "OPPORTUNITY_MANAGEMENT",
        BusinessSupport = "BUSINESS_SUPPORT",
        SharedOpportunityIncentives = "SHARED_OPPORTUNITY_INCENTIVES",
    }
);

impl Benefit {
    pub fn name(self) -> &'static str {
        match self {
            Benefit::OpportunityManagement => {
                "Access to opportunity management in the partner center"
            }
            Benefit::BusinessSupport => "Business support from the platform",
            Benefit::SharedOpportunityIncentives => "Incentives for shared opportunities",
        }
    }
}

wire_names!(
    SharedStatus {
        Shared = "SHARED",
        Confirmed = "CONFIRMED",
        Declined = "DECLINED",
        Won = "WON",
        Lost = "LOST",
    }
);

/// A member moves a shared opportunity: confirm or decline a new one, close a confirmed one.
pub fn move_shared(current: SharedStatus, next: SharedStatus) -> Result<SharedStatus, Violation> {
    use SharedStatus::*;
    let ok = matches!(
        (current, next),
        (Shared, Confirmed) | (Shared, Declined) | (Confirmed, Won) | (Confirmed, Lost)
    );
    if ok {
        Ok(next)
    } else {
        Err(Violation::new(
            codes::PCE_STATUS,
            format!(
                "a {} shared opportunity cannot become {}",
                current.as_str(),
                next.as_str()
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn one_condition_is_enough() {
        let conds = default_conditions();
        let none = PceFacts::default();
        let errs = join(&conds, &none, false).unwrap_err();
        assert_eq!(errs.len(), 2);
        assert!(errs.iter().all(|v| v.code == codes::PCE_NOT_ELIGIBLE));
        let signed = PceFacts {
            agreement_signed: true,
            ..PceFacts::default()
        };
        assert!(join(&conds, &signed, false).is_ok());
        let certified = PceFacts {
            stages: vec![(PathType::Service, Stage::CapabilityDifferentiated)],
            agreement_signed: false,
        };
        assert!(join(&conds, &certified, false).is_ok());
        let joined_only = PceFacts {
            stages: vec![(PathType::Service, Stage::Joined)],
            agreement_signed: false,
        };
        assert!(join(&conds, &joined_only, false).is_err());
        assert_eq!(
            join(&conds, &signed, true).unwrap_err()[0].code,
            codes::PCE_ALREADY_MEMBER
        );
        let software_only = [JoinCondition::PathStage {
            path_type: Some(PathType::Software),
            stage: Stage::Joined,
        }];
        assert!(join(&software_only, &certified, false).is_err());
    }

    #[test]
    fn conditions_parse() {
        assert_eq!(
            JoinCondition::parse(0, AGREEMENT, None, None),
            Ok(JoinCondition::AgreementSigned)
        );
        assert!(JoinCondition::parse(0, AGREEMENT, Some("SERVICE"), None).is_err());
        assert!(JoinCondition::parse(1, PATH_STAGE, None, None).is_err());
        assert_eq!(
            JoinCondition::parse(0, PATH_STAGE, Some("SOFTWARE"), Some("JOINED")),
            Ok(JoinCondition::PathStage {
                path_type: Some(PathType::Software),
                stage: Stage::Joined
            })
        );
        let e = JoinCondition::parse(2, "OTHER", None, None).unwrap_err();
        assert!(e.message.starts_with("conditions[2].type"));
    }

    #[test]
    fn shared_opportunity_flow() {
        use SharedStatus::*;
        assert_eq!(move_shared(Shared, Confirmed), Ok(Confirmed));
        assert_eq!(move_shared(Confirmed, Won), Ok(Won));
        assert_eq!(move_shared(Shared, Declined), Ok(Declined));
        assert_eq!(
            move_shared(Shared, Won).unwrap_err().code,
            codes::PCE_STATUS
        );
        assert!(move_shared(Won, Lost).is_err());
        assert!(move_shared(Declined, Confirmed).is_err());
    }
}
