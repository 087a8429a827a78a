//! UpdateCouponQuotas and ReclaimCouponQuotas: a distributor passes part of a quota to its
//! resellers, or takes a reseller's whole balance back. Every quota involved is locked in id
//! order first; each move writes its record ("10" grant, "11" reclaim).

use super::{facts, limits_of, rule, ItemFailure};
use crate::service::delivery::events::emit;
use crate::service::Failure;
use domain::events::EventType;
use domain::vouchers::issue::{quota_usable, take};
use domain::vouchers::{self as v};
use domain::{codes, Amount, Money, Violation};
use persistence::repo::partners;
use persistence::repo::quota_records::{self, QuotaRecordRow};
use persistence::repo::quotas::{self, QuotaRow};
use persistence::{ids, DbConnection, StoreError};

/// The distributor acting and the user name its records show.
pub struct Actor<'a> {
    pub partner_id: &'a str,
    pub user_name: &'a str,
}

#[derive(Debug, Default)]
pub struct Moved {
    /// `(reseller or quota id, child quota id, balance after)` in request order.
    pub items: Vec<(String, String, i64)>,
    pub failures: Vec<ItemFailure>,
}

struct Move<'a> {
    reseller: &'a str,
    child: Option<&'a str>,
    parent: &'a str,
    op: &'a str,
    amount: i64,
    failure: Option<&'a Violation>,
    remark: Option<&'a str>,
}

fn write_record(
    conn: &mut DbConnection,
    a: &Actor<'_>,
    m: &Move<'_>,
    now: i64,
) -> Result<(), Failure> {
    Ok(quota_records::insert(
        conn,
        &QuotaRecordRow {
            seq: None,
            id: ids::new_id(),
            partner_id: a.partner_id.to_owned(),
            indirect_partner_id: m.reseller.to_owned(),
            quota_id: m.child.map(str::to_owned),
            parent_quota_id: m.parent.to_owned(),
            operation_type: m.op.to_owned(),
            amount_cents: m.amount,
            operator: a.user_name.to_owned(),
            result: if m.failure.is_some() {
                v::RESULT_FAILED
            } else {
                v::RESULT_OK
            }
            .to_owned(),
            remark: m
                .failure
                .map(|f| format!("{}: {}", f.code, f.message))
                .or_else(|| m.remark.map(str::to_owned)),
            operation_time: now,
        },
    )?)
}

/// The reseller hears of a move of its quota (`amount` in minor units).
fn tell(
    conn: &mut DbConnection,
    reseller: &str,
    kind: EventType,
    quota_id: &str,
    cents: i64,
    now: i64,
) -> Result<(), Failure> {
    let amount = Money::from_cents(cents).to_string();
    let subjects = [("quota_id", quota_id), ("amount", amount.as_str())];
    emit(conn, reseller, kind, &subjects, now)?;
    Ok(())
}

fn child_of(parent: &QuotaRow, reseller: &str, amount: i64, now: i64) -> QuotaRow {
    QuotaRow {
        id: ids::new_id(),
        partner_id: reseller.to_owned(),
        parent_quota_id: Some(parent.id.clone()),
        granted_by_partner_id: Some(parent.partner_id.clone()),
        quota_cents: amount,
        balance_cents: amount,
        status: v::QUOTA_NORMAL,
        create_time: now,
        last_update_time: now,
        ..parent.clone()
    }
}

/// UpdateCouponQuotas: `amount` from `quota_id` to each reseller in turn while it lasts.
pub fn pass(
    conn: &mut DbConnection,
    a: &Actor<'_>,
    quota_id: &str,
    resellers: &[String],
    amount: Amount,
    now: i64,
) -> Result<Moved, Failure> {
    // The lock unbind takes: no reseller's link ends between this check and the commit.
    let named: Vec<&str> = resellers.iter().map(String::as_str).collect();
    partners::lock(conn, &named)?;
    let mut mine = Vec::new();
    for r in resellers {
        if partners::find(conn, r)?.is_some_and(|p| p.parent_id.as_deref() == Some(a.partner_id)) {
            mine.push(r.clone());
        }
    }
    let existing = quotas::children_of(conn, quota_id, &mine)?;
    let mut ids: Vec<&str> = existing.iter().map(|c| c.id.as_str()).collect();
    ids.push(quota_id);
    let locked = quotas::lock(conn, &ids)?;
    let parent = locked
        .iter()
        .find(|q| q.id == quota_id && q.partner_id == a.partner_id)
        .ok_or_else(|| {
            rule(
                codes::QUOTA_INVALID,
                "quota_id does not name a quota of yours",
            )
        })?;
    let limits = limits_of(parent);
    quota_usable(
        &facts(parent, &limits),
        now,
        codes::QUOTA_STATUS_NOT_ISSUABLE,
    )?;
    let mut balance = Money::from_cents(parent.balance_cents);
    let mut out = Moved::default();
    for reseller in resellers {
        if !mine.contains(reseller) {
            let violation = Violation::new(
                codes::NOT_YOUR_RESELLER,
                "indirect_partner_id does not name one of your resellers",
            );
            out.failures.push(ItemFailure {
                id: reseller.clone(),
                violation,
            });
            continue;
        }
        let base = Move {
            reseller,
            child: None,
            parent: quota_id,
            op: v::OP_QUOTA_GRANT,
            amount: amount.cents(),
            failure: None,
            remark: None,
        };
        match take(balance, amount.money()) {
            Err(violation) => {
                write_record(
                    conn,
                    a,
                    &Move {
                        failure: Some(&violation),
                        ..base
                    },
                    now,
                )?;
                out.failures.push(ItemFailure {
                    id: reseller.clone(),
                    violation,
                });
            }
            Ok(left) => {
                let active = locked.iter().find(|q| {
                    q.partner_id == *reseller && q.id != quota_id && q.status == v::QUOTA_NORMAL
                });
                let (child, after, kind) = match active {
                    Some(c) => {
                        quotas::grant_more(conn, &c.id, amount.cents(), now)?;
                        let after = c.balance_cents + amount.cents();
                        (c.id.clone(), after, EventType::CouponQuotaAdjusted)
                    }
                    None => {
                        let c = child_of(parent, reseller, amount.cents(), now);
                        quotas::insert(conn, &c)?;
                        (c.id, amount.cents(), EventType::CouponQuotaGranted)
                    }
                };
                tell(conn, reseller, kind, &child, amount.cents(), now)?;
                write_record(
                    conn,
                    a,
                    &Move {
                        child: Some(&child),
                        ..base
                    },
                    now,
                )?;
                out.items.push((reseller.clone(), child, after));
                balance = left;
            }
        }
    }
    let spent = parent.balance_cents - balance.cents();
    if spent > 0 && !quotas::debit(conn, quota_id, spent, now)? {
        return Err(StoreError::Retryable.into());
    }
    Ok(out)
}

/// ReclaimCouponQuotas: each named reseller quota's whole balance back to its parent.
pub fn reclaim(
    conn: &mut DbConnection,
    a: &Actor<'_>,
    quota_ids: &[String],
    remark: Option<&str>,
    now: i64,
) -> Result<Moved, Failure> {
    let mut ids: Vec<String> = Vec::new();
    for id in quota_ids {
        if let Some(q) = quotas::find(conn, id)? {
            ids.extend(q.parent_quota_id.clone());
            ids.push(q.id);
        }
    }
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let locked = quotas::lock(conn, &refs)?;
    let mut out = Moved::default();
    for id in quota_ids {
        let child = locked
            .iter()
            .find(|q| q.id == *id && q.granted_by_partner_id.as_deref() == Some(a.partner_id));
        let (child, parent) = match child.and_then(|c| Some((c, c.parent_quota_id.as_deref()?))) {
            Some((c, p)) if c.balance_cents > 0 => (c, p),
            found => {
                let why = if found.is_some() {
                    "the quota has no balance to reclaim"
                } else {
                    "quota_ids names no quota you passed on"
                };
                let violation = Violation::new(codes::QUOTA_INVALID, why);
                out.failures.push(ItemFailure {
                    id: id.clone(),
                    violation,
                });
                continue;
            }
        };
        // Other quota ids of this batch do not touch this row, so its balance is current.
        if !quotas::take_all(conn, &child.id, child.balance_cents, now)? {
            return Err(StoreError::Retryable.into());
        }
        quotas::credit(conn, parent, child.balance_cents, now)?;
        let m = Move {
            reseller: &child.partner_id,
            child: Some(&child.id),
            parent,
            op: v::OP_QUOTA_RECLAIM,
            amount: child.balance_cents,
            failure: None,
            remark,
        };
        write_record(conn, a, &m, now)?;
        let kind = EventType::CouponQuotaReclaimed;
        tell(
            conn,
            &child.partner_id,
            kind,
            &child.id,
            child.balance_cents,
            now,
        )?;
        out.items.push((id.clone(), child.id.clone(), 0));
    }
    Ok(out)
}
