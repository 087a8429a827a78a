//! Capability labels (能力标签): codes granted by the operator, optionally until an expiry.

use crate::Violation;

/// A label code: 1–64 of `A–Z`, `0–9` and `_`, e.g. `CLOUD_MIGRATION`.
pub fn parse_code(s: &str) -> Result<&str, Violation> {
    let ok = !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
    if ok {
        Ok(s)
    } else {
        Err(Violation::param(
            "label_code must be 1 to 64 characters of A-Z, 0-9 and _",
        ))
    }
}

/// A label as granted: from `granted_at`, until `expire_at` (exclusive) if set; unix seconds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub code: String,
    pub granted_at: i64,
    pub expire_at: Option<i64>,
}

impl Label {
    /// Whether the partner holds this label at `t`.
    pub fn held_at(&self, t: i64) -> bool {
        self.granted_at <= t && self.expire_at.is_none_or(|e| t < e)
    }
}

/// The codes of the labels held at `t`, sorted.
pub fn held_at(labels: &[Label], t: i64) -> Vec<&str> {
    let mut held: Vec<&str> = labels
        .iter()
        .filter(|l| l.held_at(t))
        .map(|l| l.code.as_str())
        .collect();
    held.sort_unstable();
    held.dedup();
    held
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(code: &str, granted_at: i64, expire_at: Option<i64>) -> Label {
        Label {
            code: code.into(),
            granted_at,
            expire_at,
        }
    }

    #[test]
    fn held_within_the_window() {
        let cases = [
            (l("A", 10, None), 10, true),
            (l("A", 10, None), 9, false),
            (l("A", 10, Some(20)), 19, true),
            (l("A", 10, Some(20)), 20, false),
        ];
        for (label, t, want) in cases {
            assert_eq!(label.held_at(t), want, "{label:?} at {t}");
        }
        let all = [l("B", 0, None), l("A", 0, Some(5)), l("C", 9, None)];
        assert_eq!(held_at(&all, 4), ["A", "B"]);
        assert_eq!(held_at(&all, 9), ["B", "C"]);
    }

    #[test]
    fn codes() {
        assert!(parse_code("CLOUD_MIGRATION_2").is_ok());
        for bad in ["", "lower", "A-B", "A B", &"A".repeat(65)] {
            assert!(parse_code(bad).is_err(), "{bad}");
        }
    }
}
