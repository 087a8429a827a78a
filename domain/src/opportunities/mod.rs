//! Opportunities: the partner's business opportunities with their visibility (S13), PO
//! opportunities reported to the platform for review (S6), and the partner co-expansion plan
//! with the opportunities the platform shares (S2).

pub mod pce;
pub mod po;
pub mod visibility;

use crate::{codes, wire_names, Violation};

wire_names!(
    /// What kind of business the opportunity is.
    OpportunityType {
        NewCustomer = "NEW_CUSTOMER",
        Expansion = "EXPANSION",
        Renewal = "RENEWAL",
        Migration = "MIGRATION",
    }
);

wire_names!(
    /// Sales stages in order; `WON` and `LOST` are reached only by closing.
    Stage {
        Discovery = "DISCOVERY",
        Qualified = "QUALIFIED",
        Proposal = "PROPOSAL",
        Negotiation = "NEGOTIATION",
        Won = "WON",
        Lost = "LOST",
    }
);

impl Stage {
    pub fn is_closed(self) -> bool {
        matches!(self, Stage::Won | Stage::Lost)
    }
}

/// Confidence (把握度) in percent, 0–100.
pub fn confidence(field: &str, v: i32) -> Result<i32, Violation> {
    if (0..=100).contains(&v) {
        Ok(v)
    } else {
        Err(Violation::param(format!(
            "{field} must be between 0 and 100"
        )))
    }
}

/// A stage a caller may set by creating or updating; closing is its own operation.
pub fn open_stage(field: &str, s: &str) -> Result<Stage, Violation> {
    let stage = Stage::parse(field, s)?;
    if stage.is_closed() {
        return Err(Violation::param(format!(
            "{field} WON and LOST are set by closing the opportunity"
        )));
    }
    Ok(stage)
}

/// Only an open opportunity may be updated or closed.
pub fn ensure_open(current: Stage) -> Result<(), Violation> {
    if current.is_closed() {
        return Err(Violation::new(
            codes::OPPORTUNITY_CLOSED,
            format!(
                "the opportunity is closed ({}) and can no longer be changed",
                current.as_str()
            ),
        ));
    }
    Ok(())
}

/// Ours (S13): a range filter whose lower bound is above its upper bound (after combining
/// an exact `confidence` with `confidence_min`/`_max`): no opportunity can match. Kept in the
/// 99100100–99100139 block of `codes`.
pub const FILTER_RANGE_EMPTY: &str = "CBC.99100112";
/// Ours (S13): a `marker` that is not the `next_marker` of a previous page.
pub const MARKER_UNKNOWN: &str = "CBC.99100113";

/// The result a closing sets.
pub fn close_result(s: &str) -> Result<Stage, Violation> {
    match Stage::parse("result", s)? {
        st @ (Stage::Won | Stage::Lost) => Ok(st),
        _ => Err(Violation::param("result must be WON or LOST")),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn stages_and_closing() {
        assert_eq!(open_stage("stage", "PROPOSAL"), Ok(Stage::Proposal));
        assert!(open_stage("stage", "WON").is_err());
        assert!(open_stage("stage", "proposal").is_err());
        assert_eq!(close_result("LOST"), Ok(Stage::Lost));
        assert!(close_result("QUALIFIED").is_err());
        assert!(ensure_open(Stage::Negotiation).is_ok());
        assert_eq!(
            ensure_open(Stage::Won).unwrap_err().code,
            codes::OPPORTUNITY_CLOSED
        );
        assert!(confidence("confidence", 101).is_err());
        assert!(confidence("confidence", -1).is_err());
        assert_eq!(confidence("confidence", 0), Ok(0));
    }
}
