//! CreatePartnerCoupons: one transaction locks the quota, checks the whole request, then
//! issues to each customer in order while the balance lasts. Failed customers are reported
//! (and recorded) per item; the quota is debited once for all coupons issued.

use super::{acting_partner, facts, limits_of, record, rule, ItemFailure, Record};
use crate::service::delivery::events::emit;
use crate::service::Failure;
use domain::events::EventType;
use domain::payment::COUPON_USABLE;
use domain::vouchers::issue::{self, IssueTerms};
use domain::vouchers::{self as v, join_list};
use domain::{codes, Money};
use persistence::repo::coupons::{self, CouponRow};
use persistence::repo::{partner_coupons, quotas};
use persistence::{ids, DbConnection, StoreError};

#[derive(Debug, Clone)]
pub struct IssueRequest {
    pub quota_id: String,
    pub customer_ids: Vec<String>,
    pub terms: IssueTerms,
    pub memo: Option<String>,
    pub indirect_partner_id: Option<String>,
}

#[derive(Debug, Default)]
pub struct Issued {
    /// `(customer_id, coupon_id)` in request order.
    pub coupons: Vec<(String, String)>,
    pub failures: Vec<ItemFailure>,
}

pub fn issue(
    conn: &mut DbConnection,
    me: &str,
    r: &IssueRequest,
    now: i64,
) -> Result<Issued, Failure> {
    let partner = acting_partner(conn, me, r.indirect_partner_id.as_deref())?;
    let quota = quotas::lock(conn, &[&r.quota_id])?
        .pop()
        .filter(|q| q.partner_id == partner.id)
        .ok_or_else(|| {
            rule(
                codes::QUOTA_INVALID,
                "quota_id does not name a quota of yours",
            )
        })?;
    let limits = limits_of(&quota);
    let terms = issue::check_issue(&facts(&quota, &limits), &r.terms, now)?;
    let associations = partner_coupons::associations(conn, &partner.id, &r.customer_ids)?;
    let face = r.terms.face.money();
    let mut balance = Money::from_cents(quota.balance_cents);
    let mut out = Issued::default();
    for customer_id in &r.customer_ids {
        let checked = issue::recipient(associations.get(customer_id).map(String::as_str))
            .and_then(|()| issue::take(balance, face));
        let base = Record {
            partner_id: &partner.id,
            quota_id: Some(&quota.id),
            quota_type: quota.quota_type,
            coupon_id: None,
            customer_id: Some(customer_id),
            operation_type: v::OP_ISSUE,
            amount_cents: face.cents(),
            failure: None,
            remark: r.memo.as_deref(),
        };
        match checked {
            Err(violation) => {
                record(
                    conn,
                    &Record {
                        failure: Some(&violation),
                        ..base
                    },
                    now,
                )?;
                out.failures.push(ItemFailure {
                    id: customer_id.clone(),
                    violation,
                });
            }
            Ok(left) => {
                let coupon = CouponRow {
                    id: ids::prefixed("CP"),
                    customer_id: customer_id.clone(),
                    coupon_type: v::coupon_type_of(quota.quota_type),
                    source: v::SOURCE_PARTNER.into(),
                    partner_id: Some(partner.id.clone()),
                    quota_id: Some(quota.id.clone()),
                    face_value_cents: face.cents(),
                    balance_cents: face.cents(),
                    status: COUPON_USABLE,
                    effective_time: terms.effective_time,
                    expire_time: terms.expire_time,
                    with_partner_discount: true,
                    with_contract_discount: true,
                    with_promotion_discount: true,
                    min_consume_discount: None,
                    used_by_order_id: None,
                    last_used_time: None,
                    memo: r.memo.clone(),
                    create_time: now,
                    cloud_service_types: join_list(&terms.cloud_service_types),
                    product_ids: join_list(&terms.product_ids),
                };
                coupons::insert(conn, &coupon)?;
                record(
                    conn,
                    &Record {
                        coupon_id: Some(&coupon.id),
                        ..base
                    },
                    now,
                )?;
                out.coupons.push((customer_id.clone(), coupon.id));
                balance = left;
            }
        }
    }
    let spent = quota.balance_cents - balance.cents();
    // The row is locked, so this cannot fail; if it did, nothing is committed.
    if spent > 0 && !quotas::debit(conn, &quota.id, spent, now)? {
        return Err(StoreError::Retryable.into());
    }
    for (customer_id, coupon_id) in &out.coupons {
        let subjects = [
            ("coupon_id", coupon_id.as_str()),
            ("customer_id", customer_id.as_str()),
            ("quota_id", quota.id.as_str()),
        ];
        emit(conn, &partner.id, EventType::CouponIssued, &subjects, now)?;
    }
    Ok(out)
}
