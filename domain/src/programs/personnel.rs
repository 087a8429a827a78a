//! S7 project personnel: the people a subsidised project counts. Delivery members hold a
//! work-level (工作级) or higher certification and passed the information-security exam; a
//! project manager holds a project-management certification; people covered by FH are not
//! counted at all (their work is already paid for).

use super::{id_list, Eligibility};
use crate::{codes, Violation};

/// Technical certification levels, lowest first; `Ord` follows the order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CertLevel {
    None,
    /// 入门级
    Entry,
    /// 工作级
    Work,
    /// 专家级
    Expert,
}

impl CertLevel {
    pub const ALL: [CertLevel; 4] = [Self::None, Self::Entry, Self::Work, Self::Expert];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "NONE",
            Self::Entry => "ENTRY",
            Self::Work => "WORK",
            Self::Expert => "EXPERT",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Violation> {
        Self::ALL
            .into_iter()
            .find(|x| x.as_str() == s)
            .ok_or_else(|| {
                Violation::param("certification_level must be one of NONE, ENTRY, WORK, EXPERT")
            })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MemberRole {
    ProjectManager,
    Delivery,
}

impl MemberRole {
    pub const ALL: [MemberRole; 2] = [Self::ProjectManager, Self::Delivery];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::ProjectManager => "PROJECT_MANAGER",
            Self::Delivery => "DELIVERY",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Violation> {
        match s {
            "PROJECT_MANAGER" => Ok(Self::ProjectManager),
            "DELIVERY" => Ok(Self::Delivery),
            _ => Err(Violation::param("role must be PROJECT_MANAGER or DELIVERY")),
        }
    }
}

/// What is on record about one member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub user_id: String,
    pub role: MemberRole,
    pub level: CertLevel,
    pub infosec_passed: bool,
    pub pm_certified: bool,
    /// Named in an FH qualification under review or approved.
    pub fh_covered: bool,
}

/// Adds the S7 rules to `e`.
pub fn check(e: &mut Eligibility, members: &[Member]) {
    let counted = |role| {
        members
            .iter()
            .filter(move |m| m.role == role && !m.fh_covered)
    };
    let pm_ok = counted(MemberRole::ProjectManager).any(|m| m.pm_certified);
    let pm_fh: Vec<&str> = members
        .iter()
        .filter(|m| m.role == MemberRole::ProjectManager && m.fh_covered)
        .map(|m| m.user_id.as_str())
        .collect();
    let pm_fail = if pm_fh.is_empty() {
        "the project needs a project manager holding a project-management certification".to_owned()
    } else {
        format!(
            "the project needs a project manager holding a project-management certification; project managers covered by FH are not counted: {}",
            id_list(&pm_fh)
        )
    };
    let lacking: Vec<String> = counted(MemberRole::Delivery)
        .filter_map(|m| {
            let mut missing = Vec::new();
            if m.level < CertLevel::Work {
                missing.push("a WORK or higher certification");
            }
            if !m.infosec_passed {
                missing.push("the information-security exam");
            }
            (!missing.is_empty()).then(|| format!("{} lacks {}", m.user_id, missing.join(" and ")))
        })
        .collect();
    let lacking_refs: Vec<&str> = lacking.iter().map(String::as_str).collect();
    let delivery_counted = counted(MemberRole::Delivery).count();
    e.rule(
        "QUALIFIED_PROJECT_MANAGER",
        codes::SUBSIDY_NO_QUALIFIED_PM,
        pm_ok,
        "the project has a project manager holding a project-management certification",
        pm_fail,
    )
    .rule(
        "DELIVERY_MEMBERS_QUALIFIED",
        codes::SUBSIDY_MEMBER_UNQUALIFIED,
        lacking.is_empty(),
        "every counted delivery member holds a WORK or higher certification and passed the information-security exam",
        format!("delivery members must hold a WORK or higher certification and pass the information-security exam: {}", id_list(&lacking_refs)),
    )
    .rule(
        "DELIVERY_MEMBERS_COUNTED",
        codes::SUBSIDY_NO_COUNTED_MEMBER,
        delivery_counted > 0,
        format!("{delivery_counted} delivery member(s) are counted"),
        "the project needs at least one delivery member not covered by FH",
    );
}

#[cfg(test)]
mod tests;
