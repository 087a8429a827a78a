//! Programs and incentives: development paths and labels, capability certification (S18), FH
//! qualification (S4, S12), payout (S14), project subsidy (S5) and personnel (S7).
//!
//! Every application is judged by one function that returns an [`Eligibility`]: each rule with
//! pass/fail, its code and a message. The `.../eligibility` reads show it as is; the application
//! accepts exactly when it is eligible and otherwise refuses with every failing rule.

pub mod business_info;
pub mod certification;
pub mod codes;
pub mod fh;
pub mod labels;
pub mod paths;
pub mod payout;
pub mod personnel;
pub mod review;
pub mod subsidy;

use crate::Violation;

/// One rule, judged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleCheck {
    /// Stable rule name, e.g. `FH_AGREEMENT_SIGNED`.
    pub rule: &'static str,
    /// The code the application refuses with when the rule fails.
    pub code: &'static str,
    pub passed: bool,
    /// What holds, or what is wrong and how to fix it.
    pub message: String,
}

/// Every rule of one application type, in a fixed order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Eligibility {
    pub checks: Vec<RuleCheck>,
}

impl Eligibility {
    /// Adds a rule with the message that fits its outcome.
    pub fn rule(
        &mut self,
        rule: &'static str,
        code: &'static str,
        passed: bool,
        pass: impl Into<String>,
        fail: impl Into<String>,
    ) -> &mut Self {
        let message = if passed { pass.into() } else { fail.into() };
        self.checks.push(RuleCheck {
            rule,
            code,
            passed,
            message,
        });
        self
    }

    pub fn eligible(&self) -> bool {
        self.checks.iter().all(|c| c.passed)
    }

    /// Every failing rule as a violation, in rule order.
    pub fn failures(&self) -> Vec<Violation> {
        self.checks
            .iter()
            .filter(|c| !c.passed)
            .map(|c| Violation::new(c.code, c.message.clone()))
            .collect()
    }

    /// The application's decision: accepted exactly when every rule passes.
    pub fn decide(&self) -> Result<(), Vec<Violation>> {
        let failures = self.failures();
        if failures.is_empty() {
            Ok(())
        } else {
            Err(failures)
        }
    }
}

/// Lists ids for a message, shortened when there are many.
pub(crate) fn id_list(ids: &[&str]) -> String {
    const SHOWN: usize = 5;
    let mut s = ids
        .iter()
        .take(SHOWN)
        .map(|i| crate::text::clip(i, 160))
        .collect::<Vec<_>>()
        .join(", ");
    if ids.len() > SHOWN {
        s.push_str(&format!(" and {} more", ids.len() - SHOWN));
    }
    s
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn decision_is_every_failure_in_rule_order() {
        let mut e = Eligibility::default();
        e.rule("A", "CBC.1", true, "a ok", "a bad")
            .rule("B", "CBC.2", false, "b ok", "b bad")
            .rule("C", "CBC.3", false, "c ok", "c bad");
        assert!(!e.eligible());
        let codes: Vec<_> = e.decide().unwrap_err().iter().map(|v| v.code).collect();
        assert_eq!(codes, ["CBC.2", "CBC.3"]);
        assert_eq!(e.checks[0].message, "a ok");
        assert_eq!(e.checks[1].message, "b bad");
        assert_eq!(Eligibility::default().decide(), Ok(()));
    }

    #[test]
    fn id_lists_are_short() {
        assert_eq!(id_list(&["a", "b"]), "a, b");
        let many = ["1", "2", "3", "4", "5", "6", "7"];
        assert_eq!(id_list(&many), "1, 2, 3, 4, 5 and 2 more");
    }
}
