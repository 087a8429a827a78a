//! Yearly/monthly resources (issue 22): ListPayPerUseCustomerResources for a customer or a
//! partner naming its customer; RenewalResources, CancelResourcesSubscription,
//! AutoRenewalResources and CancelAutoRenewalResources for the customer that owns them. One
//! action per file; requests in `input`, answers in `json`.

pub mod auto_renew;
pub mod cancel_auto_renew;
pub mod input;
pub mod json;
pub mod list;
pub mod renew;
pub mod unsubscribe;
