//! FH (Funding Head, 专职人员激励) qualification: S4 for service partners (delivery FH), S12 for
//! consulting & SI partners (presales FH). A person holds FH in at most one path.

use super::paths::{describe, PathType, Stage};
use super::{id_list, Eligibility};
use crate::{codes, Violation};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FhType {
    Delivery,
    Presales,
}

impl FhType {
    pub const ALL: [FhType; 2] = [Self::Delivery, Self::Presales];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Delivery => "DELIVERY",
            Self::Presales => "PRESALES",
        }
    }

    /// The FH a path offers: delivery on SERVICE, presales on CONSULTING_SI.
    pub fn for_path(path: PathType) -> Result<FhType, Violation> {
        match path {
            PathType::Service => Ok(Self::Delivery),
            PathType::ConsultingSi => Ok(Self::Presales),
            _ => Err(Violation::param(
                "path_type must be SERVICE (delivery FH) or CONSULTING_SI (presales FH)",
            )),
        }
    }

    /// The FH type of a request: optional, but when given it must be the path's.
    pub fn check(path: PathType, given: Option<&str>) -> Result<FhType, Violation> {
        let t = Self::for_path(path)?;
        match given {
            None => Ok(t),
            Some(g) if g == t.as_str() => Ok(t),
            Some(g) if Self::ALL.iter().any(|x| x.as_str() == g) => {
                // A well-formed type; which one a path offers is a program rule.
                Err(Violation::new(
                    super::codes::FH_TYPE_NOT_THE_PATHS,
                    format!(
                        "fh_type must be {} on the {} path",
                        t.as_str(),
                        path.as_str()
                    ),
                ))
            }
            Some(_) => Err(Violation::param("fh_type must be DELIVERY or PRESALES")),
        }
    }
}

/// The stage a path must have reached for its FH: role certification on SERVICE (S4),
/// capability differentiation on CONSULTING_SI (S12).
pub fn required_stage(path: PathType) -> Stage {
    match path {
        PathType::ConsultingSi => Stage::CapabilityDifferentiated,
        _ => Stage::RoleCertified,
    }
}

/// A person named as an FH expert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expert {
    pub user_id: String,
    /// A user of the partner holding the `project_specialist` role (admins do not count).
    pub is_specialist: bool,
    /// The path in which the person already holds FH (under review or approved).
    pub fh_held_in: Option<PathType>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FhFacts {
    pub path_type: PathType,
    pub stage: Option<Stage>,
    pub agreement_signed: bool,
    pub experts: Vec<Expert>,
}

pub fn eligibility(f: &FhFacts) -> Eligibility {
    let path = f.path_type.as_str();
    let need = required_stage(f.path_type);
    let not_specialists: Vec<&str> = f
        .experts
        .iter()
        .filter(|x| !x.is_specialist)
        .map(|x| x.user_id.as_str())
        .collect();
    let holders: Vec<String> = f
        .experts
        .iter()
        .filter_map(|x| {
            x.fh_held_in
                .map(|p| format!("{} ({})", x.user_id, p.as_str()))
        })
        .collect();
    let holder_refs: Vec<&str> = holders.iter().map(String::as_str).collect();
    let mut e = Eligibility::default();
    e.rule(
        "FH_STAGE_REACHED",
        codes::FH_STAGE_NOT_REACHED,
        f.stage.is_some_and(|s| s >= need),
        format!("your stage on {path} is {}", describe(f.stage)),
        format!(
            "FH on {path} needs stage {} or higher; yours is {}",
            need.as_str(),
            describe(f.stage)
        ),
    )
    .rule(
        "FH_AGREEMENT_SIGNED",
        codes::FH_AGREEMENT_UNSIGNED,
        f.agreement_signed,
        "the FH agreement is signed",
        "sign the FH agreement (agreement_signed: true)",
    )
    .rule(
        "EXPERTS_ARE_PROJECT_SPECIALISTS",
        codes::FH_NOT_SPECIALIST,
        not_specialists.is_empty(),
        "every expert named is a project specialist of your partner",
        format!(
            "these people are not project specialists of your partner: {}",
            id_list(&not_specialists)
        ),
    )
    .rule(
        "FH_IN_ONE_PATH_PER_PERSON",
        codes::FH_ALREADY_HELD,
        holders.is_empty(),
        "no expert named holds FH yet",
        format!(
            "a person holds FH in at most one path; these already hold FH: {}",
            id_list(&holder_refs)
        ),
    );
    e
}

#[cfg(test)]
mod tests;
