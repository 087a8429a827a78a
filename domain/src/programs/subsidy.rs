//! S5 project subsidy. Registration has no gate; a subsidy application for a project whose new
//! annual cloud-resource scale reaches the threshold (1,000,000 CNY/year in China, 125,000
//! USD/year elsewhere) is for **service partners** only (仅对……华为云服务伙伴: the partner is on
//! the `SERVICE` development path) holding at least one capability label, both **at the time of
//! the application**. The decision is taken then and stored: later grants or removals of labels
//! or paths do not change it.

use super::labels::{self, Label};
use super::personnel::{self, Member};
use super::Eligibility;
use crate::{codes, Money, Violation};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Currency {
    Cny,
    Usd,
}

impl Currency {
    pub const ALL: [Currency; 2] = [Self::Cny, Self::Usd];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Cny => "CNY",
            Self::Usd => "USD",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "CNY" => Some(Self::Cny),
            "USD" => Some(Self::Usd),
            _ => None,
        }
    }

    /// Projects in China are measured in CNY, projects elsewhere in USD.
    pub fn for_country(country_code: &str) -> Self {
        if country_code == "CN" {
            Self::Cny
        } else {
            Self::Usd
        }
    }

    /// The annual scale from which a capability label is required.
    pub fn label_threshold(self) -> Money {
        match self {
            Self::Cny => Money::from_cents(100_000_000),
            Self::Usd => Money::from_cents(12_500_000),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubsidyFacts {
    pub currency: Currency,
    /// New annual cloud-resource scale, in `currency`.
    pub annual_scale: Money,
    /// The partner's labels, current or expired.
    pub labels: Vec<Label>,
    /// The partner is on the `SERVICE` development path (at any stage) at the time of the
    /// application.
    pub service_partner: bool,
    /// The time of the application (unix seconds).
    pub at: i64,
    /// The project already has a subsidy application under review or approved.
    pub live_application: bool,
    pub members: Vec<Member>,
}

pub fn eligibility(f: &SubsidyFacts) -> Eligibility {
    let threshold = f.currency.label_threshold();
    let cur = f.currency.as_str();
    let held = labels::held_at(&f.labels, f.at);
    let needs_label = f.annual_scale >= threshold;
    let pass = if !needs_label {
        format!(
            "the annual scale {} {cur} is below {threshold} {cur}: no capability label is needed",
            f.annual_scale
        )
    } else {
        format!("you hold capability label(s) {}", held.join(", "))
    };
    let mut e = Eligibility::default();
    e.rule(
        "SERVICE_PARTNER_AT_APPLICATION",
        codes::SUBSIDY_NOT_SERVICE_PARTNER,
        !needs_label || f.service_partner,
        if needs_label {
            "you are a service partner (on the SERVICE development path)".to_owned()
        } else {
            format!(
                "the annual scale {} {cur} is below {threshold} {cur}: any partner may apply",
                f.annual_scale
            )
        },
        format!(
            "projects with a new annual scale of {threshold} {cur} or more are subsidised only for service partners; join the SERVICE development path first"
        ),
    );
    e.rule(
        "CAPABILITY_LABEL_AT_APPLICATION",
        codes::SUBSIDY_NO_LABEL,
        !needs_label || !held.is_empty(),
        pass,
        format!(
            "projects with a new annual scale of {threshold} {cur} or more are subsidised only for partners holding at least one capability label at the time of the application; you hold none now"
        ),
    );
    personnel::check(&mut e, &f.members);
    e.rule(
        "NO_LIVE_APPLICATION",
        codes::APPLICATION_PENDING,
        !f.live_application,
        "the project has no subsidy application under review or approved",
        LIVE,
    );
    e
}

const LIVE: &str = "the project already has a subsidy application under review or approved";

/// The refusal of an application that lost a race to another for the same project.
pub fn already_live() -> Violation {
    Violation::new(codes::APPLICATION_PENDING, LIVE)
}

#[cfg(test)]
mod tests;
