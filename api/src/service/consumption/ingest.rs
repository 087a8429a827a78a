//! `POST /v2/operator/usage-fee-records`: one transaction per batch. Records the platform has
//! sent before are skipped (a retried batch never charges twice); each new record is charged at
//! once (cash coupons, cash, credit, then arrears) with its ledger rows, and its bill-cycle sum
//! is kept up to date.

use crate::service::{Failure, Outcome};
use domain::consumption::{
    self, check_batch, check_record, coupon_matches, BillSum, Charge, CouponBalance, NewFeeRecord,
};
use domain::ledger::TradeDetail;
use domain::vouchers::coupon::CouponType;
use domain::{codes, Money, Violation};
use persistence::repo::accounts::{self, AccountRow, Posting};
use persistence::repo::consumption::postings::{self, Change};
use persistence::repo::consumption::records::FeeRecordRow;
use persistence::repo::consumption::{coupon_use, debts, records, sums};
use persistence::repo::{coupons, customers, partners};
use persistence::{coded, ids, DbConnection};
use std::collections::{BTreeMap, HashMap, HashSet};

/// What a batch did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ingested {
    /// Records charged now.
    pub accepted: usize,
    /// Records sent before, skipped.
    pub duplicates: usize,
}

type SumKey = (String, String, String, String, i64, i64);

/// Charges the batch's new records.
pub fn ingest(
    conn: &mut DbConnection,
    platform: &str,
    batch: &[NewFeeRecord],
    now: i64,
) -> Outcome<Ingested> {
    for (i, r) in batch.iter().enumerate() {
        check_record(i, r, now)?;
    }
    let ids: Vec<&str> = batch.iter().map(|r| r.record_id.as_str()).collect();
    check_batch(&ids)?;
    let seen: HashSet<String> = records::existing(conn, platform, &ids)?
        .into_iter()
        .collect();
    let fresh: Vec<(usize, &NewFeeRecord)> = batch
        .iter()
        .enumerate()
        .filter(|(_, r)| !seen.contains(&r.record_id))
        .collect();
    // Per customer, in order of first appearance: its accounts locked once.
    let mut order: Vec<&str> = Vec::new();
    for (_, r) in &fresh {
        if !order.contains(&r.customer_id.as_str()) {
            order.push(&r.customer_id);
        }
    }
    let mut rows = Vec::with_capacity(fresh.len());
    let mut sum_deltas: BTreeMap<SumKey, (BillSum, Option<String>)> = BTreeMap::new();
    for customer_id in order {
        let Some(customer) = customers::find(conn, customer_id)? else {
            let i = fresh
                .iter()
                .find(|(_, r)| r.customer_id == customer_id)
                .map_or(0, |(i, _)| *i);
            return Err(Violation::new(
                domain::codes::NOT_FOUND,
                format!("records[{i}].customer_id names no customer"),
            )
            .into());
        };
        let country = match &customer.partner_id {
            Some(p) => {
                partners::find(conn, p)?.map_or(customer.country_code.clone(), |p| p.country_code)
            }
            None => customer.country_code.clone(),
        };
        let currency = consumption::currency_of(&country);
        let mine: Vec<&NewFeeRecord> = fresh
            .iter()
            .filter(|(_, r)| r.customer_id == customer_id)
            .map(|(_, r)| *r)
            .collect();
        let mut customer_rows = charge_customer(conn, customer_id, &mine, now)?;
        for row in &mut customer_rows {
            row.platform = platform.to_owned();
            row.partner_id.clone_from(&customer.partner_id);
            currency.clone_into(&mut row.currency);
            let key: SumKey = (
                row.customer_id.clone(),
                row.bill_cycle.clone(),
                row.service_type_code.clone(),
                row.resource_type_code.clone(),
                i64::from(row.charging_mode),
                sum_type(row.bill_type),
            );
            let delta = sum_of(row);
            sum_deltas
                .entry(key)
                .and_modify(|(s, _)| s.add(&delta))
                .or_insert((delta, row.partner_id.clone()));
        }
        rows.extend(customer_rows);
    }
    records::insert(conn, &rows)?;
    for (delta, partner) in sum_deltas.values() {
        sums::add(conn, delta, partner.as_deref())?;
    }
    Ok(Ingested {
        accepted: rows.len(),
        duplicates: batch.len() - rows.len(),
    })
}

fn sum_type(bill_type: i32) -> i64 {
    <consumption::FeeBillType as domain::code::Coded>::from_int(i64::from(bill_type))
        .map_or(1, consumption::FeeBillType::sum_type)
}

fn sum_of(r: &FeeRecordRow) -> BillSum {
    let m = Money::from_cents;
    BillSum {
        customer_id: r.customer_id.clone(),
        bill_cycle: r.bill_cycle.clone(),
        service_type_code: r.service_type_code.clone(),
        resource_type_code: r.resource_type_code.clone(),
        charging_mode: i64::from(r.charging_mode),
        bill_type: sum_type(r.bill_type),
        official_amount: m(r.official_cents),
        discount_amount: m(r.discount_cents),
        amount: m(r.amount_cents),
        coupon_amount: m(r.coupon_cents),
        cash_amount: m(r.cash_cents),
        credit_amount: m(r.credit_cents),
        debt_amount: m(r.debt_cents),
        record_count: 1,
    }
}

/// Charges one customer's records in order against its coupons and locked accounts.
fn charge_customer(
    conn: &mut DbConnection,
    customer_id: &str,
    records: &[&NewFeeRecord],
    now: i64,
) -> Outcome<Vec<FeeRecordRow>> {
    let mut locked = accounts::lock_cash_and_credit(conn, accounts::CUSTOMER, customer_id, now)?;
    let mut coupon_facts: Vec<_> = coupons::usable(conn, customer_id, now)?
        .into_iter()
        .map(|c| c.facts)
        .filter(|f| f.coupon_type == CouponType::CashCoupon)
        .collect();
    let mut taken: HashMap<String, i64> = HashMap::new();
    let mut out = Vec::with_capacity(records.len());
    let mut debt = 0i64;
    for r in records {
        let usable: Vec<CouponBalance> = coupon_facts
            .iter()
            .filter(|c| coupon_matches(c, r, now))
            .map(|c| CouponBalance {
                id: c.id.clone(),
                balance: c.balance,
            })
            .collect();
        let bal = |t: i32, l: &[AccountRow]| {
            l.iter()
                .find(|a| a.account_type == t)
                .map_or(Money::ZERO, |a| Money::from_cents(a.balance_cents))
        };
        let c = consumption::charge(
            r.amount,
            &usable,
            bal(accounts::CASH, &locked),
            bal(accounts::CREDIT, &locked),
        );
        for (id, m) in &c.coupons {
            *taken.entry(id.clone()).or_default() += m.cents();
            if let Some(f) = coupon_facts.iter_mut().find(|f| &f.id == id) {
                f.balance = f.balance.checked_sub(*m).unwrap_or(Money::ZERO);
            }
        }
        // The balances the next record is charged from; written below in one go.
        for acc in locked.iter_mut() {
            let part = if acc.account_type == accounts::CASH {
                c.cash
            } else {
                c.credit
            };
            acc.balance_cents -= part.cents();
        }
        debt += c.debt.cents();
        out.push(row(ids::new_id(), r, &c, now));
    }
    post_all(conn, customer_id, &mut locked, &out, now)?;
    for (id, cents) in taken {
        if !coupon_use::take(conn, &id, cents, now)? {
            return Err(Failure::rule(
                codes::COUPON_USED,
                "a coupon was used meanwhile",
            ));
        }
    }
    debts::add(conn, customer_id, debt, now)?;
    Ok(out)
}

/// Every record's cash and credit parts as ledger rows: per account one balance update for
/// their sum and one multi-row insert (`locked` holds the balances after the charges).
fn post_all(
    conn: &mut DbConnection,
    customer_id: &str,
    locked: &mut [AccountRow],
    rows: &[FeeRecordRow],
    now: i64,
) -> Outcome<()> {
    let detail = TradeDetail::Usage;
    for acc in locked.iter_mut() {
        let cash = acc.account_type == accounts::CASH;
        let changes: Vec<Change<'_>> = rows
            .iter()
            .map(|r| Change {
                cents: -(if cash { r.cash_cents } else { r.credit_cents }),
                trade_type: detail.trade_type(),
                trade_detail_type: detail.as_str(),
                trade_id: &r.id,
                remark: Some(&r.record_id),
            })
            .collect();
        let spent: i64 = changes.iter().map(|c| c.cents).sum();
        // Back to the balance as locked, which apply_many moves by the same sum.
        acc.balance_cents -= spent;
        if !postings::apply_many(conn, acc, &changes, now)? {
            return Err(persistence::StoreError::Internal(format!(
                "the balances of customer {customer_id} moved under its lock"
            ))
            .into());
        }
    }
    Ok(())
}

fn row(id: String, r: &NewFeeRecord, c: &Charge, now: i64) -> FeeRecordRow {
    FeeRecordRow {
        id,
        platform: String::new(),
        record_id: r.record_id.clone(),
        customer_id: r.customer_id.clone(),
        partner_id: None,
        resource_id: r.resource_id.clone(),
        resource_name: r.resource_name.clone(),
        service_type_code: r.service_type_code.clone(),
        resource_type_code: r.resource_type_code.clone(),
        region_code: r.region_code.clone(),
        product_id: r.product_id.clone(),
        charging_mode: coded::int(r.charging_mode),
        bill_type: coded::int(r.bill_type),
        usage_amount: r.usage.normalize().to_string(),
        usage_unit: r.usage_unit.clone(),
        official_cents: r.official_amount.cents(),
        discount_cents: r.discount_amount.cents(),
        amount_cents: r.amount.cents(),
        coupon_cents: c.coupon_total().cents(),
        cash_cents: c.cash.cents(),
        credit_cents: c.credit.cents(),
        debt_cents: c.debt.cents(),
        writeoff_cents: 0,
        bill_cycle: consumption::cycle_of_record(r.usage_end, now),
        bill_date: consumption::bill_date(r.usage_end),
        usage_begin: r.usage_begin,
        usage_end: r.usage_end,
        currency: String::new(),
        created_at: now,
    }
}

/// One balance change of a charge or write-off, with its ledger row.
pub(super) fn post(
    conn: &mut DbConnection,
    acc: &mut AccountRow,
    delta: Money,
    detail: TradeDetail,
    trade_id: &str,
    remark: Option<&str>,
    now: i64,
) -> Outcome<()> {
    if delta.is_zero() {
        return Ok(());
    }
    let posting = Posting {
        delta,
        trade_type: detail.trade_type(),
        trade_detail_type: detail.as_str(),
        trade_id,
        customer_id: None,
        counterparty_id: None,
        remark,
    };
    accounts::post(conn, acc, &posting, now, || {
        Failure::internal("a charge exceeded the balance it was computed from")
    })?;
    Ok(())
}
