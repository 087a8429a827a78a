//! Expiry by the injected clock: usable coupons past `expire_time` become expired (4) and a
//! partner coupon's balance returns to its quota with a record (operation type 4); normal
//! quotas past theirs become invalid (3). Swept at the start of voucher requests, one short
//! transaction per coupon, so sweeps never hold locks on many rows at once.

use super::{record, Record};
use crate::service::Failure;
use crate::{ApiError, AppState};
use domain::vouchers::{self as v, reclaim::is_due};
use persistence::repo::{partner_coupons, quotas};
use persistence::DbConnection;

/// Coupons expired per sweep; the rest wait for the next request.
const BATCH: i64 = 500;

pub async fn sweep(state: &AppState) -> Result<(), ApiError> {
    let now = state.now();
    let (due, quotas_due) = state
        .read(move |c| {
            Ok((
                partner_coupons::due(c, now, BATCH)?,
                quotas::any_due(c, now)?,
            ))
        })
        .await?;
    for coupon in due {
        let id = coupon.id;
        state.write(move |c| expire_coupon(c, &id, now)).await?;
    }
    if quotas_due {
        state
            .write(move |c| Ok(quotas::expire_due(c, now).map(drop)?))
            .await?;
    }
    Ok(())
}

/// Expires one coupon if it is still usable and due; a no-op otherwise.
pub fn expire_coupon(conn: &mut DbConnection, id: &str, now: i64) -> Result<(), Failure> {
    let Some(c) = partner_coupons::find(conn, id)? else {
        return Ok(());
    };
    if !is_due(c.status, c.expire_time, now) || !partner_coupons::expire(conn, &c)? {
        return Ok(());
    }
    let (Some(quota_id), Some(partner_id)) = (c.quota_id.as_deref(), c.partner_id.as_deref())
    else {
        return Ok(());
    };
    if c.source != v::SOURCE_PARTNER || c.balance_cents == 0 {
        return Ok(());
    }
    quotas::credit(conn, quota_id, c.balance_cents, now)?;
    record(
        conn,
        &Record {
            partner_id,
            quota_id: Some(quota_id),
            quota_type: v::quota_type_of(c.coupon_type),
            coupon_id: Some(&c.id),
            customer_id: Some(&c.customer_id),
            operation_type: v::OP_EXPIRY_RECLAIM,
            amount_cents: c.balance_cents,
            failure: None,
            remark: None,
        },
        now,
    )
}
