//! Cash coupons paying consumption: a coupon pays part of a record and stays usable until its
//! balance is spent.

use crate::coded;
use crate::schema::coupons;
use crate::{DbConnection, StoreError};
use diesel::prelude::*;
use domain::vouchers::coupon::CouponStatus;

/// Takes `cents` from a usable coupon with at least that balance; false if it has less now.
pub fn take(conn: &mut DbConnection, id: &str, cents: i64, now: i64) -> Result<bool, StoreError> {
    let usable = coded::int(CouponStatus::Usable);
    let n = diesel::update(
        coupons::table
            .filter(coupons::id.eq(id))
            .filter(coupons::status.eq(usable))
            .filter(coupons::balance_cents.ge(cents)),
    )
    .set((
        coupons::balance_cents.eq(coupons::balance_cents - cents),
        coupons::last_used_time.eq(now),
    ))
    .execute(conn)?;
    if n == 1 {
        diesel::update(
            coupons::table
                .filter(coupons::id.eq(id))
                .filter(coupons::balance_cents.eq(0)),
        )
        .set(coupons::status.eq(coded::int(CouponStatus::Used)))
        .execute(conn)?;
    }
    Ok(n == 1)
}
