//! Relationships end (#20): a distributor unbinds a reseller; a partner disassociates a
//! customer. Refused with every blocker while the other side holds what the partner can take
//! back; otherwise the link ends, its end is recorded, and the other side is free to be
//! invited again. Ledger rows, coupon and quota records of the linked time stay as they are.

use crate::service::vouchers::reclaim::give_back;
use crate::service::{Failure, Outcome};
use domain::association::AssociationType;
use domain::relationships::{self as rules, ResellerHoldings};
use persistence::repo::relationships::{self as repo, LinkEndRow};
use persistence::repo::{accounts, customers, orders, partner_coupons, partners};
use persistence::{ids, DbConnection, StoreError};

/// Money `giver` can still take back from the cash account of (`kind`, `owner`).
fn reclaimable(
    conn: &mut DbConnection,
    kind: &str,
    owner: &str,
    giver: &str,
) -> Result<i64, StoreError> {
    let Some(account) = accounts::find(conn, kind, owner, accounts::CASH)? else {
        return Ok(0);
    };
    // Locked, so that no allocation lands between the check and the end of the link.
    let balance = accounts::lock(conn, &[&account.id])?
        .first()
        .map_or(account.balance_cents, |a| a.balance_cents);
    let given = repo::given_net(conn, kind, owner, giver)?;
    Ok(rules::reclaimable(balance, given))
}

/// `POST /v2/partners/indirect-partners/{id}/unbind`.
pub fn unbind(
    conn: &mut DbConnection,
    distributor: &str,
    reseller_id: &str,
    reason: &str,
    now: i64,
) -> Outcome<()> {
    // Allocations and quota moves to the reseller take the same lock before they check the
    // link: none lands between the holdings read below and the unbind.
    partners::lock(conn, &[reseller_id])?;
    let reseller = partners::find(conn, reseller_id)?
        .filter(|r| r.parent_id.as_deref() == Some(distributor))
        .ok_or_else(|| Failure::not_found("indirect_partner_id"))?;
    let holdings = ResellerHoldings {
        money_cents: reclaimable(conn, accounts::PARTNER, &reseller.id, distributor)?,
        quotas: repo::passed_quotas_with_balance(conn, distributor, &reseller.id)?,
    };
    rules::may_unbind(&holdings).map_err(Failure::RefusedAll)?;
    if !repo::unbind(conn, distributor, &reseller.id)? {
        return Err(StoreError::Retryable.into());
    }
    repo::record(
        conn,
        &LinkEndRow {
            partner_id: distributor.to_owned(),
            id: ids::new_id(),
            kind: repo::RESELLER.to_owned(),
            counterpart_id: reseller.id,
            association_type: None,
            linked_at: reseller.associated_at,
            ended_at: now,
            reason: reason.to_owned(),
        },
    )?;
    Ok(())
}

/// `POST /v2/partners/sub-customers/{id}/disassociate`.
pub fn disassociate(
    conn: &mut DbConnection,
    partner: &str,
    customer_id: &str,
    reason: &str,
    now: i64,
) -> Outcome<()> {
    // Allocations to the customer take the same lock before they check the link.
    customers::lock(conn, customer_id)?;
    let customer = customers::find(conn, customer_id)?
        .filter(|c| c.partner_id.as_deref() == Some(partner))
        .ok_or_else(|| Failure::not_found("customer_id"))?;
    let kind = customer
        .association_type
        .as_deref()
        .and_then(|t| AssociationType::parse("association_type", t).ok())
        .unwrap_or(AssociationType::Referral);
    if kind == AssociationType::Resale {
        let money = reclaimable(conn, accounts::CUSTOMER, &customer.id, partner)?;
        rules::may_disassociate(kind, money).map_err(Failure::RefusedAll)?;
        for coupon in partner_coupons::usable_issued_to(conn, partner, &customer.id)? {
            give_back(conn, partner, &coupon, now)?;
        }
        orders::reject_agent_requests(
            conn,
            &customer.id,
            partner,
            "the customer is no longer associated with the partner",
        )?;
    }
    if !repo::disassociate(conn, partner, &customer.id)? {
        return Err(StoreError::Retryable.into());
    }
    repo::record(
        conn,
        &LinkEndRow {
            partner_id: partner.to_owned(),
            id: ids::new_id(),
            kind: repo::CUSTOMER.to_owned(),
            counterpart_id: customer.id,
            association_type: Some(kind.as_str().to_owned()),
            linked_at: customer.associated_at,
            ended_at: now,
            reason: reason.to_owned(),
        },
    )?;
    Ok(())
}
