//! S19: a resale customer asks its partner to pay a pending order; the partner pays it from
//! its own accounts or declines with a reason.

use super::{payment, visible, Outcome};
use crate::auth::Principal;
use crate::mail::Notice as MailNotice;
use crate::service::channel::outbox::mail_role;
use crate::service::delivery::events::emit;
use domain::association::AssociationType;
use domain::currency::Currency;
use domain::events::EventType;
use domain::identity::Role;
use domain::orders::{self, AgentPayStatus, Payer};
use domain::payment::PayRequest;
use persistence::repo::customers;
use persistence::repo::orders as repo;
use persistence::repo::outbox;
use persistence::DbConnection;

pub fn ask(conn: &mut DbConnection, who: &Principal, order_id: &str, now: i64) -> Outcome<()> {
    let o = visible(conn, who, order_id, None)?;
    let association = customers::find(conn, &o.customer_id)?
        .filter(|c| c.partner_id.is_some())
        .and_then(|c| c.association_type)
        .and_then(|t| AssociationType::parse("association_type", &t).ok());
    orders::may_ask_partner(association, &o)?;
    let open = [None, Some(AgentPayStatus::Rejected)];
    if !repo::set_agent_pay(conn, &o.id, &open, AgentPayStatus::Pending, None)? {
        return Err(orders::already_asked().into());
    }
    if let Some(p) = &o.partner_id {
        let subjects = [
            ("order_id", o.id.as_str()),
            ("customer_id", o.customer_id.as_str()),
        ];
        emit(conn, p, EventType::PaymentRequested, &subjects, now)?;
        let customer = customers::find(conn, &o.customer_id)?;
        let partner_country = persistence::repo::partners::find(conn, p)?.map(|x| x.country_code);
        let currency = customer.as_ref().map_or(Currency::Cny, |c| {
            Currency::of_customer(&c.country_code, partner_country.as_deref())
        });
        let ctx = serde_json::json!({
            "order_id": o.id,
            "customer_name": customer.map(|c| c.domain_name).unwrap_or_default(),
            "amount": o.amount.to_string(),
            "currency": currency.as_str(),
            "pay_link": crate::mail::link(&format!("/v2/partners/sub-customers/orders/{}/pay", o.id)),
        });
        mail_role(
            conn,
            p,
            Role::Finance,
            outbox::PAYMENT_REQUEST,
            MailNotice::PaymentRequest,
            &ctx,
            now,
        )?;
    }
    Ok(())
}

/// The partner pays the order its customer asked it to pay.
pub fn pay(
    conn: &mut DbConnection,
    who: &Principal,
    order_id: &str,
    request: &PayRequest,
    now: i64,
) -> Outcome<()> {
    let o = visible(conn, who, order_id, None)?;
    let payer = o.partner_id.clone().unwrap_or_default();
    let owner = customers::find(conn, &o.customer_id)?.and_then(|c| c.partner_id);
    let asked = [Some(AgentPayStatus::Pending)];
    if owner.as_deref() != Some(payer.as_str())
        || !repo::set_agent_pay(conn, &o.id, &asked, AgentPayStatus::Paid, None)?
    {
        return Err(orders::not_asked_of_you().into());
    }
    let subjects = [
        ("order_id", o.id.as_str()),
        ("customer_id", o.customer_id.as_str()),
    ];
    emit(conn, &payer, EventType::PaymentPaid, &subjects, now)?;
    payment::pay(conn, &o, &Payer::Partner(payer.clone()), request, now)
}

pub fn reject(
    conn: &mut DbConnection,
    who: &Principal,
    order_id: &str,
    reason: &str,
    now: i64,
) -> Outcome<()> {
    let o = visible(conn, who, order_id, None)?;
    let asked = [Some(AgentPayStatus::Pending)];
    if !repo::set_agent_pay(conn, &o.id, &asked, AgentPayStatus::Rejected, Some(reason))? {
        return Err(orders::not_asked_of_you().into());
    }
    if let Some(p) = &o.partner_id {
        let subjects = [
            ("order_id", o.id.as_str()),
            ("customer_id", o.customer_id.as_str()),
        ];
        emit(conn, p, EventType::PaymentRejected, &subjects, now)?;
    }
    Ok(())
}
