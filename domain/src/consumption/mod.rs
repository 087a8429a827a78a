//! Consumption (issue 22): rated usage the cloud platform reports, how each record is charged
//! (cash coupons, cash, credit, then arrears), how arrears are written off, and the bill cycles
//! records roll up into. Pure rules over plain data.

pub mod charge;
pub mod cycle;
pub mod new_customer;
pub mod read;
pub mod record;
pub mod resources;
pub mod subscriptions;
pub mod visibility;

pub use charge::{charge, coupon_matches, write_off, Charge, CouponBalance};
pub use cycle::{bill_cycle, bill_date, cycle_of_record, cycle_start, is_closed};
pub use read::{BillSum, FeeRecord};
pub use record::{check_batch, check_record, NewFeeRecord, MAX_BATCH};

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
    crate::currency::Currency::of_country(country_code).as_str()
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

crate::coded_enum! {
    /// How a sub-customer is associated: 1 referral (顾问销售), 2 resale (代售).
    pub enum SubCustomerAssociation: int {
        Referral = 1,
        Resale = 2,
    }
}

crate::coded_enum! {
    /// The bill type of ListSubcustomerMonthlyBills: 0 consumption, 1 unsubscription, 2
    /// Huawei write-off.
    pub enum MonthlyBillType: int {
        Consumption = 0,
        Unsubscription = 1,
        WriteOff = 2,
    }
}

impl MonthlyBillType {
    /// The sum type (1 consumption, 2 refund) rows of this bill type are kept under, if any.
    pub fn sum_type(self) -> Option<i64> {
        match self {
            Self::Consumption => Some(1),
            Self::Unsubscription => Some(2),
            Self::WriteOff => None,
        }
    }

    pub fn of_sum_type(t: i64) -> Self {
        if t == 2 {
            Self::Unsubscription
        } else {
            Self::Consumption
        }
    }
}
