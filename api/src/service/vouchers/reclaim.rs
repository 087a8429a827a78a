//! ReclaimPartnerCoupons: a usable coupon of a resale customer is closed and its whole balance
//! returns to the quota it came from, with a record, in one transaction.

use super::{acting_partner, record, rule, Record};
use crate::service::delivery::events::emit;
use crate::service::Failure;
use domain::codes;
use domain::events::EventType;
use domain::vouchers::reclaim::{self, CouponState};
use domain::vouchers::{self as v};
use persistence::repo::coupons::CouponRow;
use persistence::repo::{partner_coupons, quotas};
use persistence::{DbConnection, StoreError};

pub fn reclaim(
    conn: &mut DbConnection,
    me: &str,
    coupon_id: &str,
    indirect: Option<&str>,
    now: i64,
) -> Result<(), Failure> {
    let partner = acting_partner(conn, me, indirect)?;
    let c = partner_coupons::find_issued(conn, &partner.id, coupon_id)?.ok_or_else(|| {
        rule(
            codes::COUPON_NOT_FOUND,
            "coupon_id does not name a coupon you issued",
        )
    })?;
    let associations =
        partner_coupons::associations(conn, &partner.id, std::slice::from_ref(&c.customer_id))?;
    let state = CouponState {
        status: c.status,
        expire_time: c.expire_time,
        association: associations.get(&c.customer_id).map(String::as_str),
    };
    reclaim::check(&state, now)?;
    give_back(conn, &partner.id, &c, now)
}

/// Closes the usable coupon `c` that `partner_id` issued and returns its whole balance to the
/// quota it came from, with a record (ReclaimPartnerCoupons, and a customer's disassociation).
pub fn give_back(
    conn: &mut DbConnection,
    partner_id: &str,
    c: &CouponRow,
    now: i64,
) -> Result<(), Failure> {
    // Used or reclaimed meanwhile: start over and answer from the new state.
    if !partner_coupons::reclaim(conn, &c.id, c.balance_cents)? {
        return Err(StoreError::Retryable.into());
    }
    let quota_id = c
        .quota_id
        .as_deref()
        .ok_or_else(|| StoreError::Internal("partner coupon without quota".into()))?;
    quotas::credit(conn, quota_id, c.balance_cents, now)?;
    record(
        conn,
        &Record {
            partner_id,
            quota_id: Some(quota_id),
            quota_type: v::quota_type_of(c.coupon_type),
            coupon_id: Some(&c.id),
            customer_id: Some(&c.customer_id),
            operation_type: v::OP_MANUAL_RECLAIM,
            amount_cents: c.balance_cents,
            failure: None,
            remark: None,
        },
        now,
    )?;
    let subjects = [
        ("coupon_id", c.id.as_str()),
        ("customer_id", c.customer_id.as_str()),
    ];
    emit(conn, partner_id, EventType::CouponReclaimed, &subjects, now)?;
    Ok(())
}
