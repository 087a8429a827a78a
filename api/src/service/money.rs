//! Operator money: recharges and credit limits. Each writes its ledger row in the same
//! transaction as the balance change.

use super::not_found;
use crate::service::Failure;
use domain::ledger::TradeDetail;
use domain::{codes, Amount, Money, Violation};
use persistence::repo::accounts::{self, Posting};
use persistence::repo::{customers, partners};
use persistence::{ids, DbConnection, StoreError};

fn insufficient() -> Failure {
    Failure::rule(codes::INSUFFICIENT_BALANCE, "insufficient balance")
}

fn credit(
    conn: &mut DbConnection,
    owner_kind: &str,
    owner_id: &str,
    amount: Amount,
    now: i64,
) -> Result<String, Failure> {
    let account = accounts::ensure(conn, owner_kind, owner_id, accounts::CASH, now)?;
    let mut locked = accounts::lock(conn, &[&account.id])?;
    let acc = locked
        .first_mut()
        .ok_or_else(|| StoreError::Internal("locked account vanished".into()))?;
    let trans_id = ids::new_id();
    let detail = TradeDetail::Recharge;
    accounts::post(
        conn,
        acc,
        &Posting {
            delta: amount.money(),
            trade_type: detail.trade_type(),
            trade_detail_type: detail.as_str(),
            trade_id: &trans_id,
            customer_id: None,
            counterparty_id: None,
            remark: None,
        },
        now,
        insufficient,
    )?;
    Ok(trans_id)
}

pub fn recharge_partner(
    conn: &mut DbConnection,
    partner_id: &str,
    amount: Amount,
    now: i64,
) -> Result<String, Failure> {
    partners::find(conn, partner_id)?.ok_or_else(|| not_found("partner"))?;
    credit(conn, accounts::PARTNER, partner_id, amount, now)
}

pub fn recharge_customer(
    conn: &mut DbConnection,
    customer_id: &str,
    amount: Amount,
    now: i64,
) -> Result<String, Failure> {
    let c = customers::find(conn, customer_id)?.ok_or_else(|| not_found("customer"))?;
    if c.partner_id.is_some() && c.association_type.as_deref() == Some("2") {
        return Err(Failure::Refused(Violation::new(
            codes::RESALE_CUSTOMER_RECHARGE,
            "a resale customer is funded by its partner, not recharged directly",
        )));
    }
    let trans_id = credit(conn, accounts::CUSTOMER, customer_id, amount, now)?;
    // The money first settles the customer's arrears (issue 22).
    super::consumption::arrears::settle(conn, customer_id, now)?;
    Ok(trans_id)
}

/// Sets the credit limit; the available credit (the account's balance) moves by the
/// difference, written as an `ADJUST_CREDIT` ledger row. A limit below what is used is refused.
pub fn set_credit_limit(
    conn: &mut DbConnection,
    owner_kind: &str,
    owner_id: &str,
    limit: Money,
    now: i64,
) -> Result<String, Failure> {
    let exists = match owner_kind {
        accounts::PARTNER => partners::find(conn, owner_id)?.is_some(),
        _ => customers::find(conn, owner_id)?.is_some(),
    };
    if !exists {
        return Err(not_found(if owner_kind == accounts::PARTNER {
            "partner"
        } else {
            "customer"
        }));
    }
    let account = accounts::ensure(conn, owner_kind, owner_id, accounts::CREDIT, now)?;
    let mut locked = accounts::lock(conn, &[&account.id])?;
    let acc = locked
        .first_mut()
        .ok_or_else(|| StoreError::Internal("locked account vanished".into()))?;
    let delta = limit.cents() - acc.credit_limit_cents;
    let trans_id = ids::new_id();
    if delta != 0 {
        let detail = TradeDetail::AdjustCredit;
        accounts::post(
            conn,
            acc,
            &Posting {
                delta: Money::from_cents(delta),
                trade_type: detail.trade_type(),
                trade_detail_type: detail.as_str(),
                trade_id: &trans_id,
                customer_id: None,
                counterparty_id: None,
                remark: None,
            },
            now,
            || {
                Failure::rule(
                    codes::CREDIT_BELOW_USED,
                    "credit_limit is below the credit already used",
                )
            },
        )?;
    }
    accounts::set_credit_limit(conn, acc, limit.cents())?;
    Ok(trans_id)
}
