//! ReclaimPartnerCoupons: only a usable coupon of a resale customer; its whole balance goes
//! back to the quota it came from.

use crate::payment::{COUPON_USABLE, COUPON_USED};
use crate::{codes, Violation};

#[derive(Debug, Clone, Copy)]
pub struct CouponState<'a> {
    pub status: i32,
    pub expire_time: i64,
    /// The customer's association type with the partner that issued the coupon, if any.
    pub association: Option<&'a str>,
}

/// Why the coupon cannot be reclaimed now, if it cannot.
pub fn check(c: &CouponState, now: i64) -> Result<(), Violation> {
    if c.association != Some("2") {
        return Err(Violation::new(
            codes::RECLAIM_REFERRAL_COUPON,
            "coupons of referral (consultative) customers cannot be reclaimed",
        ));
    }
    match c.status {
        COUPON_USABLE if now < c.expire_time => Ok(()),
        COUPON_USED => Err(Violation::new(
            codes::COUPON_USED_NOT_RECLAIMABLE,
            "the coupon has been used and cannot be reclaimed",
        )),
        _ => Err(Violation::new(
            codes::COUPON_EXPIRED_OR_RECLAIMED,
            "the coupon has expired or was already reclaimed",
        )),
    }
}

/// A usable coupon whose time is up: it expires now.
pub fn is_due(status: i32, expire_time: i64, now: i64) -> bool {
    status == COUPON_USABLE && expire_time <= now
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(status: i32, association: Option<&str>) -> CouponState<'_> {
        CouponState {
            status,
            expire_time: 100,
            association,
        }
    }

    #[test]
    fn only_usable_resale_coupons() {
        let code = |c: CouponState, now| check(&c, now).err().map_or("ok", |v| v.code);
        assert_eq!(code(state(2, Some("2")), 99), "ok");
        assert_eq!(
            code(state(2, Some("2")), 100),
            codes::COUPON_EXPIRED_OR_RECLAIMED
        );
        assert_eq!(
            code(state(4, Some("2")), 0),
            codes::COUPON_EXPIRED_OR_RECLAIMED
        );
        assert_eq!(
            code(state(5, Some("2")), 0),
            codes::COUPON_EXPIRED_OR_RECLAIMED
        );
        assert_eq!(
            code(state(3, Some("2")), 0),
            codes::COUPON_USED_NOT_RECLAIMABLE
        );
        assert_eq!(code(state(2, Some("1")), 0), codes::RECLAIM_REFERRAL_COUPON);
        assert_eq!(code(state(2, None), 0), codes::RECLAIM_REFERRAL_COUPON);
        assert!(is_due(2, 100, 100) && !is_due(2, 100, 99) && !is_due(5, 1, 100));
    }
}
