//! A webhook's deliveries as its partner sees them, and sending one again.

use super::views::Delivery;
use super::webhooks::owned;
use crate::service::{not_found, Outcome};
use domain::paging::Page;
use persistence::repo::delivery::deliveries as repo;
use persistence::DbConnection;

pub fn list(
    conn: &mut DbConnection,
    partner_id: &str,
    webhook_id: &str,
    page: Page,
) -> Outcome<(i64, Vec<Delivery>)> {
    owned(conn, partner_id, webhook_id)?;
    let (total, rows) = repo::list(conn, webhook_id, page.offset, page.limit)?;
    Ok((total, rows.into_iter().map(Delivery::from).collect()))
}

/// Queues the delivery again, due now, with the same `webhook-id`.
pub fn redeliver(
    conn: &mut DbConnection,
    partner_id: &str,
    webhook_id: &str,
    delivery_id: &str,
    now: i64,
) -> Outcome<Delivery> {
    owned(conn, partner_id, webhook_id)?;
    repo::find(conn, webhook_id, delivery_id).map_err(|_| not_found("delivery"))?;
    repo::requeue(conn, delivery_id, now)?;
    Ok(Delivery::from(repo::find(conn, webhook_id, delivery_id)?))
}
