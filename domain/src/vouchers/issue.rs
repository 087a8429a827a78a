//! CreatePartnerCoupons and quota moves: what a quota allows and what a coupon issued from it
//! looks like. Whole-request rules answer 400; the per-customer ones go into `error_details`.

use crate::{codes, Amount, Money, Violation};

/// A quota's limits: face value range, cloud service types and products (empty = any).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuotaLimits {
    pub face_min: Option<Money>,
    pub face_max: Option<Money>,
    pub cloud_service_types: Vec<String>,
    pub product_ids: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct QuotaFacts<'a> {
    pub status: i32,
    pub effective_time: i64,
    pub expire_time: i64,
    pub limits: &'a QuotaLimits,
}

/// What the caller asked for; `None` and empty lists inherit the quota's.
#[derive(Debug, Clone)]
pub struct IssueTerms {
    pub face: Amount,
    pub valid_time: Option<i64>,
    pub expire_time: Option<i64>,
    pub cloud_service_types: Vec<String>,
    pub product_ids: Vec<String>,
}

/// The coupon's resolved validity and limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CouponTerms {
    pub effective_time: i64,
    pub expire_time: i64,
    pub cloud_service_types: Vec<String>,
    pub product_ids: Vec<String>,
}

/// The quota is inside its validity now (an expired quota answers CBC.99000017 whatever its
/// status) and normal. `bad_status` is the operation's code for
/// a quota that is not normal (CreatePartnerCoupons 99000012, UpdateCouponQuotas 99000015).
pub fn quota_usable(q: &QuotaFacts, now: i64, bad_status: &'static str) -> Result<(), Violation> {
    if now < q.effective_time || now >= q.expire_time {
        return Err(Violation::new(
            codes::QUOTA_NOT_EFFECTIVE,
            "the quota is not yet effective or has expired",
        ));
    }
    if q.status != super::QUOTA_NORMAL {
        return Err(Violation::new(
            bad_status,
            "the quota's status does not allow this operation",
        ));
    }
    Ok(())
}

fn within(field: &str, asked: &[String], allowed: &[String]) -> Result<Vec<String>, Violation> {
    if asked.is_empty() {
        return Ok(allowed.to_vec());
    }
    if !allowed.is_empty() && asked.iter().any(|a| !allowed.contains(a)) {
        return Err(Violation::new(
            codes::COUPON_LIMITS_EXCEED_QUOTA,
            format!("{field} exceed the quota's limits"),
        ));
    }
    Ok(asked.to_vec())
}

/// Every whole-request rule of CreatePartnerCoupons, in Huawei's order.
pub fn check_issue(q: &QuotaFacts, t: &IssueTerms, now: i64) -> Result<CouponTerms, Violation> {
    quota_usable(q, now, codes::QUOTA_INVALID)?;
    if q.limits.face_min.is_some_and(|min| t.face.money() < min) {
        return Err(Violation::new(
            codes::FACE_VALUE_BELOW_MIN,
            "face_value is below the quota's minimum face value",
        ));
    }
    if q.limits.face_max.is_some_and(|max| t.face.money() > max) {
        return Err(Violation::new(
            codes::FACE_VALUE_ABOVE_MAX,
            "face_value is above the quota's maximum face value",
        ));
    }
    let effective_time = t.valid_time.unwrap_or(q.effective_time);
    let expire_time = t.expire_time.unwrap_or(q.expire_time);
    if effective_time < q.effective_time || expire_time > q.expire_time {
        return Err(Violation::param(
            "valid_time and expire_time must lie within the quota's validity",
        ));
    }
    if expire_time <= effective_time || expire_time <= now {
        return Err(Violation::param(
            "expire_time must be after valid_time and in the future",
        ));
    }
    Ok(CouponTerms {
        effective_time,
        expire_time,
        cloud_service_types: within(
            "cloud_service_types",
            &t.cloud_service_types,
            &q.limits.cloud_service_types,
        )?,
        product_ids: within("product_ids", &t.product_ids, &q.limits.product_ids)?,
    })
}

/// A coupon goes only to the acting partner's resale customers; `association` is the
/// customer's association type with that partner (`None`: not its customer).
pub fn recipient(association: Option<&str>) -> Result<(), Violation> {
    match association {
        None => Err(Violation::new(
            codes::NOT_SUB_CUSTOMER,
            "the customer is not one of your customers",
        )),
        Some("2") => Ok(()),
        Some(_) => Err(Violation::new(
            codes::COUPON_WRONG_COOPERATION,
            "coupons can only be issued to resale customers",
        )),
    }
}

/// What is left of a quota after taking `amount`; per item `CBC.99000013` when it is not there.
pub fn take(balance: Money, amount: Money) -> Result<Money, Violation> {
    balance
        .checked_sub(amount)
        .filter(|left| !left.is_negative())
        .ok_or_else(|| {
            Violation::new(
                codes::QUOTA_INSUFFICIENT,
                "the quota's balance is insufficient",
            )
        })
}

#[cfg(test)]
#[path = "issue_tests.rs"]
mod tests;
