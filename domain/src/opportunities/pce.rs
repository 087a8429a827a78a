//! S2 partner co-expansion plan (PCE, 合作伙伴共拓计划). A partner joins when it meets at
//! least one of the operator's join conditions; members get the benefits below and work the
//! opportunities the platform shares with them (`SHARED → CONFIRMED → WON | LOST`, or
//! `DECLINED`). Non-members get `403 CBC.0151` on the PCE-only operations.

use crate::programs::paths::{PathType, Stage};
use crate::{codes, wire_names, Violation};

pub mod incentive;

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

/// One benefit of membership, as the operator configures it (S2: benefits come from the
/// operator's configuration; the migration writes the seed's three as the defaults).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Benefit {
    /// An upper-case code, unique in the list (`SHARED_OPPORTUNITY_INCENTIVES`).
    pub code: String,
    pub name: String,
}

/// At most this many benefits.
pub const MAX_BENEFITS: usize = 10;
/// A benefit's name is 1 to this many characters.
pub const BENEFIT_NAME_MAX: usize = 256;

/// The seed's benefits (S2 FAQ: 1) opportunity management in the partner center, 2) business
/// support, 3) the shared-opportunity incentive plan), the defaults the migration writes.
pub fn default_benefits() -> Vec<Benefit> {
    [
        (
            "OPPORTUNITY_MANAGEMENT",
            "Access to opportunity management in the partner center",
        ),
        ("BUSINESS_SUPPORT", "Business support from the platform"),
        (
            "SHARED_OPPORTUNITY_INCENTIVES",
            "Incentives for shared opportunities",
        ),
    ]
    .into_iter()
    .map(|(code, name)| Benefit {
        code: code.to_owned(),
        name: name.to_owned(),
    })
    .collect()
}

/// Checks the operator's list: 1 to [`MAX_BENEFITS`] benefits, each code well-formed and
/// unique, each name 1 to [`BENEFIT_NAME_MAX`] characters of text.
pub fn check_benefits(list: &[Benefit]) -> Result<(), Violation> {
    if list.is_empty() || list.len() > MAX_BENEFITS {
        return Err(Violation::param(format!(
            "benefits must hold 1 to {MAX_BENEFITS} benefits"
        )));
    }
    for (i, b) in list.iter().enumerate() {
        crate::names::code(&format!("benefits[{i}].code"), &b.code)?;
        crate::text::required(&format!("benefits[{i}].name"), &b.name, BENEFIT_NAME_MAX)?;
        if list[..i].iter().any(|o| o.code == b.code) {
            return Err(Violation::param(format!(
                "benefits[{i}].code {} is given twice",
                b.code
            )));
        }
    }
    Ok(())
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
    fn benefits_are_checked() {
        let b = |code: &str, name: &str| Benefit {
            code: code.into(),
            name: name.into(),
        };
        assert!(check_benefits(&default_benefits()).is_ok());
        assert_eq!(default_benefits().len(), 3);
        let long = "x".repeat(BENEFIT_NAME_MAX + 1);
        let eleven: Vec<Benefit> = (0..11).map(|i| b(&format!("B{i}"), "n")).collect();
        let cases: Vec<(Vec<Benefit>, Option<&str>)> = vec![
            (vec![b("A", "Alpha")], None),
            (vec![], Some("benefits must hold")),
            (eleven, Some("benefits must hold")),
            (vec![b("a", "Alpha")], Some("benefits[0].code")),
            (vec![b("A", "Alpha"), b("B", " ")], Some("benefits[1].name")),
            (vec![b("A", &long)], Some("benefits[0].name")),
            (
                vec![b("A", "x"), b("A", "y")],
                Some("benefits[1].code A is given twice"),
            ),
        ];
        for (list, want) in cases {
            let got = check_benefits(&list);
            match want {
                None => assert!(got.is_ok(), "{list:?}"),
                Some(m) => {
                    let v = got.unwrap_err();
                    assert_eq!(v.code, codes::PARAM_INVALID);
                    assert!(v.message.starts_with(m), "{}", v.message);
                }
            }
        }
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
