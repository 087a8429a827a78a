//! Huawei's `offset`/`limit` paging: offset from 0, limit 1–100 with a default of 10.

use crate::Violation;

pub const DEFAULT_LIMIT: i64 = 10;
pub const MAX_LIMIT: i64 = 100;
/// ListIndirectPartners and ListSubCustomers document this bound; we apply it everywhere.
pub const MAX_OFFSET: i64 = 40_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub offset: i64,
    pub limit: i64,
}

impl Page {
    pub fn new(offset: Option<i64>, limit: Option<i64>) -> Result<Self, Violation> {
        let offset = offset.unwrap_or(0);
        let limit = limit.unwrap_or(DEFAULT_LIMIT);
        if !(0..=MAX_OFFSET).contains(&offset) {
            return Err(Violation::param(format!(
                "offset must be between 0 and {MAX_OFFSET}"
            )));
        }
        if !(1..=MAX_LIMIT).contains(&limit) {
            return Err(Violation::param(format!(
                "limit must be between 1 and {MAX_LIMIT}"
            )));
        }
        Ok(Page { offset, limit })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_bounds() {
        assert_eq!(
            Page::new(None, None),
            Ok(Page {
                offset: 0,
                limit: 10
            })
        );
        assert!(Page::new(Some(-1), None).is_err());
        assert!(Page::new(None, Some(0)).is_err());
        assert!(Page::new(None, Some(101)).is_err());
        assert!(Page::new(Some(MAX_OFFSET + 1), None).is_err());
        assert_eq!(
            Page::new(Some(5), Some(100)),
            Ok(Page {
                offset: 5,
                limit: 100
            })
        );
    }
}
