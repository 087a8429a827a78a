//! Events a partner's systems hear of (#21): each business change that someone outside should
//! know emits one, in the transaction of the change. An event names its partner (the one that
//! receives it) and the ids involved, never a secret or an unmasked contact.

crate::coded_enum! {
    /// What happened.
    pub enum EventType: text {
        ResellerInvitationCreated = "reseller_invitation.created",
        ResellerInvitationAccepted = "reseller_invitation.accepted",
        ResellerInvitationRejected = "reseller_invitation.rejected",
        ResellerInvitationCancelled = "reseller_invitation.cancelled",
        CustomerInvitationSent = "customer_invitation.sent",
        CustomerInvitationAssociated = "customer_invitation.associated",
        CustomerInvitationFailed = "customer_invitation.failed",
        PaymentRequested = "payment.requested",
        PaymentPaid = "payment.paid",
        PaymentRejected = "payment.rejected",
        OrderPaid = "order.paid",
        OrderRefunded = "order.refunded",
        MoneyAllocated = "money.allocated",
        MoneyReclaimed = "money.reclaimed",
        CouponIssued = "coupon.issued",
        CouponReclaimed = "coupon.reclaimed",
        ReviewDecided = "review.decided",
        LeadDispatched = "lead.dispatched",
        OpportunityAssigned = "opportunity.assigned",
        ResourceAutoRenewalFailed = "resource.auto_renewal_failed",
        IncentiveGranted = "incentive.granted",
        PayoutPaid = "payout.paid",
        PayoutRejected = "payout.rejected",
        CouponQuotaGranted = "coupon_quota.granted",
        CouponQuotaAdjusted = "coupon_quota.adjusted",
        CouponQuotaReclaimed = "coupon_quota.reclaimed",
    }
}

/// The most events one feed page holds.
pub const MAX_PAGE: i64 = 100;
/// A page's size when the caller names none.
pub const DEFAULT_PAGE: i64 = 20;

/// The ids an event names, as `(name, value)` pairs; names end in `_id` (or are `status`,
/// `reason`, `amount`), values are ids or codes, never contacts or secrets.
pub type Subjects<'a> = &'a [(&'a str, &'a str)];

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::code::Coded;

    #[test]
    fn types_read_back_from_their_codes() {
        for t in EventType::ALL {
            assert_eq!(EventType::from_text(t.as_str()), Some(*t));
            assert!(t.as_str().contains('.'));
        }
        assert_eq!(EventType::from_text("order.lost"), None);
    }
}
