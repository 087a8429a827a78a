//! Allocations and reclaims between partners and customers (S10), each one transaction that
//! moves money between two locked cash accounts and writes both ledger rows.

use super::acting;
use crate::service::delivery::events::emit;
use crate::service::Failure;
use domain::currency::{self, Currency};
use domain::events::EventType;
use domain::ledger::TradeDetail;
use domain::{codes, Amount, Violation};
use persistence::repo::accounts::{self, Posting};
use persistence::repo::customers;
use persistence::repo::partners::{self, PartnerRow};
use persistence::{ids, DbConnection};

fn insufficient() -> Failure {
    Failure::rule(
        codes::INSUFFICIENT_BALANCE,
        "the balance of the giving account is insufficient for this amount",
    )
}

/// One side of a transfer: the owner and what its ledger row names as the other party.
struct Side<'a> {
    kind: &'a str,
    id: &'a str,
    customer_id: Option<&'a str>,
    counterparty_id: Option<&'a str>,
}

fn transfer(
    conn: &mut DbConnection,
    from: &Side<'_>,
    to: &Side<'_>,
    amount: Amount,
    detail: TradeDetail,
    now: i64,
) -> Result<String, Failure> {
    let a = accounts::ensure(conn, from.kind, from.id, accounts::CASH, now)?;
    let b = accounts::ensure(conn, to.kind, to.id, accounts::CASH, now)?;
    let mut locked = accounts::lock(conn, &[&a.id, &b.id])?;
    let (first, second) = locked.split_at_mut(1);
    let (giver, taker) = if first[0].id == a.id {
        (&mut first[0], &mut second[0])
    } else {
        (&mut second[0], &mut first[0])
    };
    let trans_id = ids::new_id();
    for (account, side, delta) in [(giver, from, -amount.money()), (taker, to, amount.money())] {
        let posting = Posting {
            delta,
            trade_type: detail.trade_type(),
            trade_detail_type: detail.as_str(),
            trade_id: &trans_id,
            customer_id: side.customer_id,
            counterparty_id: side.counterparty_id,
            remark: None,
        };
        accounts::post(conn, account, &posting, now, insufficient)?;
    }
    Ok(trans_id)
}

/// The currencies of a distributor's and a reseller's money, in that order. A reseller may be
/// in another country: then no money moves between the two (`CBC.99100166`).
fn channel_currencies(
    conn: &mut DbConnection,
    distributor: &str,
    reseller: &PartnerRow,
) -> Result<(Currency, Currency), Failure> {
    let d = partners::find(conn, distributor)?
        .ok_or_else(|| persistence::StoreError::Internal("the calling partner vanished".into()))?;
    Ok((
        Currency::of_country(&d.country_code),
        Currency::of_country(&reseller.country_code),
    ))
}

/// UpdateCustomerAccountAmount: the acting partner funds its customer.
pub fn to_customer(
    conn: &mut DbConnection,
    caller_partner: &str,
    indirect: Option<&str>,
    customer_id: &str,
    amount: Amount,
    now: i64,
) -> Result<String, Failure> {
    let partner = acting::partner(conn, caller_partner, indirect)?;
    // The lock disassociate takes: the link cannot end between this check and the commit.
    customers::lock(conn, customer_id)?;
    let customer = acting::own_customer(conn, &partner.id, customer_id)?;
    let trans_id = transfer(
        conn,
        &Side {
            kind: accounts::PARTNER,
            id: &partner.id,
            customer_id: Some(&customer.id),
            counterparty_id: None,
        },
        &Side {
            kind: accounts::CUSTOMER,
            id: &customer.id,
            customer_id: None,
            counterparty_id: Some(&partner.id),
        },
        amount,
        TradeDetail::BeAdjust,
        now,
    )?;
    // The money first settles the customer's arrears (issue 22).
    super::consumption::arrears::settle(conn, &customer.id, now)?;
    let amount = amount.money().to_string();
    let subjects = [
        ("trans_id", trans_id.as_str()),
        ("customer_id", customer.id.as_str()),
        ("amount", amount.as_str()),
    ];
    emit(conn, &partner.id, EventType::MoneyAllocated, &subjects, now)?;
    Ok(trans_id)
}

/// ReclaimToPartnerAccount: money goes back from the customer to the acting partner.
pub fn from_customer(
    conn: &mut DbConnection,
    caller_partner: &str,
    indirect: Option<&str>,
    customer_id: &str,
    amount: Amount,
    now: i64,
) -> Result<String, Failure> {
    let partner = acting::partner(conn, caller_partner, indirect)?;
    // The lock disassociate takes: the link cannot end between this check and the commit.
    customers::lock(conn, customer_id)?;
    let customer = acting::own_customer(conn, &partner.id, customer_id)?;
    if accounts::find(conn, accounts::CUSTOMER, &customer.id, accounts::CASH)?.is_none() {
        return Err(Failure::Refused(Violation::new(
            codes::ACCOUNT_NOT_FOUND,
            "the customer has no account",
        )));
    }
    let trans_id = transfer(
        conn,
        &Side {
            kind: accounts::CUSTOMER,
            id: &customer.id,
            customer_id: None,
            counterparty_id: Some(&partner.id),
        },
        &Side {
            kind: accounts::PARTNER,
            id: &partner.id,
            customer_id: Some(&customer.id),
            counterparty_id: None,
        },
        amount,
        TradeDetail::BeRetrieve,
        now,
    )?;
    let amount = amount.money().to_string();
    let subjects = [
        ("trans_id", trans_id.as_str()),
        ("customer_id", customer.id.as_str()),
        ("amount", amount.as_str()),
    ];
    emit(conn, &partner.id, EventType::MoneyReclaimed, &subjects, now)?;
    Ok(trans_id)
}

/// UpdateIndirectPartnerAccount: a distributor funds one of its resellers.
pub fn to_reseller(
    conn: &mut DbConnection,
    distributor: &str,
    reseller_id: &str,
    amount: Amount,
    now: i64,
) -> Result<String, Failure> {
    // The lock unbind takes: the link cannot end between this check and the commit.
    partners::lock(conn, &[reseller_id])?;
    let reseller = acting::own_reseller(conn, distributor, reseller_id)?;
    let (ours, theirs) = channel_currencies(conn, distributor, &reseller)?;
    currency::may_move(ours, theirs)?;
    let trans_id = transfer(
        conn,
        &Side {
            kind: accounts::PARTNER,
            id: distributor,
            customer_id: None,
            counterparty_id: Some(&reseller.id),
        },
        &Side {
            kind: accounts::PARTNER,
            id: &reseller.id,
            customer_id: None,
            counterparty_id: Some(distributor),
        },
        amount,
        TradeDetail::BeAdjust,
        now,
    )?;
    reseller_event(
        conn,
        distributor,
        &reseller.id,
        &trans_id,
        amount,
        EventType::MoneyAllocated,
        now,
    )?;
    Ok(trans_id)
}

/// ReclaimIndirectPartnerAccount: money goes back from the reseller to its distributor.
pub fn from_reseller(
    conn: &mut DbConnection,
    distributor: &str,
    reseller_id: &str,
    amount: Amount,
    now: i64,
) -> Result<String, Failure> {
    // The lock unbind takes: the link cannot end between this check and the commit.
    partners::lock(conn, &[reseller_id])?;
    let reseller = acting::own_reseller(conn, distributor, reseller_id)?;
    let (ours, theirs) = channel_currencies(conn, distributor, &reseller)?;
    currency::may_move(theirs, ours)?;
    let trans_id = transfer(
        conn,
        &Side {
            kind: accounts::PARTNER,
            id: &reseller.id,
            customer_id: None,
            counterparty_id: Some(distributor),
        },
        &Side {
            kind: accounts::PARTNER,
            id: distributor,
            customer_id: None,
            counterparty_id: Some(&reseller.id),
        },
        amount,
        TradeDetail::BeRetrieve,
        now,
    )?;
    reseller_event(
        conn,
        distributor,
        &reseller.id,
        &trans_id,
        amount,
        EventType::MoneyReclaimed,
        now,
    )?;
    Ok(trans_id)
}

/// The reseller hears of money its distributor moved to or from it.
fn reseller_event(
    conn: &mut DbConnection,
    distributor: &str,
    reseller: &str,
    trans_id: &str,
    amount: Amount,
    kind: EventType,
    now: i64,
) -> Result<(), Failure> {
    let amount = amount.money().to_string();
    let subjects = [
        ("trans_id", trans_id),
        ("distributor_id", distributor),
        ("reseller_id", reseller),
        ("amount", amount.as_str()),
    ];
    emit(conn, reseller, kind, &subjects, now)?;
    Ok(())
}
