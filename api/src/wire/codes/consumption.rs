//! Consumption and bills (issue 22).

use crate::wire::{Code, CodeText};

codes! {
    ChargingMode = Code<domain::consumption::ChargingMode>;
    ChargingModeText = CodeText<domain::consumption::ChargingMode>;
    FeeBillType = Code<domain::consumption::FeeBillType>;
    FeeBillTypeText = CodeText<domain::consumption::FeeBillType>;
}

codes! {
    SubCustomerAssociationText = CodeText<domain::consumption::SubCustomerAssociation>;
    MonthlyBillTypeText = CodeText<domain::consumption::MonthlyBillType>;
}

codes! {
    ResourceStatus = Code<domain::consumption::resources::ResourceStatus>;
}

codes! {
    SubscriptionStatus = Code<domain::consumption::subscriptions::SubscriptionStatus>;
    RenewPeriod = Code<domain::consumption::subscriptions::RenewPeriod>;
    UnsubscribeType = Code<domain::consumption::subscriptions::UnsubscribeType>;
    AutoRenewPeriod = Code<domain::consumption::subscriptions::AutoRenewPeriod>;
    ExpirePolicy = Code<domain::consumption::subscriptions::ExpirePolicy>;
}
