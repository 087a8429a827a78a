//! S6 PO opportunity review. A partner reports an opportunity; before it reaches the operator
//! it must be complete (every field of the PO template, and a description following BANT —
//! Budget, Authority, Need, Timeline — each present and non-trivial) and reasonable (a known
//! cloud product category, revenue above 0 and at least the configured minimum). Every rule
//! that fails is reported at once. `DRAFT → PENDING → APPROVED | REJECTED`; a rejected one is
//! fixed and resubmitted.

use crate::programs::Eligibility;
use crate::{codes, wire_names, Money, Violation};
use chrono::NaiveDate;

wire_names!(
    PoStatus {
        Draft = "DRAFT",
        Pending = "PENDING",
        Approved = "APPROVED",
        Rejected = "REJECTED",
    }
);

/// What the partner has filled in; anything may be missing in a draft.
#[derive(Debug, Clone, Default)]
pub struct PoContent {
    pub customer_name: Option<String>,
    pub industry: Option<String>,
    pub product_category: Option<String>,
    /// B: the customer's budget.
    pub budget: Option<Money>,
    /// A: the customer's decision maker.
    pub decision_maker: Option<String>,
    /// N: the customer's need.
    pub requirement: Option<String>,
    /// T: the purchase plan.
    pub purchase_plan: Option<String>,
    pub estimated_revenue: Option<Money>,
    pub currency: Option<String>,
    pub expected_close_date: Option<NaiveDate>,
}

/// The operator's settings the reasonableness rules use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoSettings {
    pub min_revenue: Money,
    /// Known cloud product categories (upper-case codes).
    pub product_categories: Vec<String>,
}

impl Default for PoSettings {
    fn default() -> Self {
        PoSettings {
            min_revenue: Money::from_cents(100_000),
            product_categories: [
                "COMPUTE",
                "STORAGE",
                "NETWORK",
                "DATABASE",
                "SECURITY",
                "AI",
                "BIG_DATA",
                "CONTAINER",
                "CDN",
                "MIDDLEWARE",
            ]
            .map(str::to_owned)
            .to_vec(),
        }
    }
}

/// The least number of letters or digits a BANT answer needs to count as non-trivial.
pub const MIN_AUTHORITY: usize = 2;
pub const MIN_NEED: usize = 10;
pub const MIN_TIMELINE: usize = 6;

/// Answers that say nothing, compared without case.
const PLACEHOLDERS: &[&str] = &[
    "n/a", "na", "none", "null", "nil", "tbd", "tbc", "todo", "unknown", "test", "xxx", "-", "无",
    "暂无", "待定", "未知", "不详", "没有",
];

/// Present and saying something: enough letters or digits, not a placeholder, not one
/// character repeated.
pub fn non_trivial(s: Option<&str>, min_chars: usize) -> bool {
    let Some(t) = s.map(str::trim) else {
        return false;
    };
    let meaningful: Vec<char> = t.chars().filter(|c| c.is_alphanumeric()).collect();
    let lower = t.to_lowercase();
    let repeated = meaningful.windows(2).all(|w| w[0] == w[1]) && meaningful.len() > 1;
    meaningful.len() >= min_chars && !PLACEHOLDERS.contains(&lower.as_str()) && !repeated
}

/// Every rule of a submission, in a fixed order.
pub fn check(c: &PoContent, s: &PoSettings, today: NaiveDate) -> Eligibility {
    let mut missing = Vec::new();
    let blank = |v: &Option<String>| v.as_deref().is_none_or(|x| x.trim().is_empty());
    if blank(&c.customer_name) {
        missing.push("customer_name");
    }
    if blank(&c.industry) {
        missing.push("industry");
    }
    if blank(&c.product_category) {
        missing.push("product_category");
    }
    if c.estimated_revenue.is_none() {
        missing.push("estimated_revenue");
    }
    if blank(&c.currency) {
        missing.push("currency");
    }
    if c.expected_close_date.is_none() {
        missing.push("expected_close_date");
    }
    let mut e = Eligibility::default();
    e.rule(
        "REQUIRED_FIELDS",
        codes::PO_FIELD_MISSING,
        missing.is_empty(),
        "every field of the PO template is filled in",
        format!("fill in the required fields: {}", missing.join(", ")),
    )
    .rule(
        "BANT_BUDGET",
        codes::PO_BANT_BUDGET,
        c.budget.is_some_and(|b| b.cents() > 0),
        "the customer's budget is given",
        "budget: give the customer's budget (greater than 0)",
    )
    .rule(
        "BANT_AUTHORITY",
        codes::PO_BANT_AUTHORITY,
        non_trivial(c.decision_maker.as_deref(), MIN_AUTHORITY),
        "the customer's decision maker is named",
        "decision_maker: name the customer's decision maker (authority)",
    )
    .rule(
        "BANT_NEED",
        codes::PO_BANT_NEED,
        non_trivial(c.requirement.as_deref(), MIN_NEED),
        "the customer's need is described",
        format!("requirement: describe the customer's need (at least {MIN_NEED} letters or digits)"),
    )
    .rule(
        "BANT_TIMELINE",
        codes::PO_BANT_TIMELINE,
        non_trivial(c.purchase_plan.as_deref(), MIN_TIMELINE),
        "the purchase plan (timeline) is described",
        format!(
            "purchase_plan: describe when and how the customer will buy (at least {MIN_TIMELINE} letters or digits)"
        ),
    );
    if let Some(d) = c.expected_close_date {
        e.rule(
            "CLOSE_DATE_AHEAD",
            codes::PO_CLOSE_DATE_PASSED,
            d >= today,
            "the expected close date is ahead",
            "expected_close_date has passed; give a date from today on",
        );
    }
    if let Some(p) = c
        .product_category
        .as_deref()
        .filter(|p| !p.trim().is_empty())
    {
        e.rule(
            "CLOUD_PRODUCT",
            codes::PO_NOT_CLOUD_PRODUCT,
            s.product_categories.iter().any(|k| k == p),
            "the opportunity concerns a cloud product of the platform",
            format!(
                "product_category must be a cloud product category of the platform: {}",
                s.product_categories.join(", ")
            ),
        );
    }
    if let Some(r) = c.estimated_revenue {
        let positive = r.cents() > 0;
        e.rule(
            "REVENUE_POSITIVE",
            codes::PO_REVENUE_NOT_POSITIVE,
            positive,
            "the opportunity drives platform revenue",
            "estimated_revenue must be greater than 0",
        );
        if positive {
            e.rule(
                "REVENUE_MINIMUM",
                codes::PO_REVENUE_TOO_LOW,
                r >= s.min_revenue,
                format!("estimated_revenue is at least {}", s.min_revenue),
                format!("estimated_revenue must be at least {}", s.min_revenue),
            );
        }
    }
    e
}

/// Only drafts and rejected ones are edited or submitted.
pub fn editable(current: PoStatus) -> Result<(), Violation> {
    match current {
        PoStatus::Draft | PoStatus::Rejected => Ok(()),
        other => Err(Violation::new(
            codes::PO_NOT_EDITABLE,
            format!(
                "the PO opportunity is {}; only DRAFT and REJECTED ones can be changed or submitted",
                other.as_str()
            ),
        )),
    }
}

/// The operator decides a pending one only (`CBC.99100045` like the other reviews).
pub fn decide(current: PoStatus, approve: bool) -> Result<PoStatus, Violation> {
    if current != PoStatus::Pending {
        return Err(Violation::new(
            codes::APPLICATION_STATUS,
            format!(
                "the PO opportunity is {} and not under review",
                current.as_str()
            ),
        ));
    }
    Ok(if approve {
        PoStatus::Approved
    } else {
        PoStatus::Rejected
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    fn complete() -> PoContent {
        PoContent {
            customer_name: Some("ACME".into()),
            industry: Some("RETAIL".into()),
            product_category: Some("COMPUTE".into()),
            budget: Some(Money::from_cents(5_000_000)),
            decision_maker: Some("Li Wei, CIO".into()),
            requirement: Some("Move the web shop to the cloud".into()),
            purchase_plan: Some("Pilot in Q1, rollout in Q2".into()),
            estimated_revenue: Some(Money::from_cents(2_000_000)),
            currency: Some("CNY".into()),
            expected_close_date: NaiveDate::from_ymd_opt(2027, 3, 1),
        }
    }

    fn failing(c: &PoContent) -> Vec<&'static str> {
        check(c, &PoSettings::default(), today())
            .failures()
            .iter()
            .map(|v| v.code)
            .collect()
    }

    #[test]
    fn a_complete_one_passes() {
        assert!(failing(&complete()).is_empty());
    }

    #[test]
    fn every_missing_bant_part_is_reported_at_once() {
        let c = PoContent {
            budget: None,
            decision_maker: Some("n/a".into()),
            requirement: Some("cloud".into()),
            purchase_plan: None,
            ..complete()
        };
        assert_eq!(
            failing(&c),
            [
                codes::PO_BANT_BUDGET,
                codes::PO_BANT_AUTHORITY,
                codes::PO_BANT_NEED,
                codes::PO_BANT_TIMELINE
            ]
        );
    }

    #[test]
    fn completeness_and_reasonableness() {
        let empty = PoContent::default();
        let codes_ = failing(&empty);
        assert_eq!(codes_[0], codes::PO_FIELD_MISSING);
        assert_eq!(codes_.len(), 5, "{codes_:?}");
        let c = PoContent {
            product_category: Some("CATERING".into()),
            estimated_revenue: Some(Money::from_cents(100)),
            expected_close_date: NaiveDate::from_ymd_opt(2026, 1, 1),
            ..complete()
        };
        assert_eq!(
            failing(&c),
            [
                codes::PO_CLOSE_DATE_PASSED,
                codes::PO_NOT_CLOUD_PRODUCT,
                codes::PO_REVENUE_TOO_LOW
            ]
        );
        let zero = PoContent {
            estimated_revenue: Some(Money::ZERO),
            ..complete()
        };
        assert_eq!(failing(&zero), [codes::PO_REVENUE_NOT_POSITIVE]);
    }

    #[test]
    fn trivial_answers() {
        for t in ["", "  ", "-", "TBD", "无", "aaaaaaaaaaaa", "!!!"] {
            assert!(!non_trivial(Some(t), 1), "{t:?}");
        }
        assert!(!non_trivial(None, 0));
        assert!(non_trivial(Some("王总"), 2));
        assert!(!non_trivial(Some("short"), MIN_NEED));
    }

    #[test]
    fn status_machine() {
        use PoStatus::*;
        assert!(editable(Draft).is_ok() && editable(Rejected).is_ok());
        assert_eq!(editable(Pending).unwrap_err().code, codes::PO_NOT_EDITABLE);
        assert!(editable(Approved).is_err());
        assert_eq!(decide(Pending, true), Ok(Approved));
        assert_eq!(decide(Pending, false), Ok(Rejected));
        assert_eq!(
            decide(Draft, true).unwrap_err().code,
            codes::APPLICATION_STATUS
        );
    }
}
