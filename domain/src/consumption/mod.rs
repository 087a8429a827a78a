//! Consumption (issue 22): rated usage the cloud platform reports, how each record is charged
//! (cash coupons, cash, credit, then arrears), how arrears are written off, and the bill cycles
//! records roll up into. Pure rules over plain data.

pub mod charge;
pub mod cycle;
pub mod record;

pub use charge::{charge, write_off, Charge, CouponBalance};
pub use cycle::{bill_cycle, bill_date, cycle_of_record, cycle_start, is_closed};
pub use record::{check_record, NewFeeRecord, MAX_BATCH};

crate::coded_enum! {
    /// 1 yearly/monthly, 3 pay-per-use, 10 reserved instance, 11 savings plan.
    pub enum ChargingMode: int {
        YearlyMonthly = 1,
        OnDemand = 3,
        ReservedInstance = 10,
        SavingsPlan = 11,
    }
}

crate::coded_enum! {
    /// The bill type of a fee record: 1 new purchase, 2 renewal, 3 change, 4 unsubscription
    /// refund, 5 usage, 8 auto-renewal.
    pub enum FeeBillType: int {
        NewPurchase = 1,
        Renewal = 2,
        Change = 3,
        Unsubscription = 4,
        Usage = 5,
        AutoRenewal = 8,
    }
}

impl FeeBillType {
    /// The bill type of a monthly sum: 1 consumption, 2 refund, 3 adjustment.
    pub fn sum_type(self) -> i64 {
        match self {
            Self::Unsubscription => 2,
            _ => 1,
        }
    }
}

/// The currency of a partner's and its customers' money: CNY in China, USD elsewhere.
pub fn currency_of(country_code: &str) -> &'static str {
    if country_code.eq_ignore_ascii_case("CN") {
        "CNY"
    } else {
        "USD"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn currency_by_country() {
        for (country, currency) in [("CN", "CNY"), ("cn", "CNY"), ("DE", "USD"), ("SG", "USD")] {
            assert_eq!(currency_of(country), currency, "{country}");
        }
    }
}
