//! Vouchers (PRODUCT §E): issuing and reclaiming coupons, moving quota between a distributor
//! and its resellers, expiry, and test vouchers (S15). Each use case owns one transaction.

pub mod expiry;
pub mod issue;
pub mod quota_moves;
pub mod quotas;
pub mod reclaim;
pub mod test_coupons;

use super::acting;
use crate::service::Failure;
use domain::vouchers::issue::{QuotaFacts, QuotaLimits};
use domain::vouchers::{self as v, split_list};
use domain::{Money, Violation};
use persistence::repo::coupon_records::{self, CouponRecordRow};
use persistence::repo::partners::PartnerRow;
use persistence::repo::quotas::QuotaRow;
use persistence::{ids, DbConnection};

/// One failed item of a batch: its id and why (`error_details`).
#[derive(Debug, Clone)]
pub struct ItemFailure {
    pub id: String,
    pub violation: Violation,
}

/// The partner a user acts as. A reseller naming itself as `indirect_partner_id` (as Huawei
/// documents for resellers) acts as itself; otherwise the rules of [`acting::partner`].
pub fn acting_partner(
    conn: &mut DbConnection,
    me: &str,
    indirect: Option<&str>,
) -> Result<PartnerRow, Failure> {
    acting::partner(conn, me, indirect.filter(|i| *i != me))
}

pub fn limits_of(q: &QuotaRow) -> QuotaLimits {
    QuotaLimits {
        face_min: q.face_min_cents.map(Money::from_cents),
        face_max: q.face_max_cents.map(Money::from_cents),
        cloud_service_types: split_list(q.cloud_service_types.as_deref()),
        product_ids: split_list(q.product_ids.as_deref()),
    }
}

pub fn facts<'a>(q: &QuotaRow, limits: &'a QuotaLimits) -> QuotaFacts<'a> {
    QuotaFacts {
        status: q.status,
        effective_time: q.effective_time,
        expire_time: q.expire_time,
        limits,
    }
}

pub fn rule(code: &'static str, message: impl Into<String>) -> Failure {
    Failure::Refused(Violation::new(code, message))
}

/// What an S9 record says; written with [`record`].
pub struct Record<'a> {
    pub partner_id: &'a str,
    pub quota_id: Option<&'a str>,
    pub quota_type: i32,
    pub coupon_id: Option<&'a str>,
    pub customer_id: Option<&'a str>,
    pub operation_type: &'a str,
    pub amount_cents: i64,
    pub failure: Option<&'a Violation>,
    pub remark: Option<&'a str>,
}

pub fn record(conn: &mut DbConnection, r: &Record<'_>, now: i64) -> Result<(), Failure> {
    let remark = match r.failure {
        Some(f) => Some(format!("{}: {}", f.code, f.message)),
        None => r.remark.map(str::to_owned),
    };
    Ok(coupon_records::insert(
        conn,
        &CouponRecordRow {
            seq: None,
            id: ids::new_id(),
            partner_id: r.partner_id.to_owned(),
            quota_id: r.quota_id.map(str::to_owned),
            quota_type: r.quota_type,
            coupon_id: r.coupon_id.map(str::to_owned),
            customer_id: r.customer_id.map(str::to_owned),
            operation_type: r.operation_type.to_owned(),
            amount_cents: r.amount_cents,
            result: if r.failure.is_some() {
                v::RESULT_FAILED
            } else {
                v::RESULT_OK
            }
            .to_owned(),
            remark,
            operation_time: now,
        },
    )?)
}
