//! The SMB new-customer tag a partner reads of its customers (ListSubCustomerNewTag): a
//! customer is a new customer for the twelve bill months (UTC+8) from the month it registered;
//! it qualifies (`Y`) once it spends in that time, is `UNDETERMINED` while the time runs and it
//! has not, and is `N` once the time is over without spending.

use chrono::{Datelike, Months, NaiveDate};

crate::coded_enum! {
    /// `Y` qualified new customer, `N` not a new customer, `UNDETERMINED` eligible, not yet
    /// qualified.
    pub enum NewCustomerTag: text {
        Yes = "Y",
        No = "N",
        Undetermined = "UNDETERMINED",
    }
}

/// The tag type: SMB.
pub const TAG_TYPE: &str = "SMB";
/// Bill months a new customer's time runs.
pub const NEW_CUSTOMER_MONTHS: u32 = 12;

/// A customer's tag and its first and last month (`YYYY-MM`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagInfo {
    pub tag: NewCustomerTag,
    pub effective_month: String,
    pub expire_month: String,
}

fn month_start(unix: i64) -> Option<NaiveDate> {
    let cycle = crate::period::bill_cycle(unix);
    NaiveDate::parse_from_str(&format!("{cycle}-01"), "%Y-%m-%d").ok()
}

fn ym(d: NaiveDate) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

/// The tag of a customer registered at `registered` whose first spending (a paid order or a
/// charged usage record) was at `first_spend`, read at `now`.
pub fn tag(registered: i64, first_spend: Option<i64>, now: i64) -> Option<TagInfo> {
    let start = month_start(registered)?;
    let last = start.checked_add_months(Months::new(NEW_CUSTOMER_MONTHS - 1))?;
    let end = start.checked_add_months(Months::new(NEW_CUSTOMER_MONTHS))?;
    let in_time = |t: i64| month_start(t).is_some_and(|m| m >= start && m < end);
    let tag = match first_spend {
        Some(t) if in_time(t) => NewCustomerTag::Yes,
        _ if in_time(now) => NewCustomerTag::Undetermined,
        _ => NewCustomerTag::No,
    };
    Some(TagInfo {
        tag,
        effective_month: ym(start),
        expire_month: ym(last),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2026-01-15T00:00:00Z; a month is about 30 days.
    const JAN: i64 = 1_768_435_200;
    const DAY: i64 = 86_400;

    #[test]
    fn twelve_bill_months_from_registration() {
        let t = tag(JAN, None, JAN + DAY).unwrap_or_else(|| panic!("tag"));
        assert_eq!(
            (t.tag, t.effective_month.as_str(), t.expire_month.as_str()),
            (NewCustomerTag::Undetermined, "2026-01", "2026-12")
        );
        let cases = [
            (Some(JAN + 10 * DAY), JAN + 20 * DAY, NewCustomerTag::Yes),
            (Some(JAN + 10 * DAY), JAN + 400 * DAY, NewCustomerTag::Yes),
            (None, JAN + 400 * DAY, NewCustomerTag::No),
            (Some(JAN + 400 * DAY), JAN + 400 * DAY, NewCustomerTag::No),
            (None, JAN + 300 * DAY, NewCustomerTag::Undetermined),
        ];
        for (spend, now, want) in cases {
            assert_eq!(
                tag(JAN, spend, now).map(|t| t.tag),
                Some(want),
                "{spend:?} {now}"
            );
        }
    }
}
