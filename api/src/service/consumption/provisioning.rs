//! What paying a yearly/monthly order provisions: a new purchase creates its resources, a
//! renewal extends them. Kept apart from `subscriptions` (which itself pays and refunds
//! orders) so payment can call it without a cycle.

use crate::service::{Failure, Outcome};
use domain::consumption::resources::ResourceStatus;
use domain::consumption::subscriptions::{self as rules, OrderResource};
use domain::consumption::ChargingMode;
use domain::orders::{Order, OrderType};
use persistence::repo::consumption::resources::ResourceRow;
use persistence::repo::consumption::subscriptions as repo;
use persistence::repo::orders;
use persistence::{coded, ids, DbConnection};

/// After `order` is paid: a new purchase creates a resource per yearly/monthly line, a
/// renewal extends the resources it renews.
pub fn on_paid(conn: &mut DbConnection, order: &Order, now: i64) -> Outcome<()> {
    match order.order_type {
        OrderType::New | OrderType::ToYearlyMonthly => create_resources(conn, order, now),
        OrderType::Renew => extend(conn, order, now),
        _ => Ok(()),
    }
}

fn create_resources(conn: &mut DbConnection, order: &Order, now: i64) -> Outcome<()> {
    for line in orders::lines(conn, &order.id, 0, i64::from(u16::MAX))? {
        let Some(expire) = rules::term_end(now, line.period_type, line.period_num) else {
            continue;
        };
        let service = line
            .cloud_service_type
            .clone()
            .unwrap_or_else(|| order.service_type_code.clone());
        let id = ids::new_id();
        let row = ResourceRow {
            id: id.clone(),
            customer_id: order.customer_id.clone(),
            partner_id: order.partner_id.clone(),
            resource_type_code: rules::resource_type_of(&service),
            service_type_code: service,
            region_code: rules::ORDER_REGION.to_owned(),
            resource_name: None,
            product_id: Some(line.product_id.clone()),
            charging_mode: coded::int(ChargingMode::YearlyMonthly),
            period_type: Some(coded::int(line.period_type)),
            period_num: Some(line.period_num),
            order_id: Some(order.id.clone()),
            effective_time: now,
            expire_time: Some(expire),
            auto_renew: false,
            status: coded::int(ResourceStatus::Normal),
            created_at: now,
            term_amount_cents: Some(line.amount.cents()),
            auto_renew_times: None,
            auto_renew_period: None,
            updated_at: Some(now),
        };
        repo::insert_resource(conn, &row)?;
        let link = OrderResource {
            order_id: order.id.clone(),
            resource_id: id,
            amount: line.amount,
            period_type: line.period_type,
            period_num: line.period_num,
            term: Some((now, expire)),
            refunded: false,
        };
        repo::insert_links(conn, &[link])?;
    }
    Ok(())
}

fn extend(conn: &mut DbConnection, order: &Order, now: i64) -> Outcome<()> {
    for link in repo::links_of_order(conn, &order.id)? {
        let Some(r) = repo::find_many(conn, &[link.resource_id.as_str()])?.pop() else {
            continue;
        };
        let start = r.expire_time.unwrap_or(now);
        let end = rules::term_end(start, link.period_type, link.period_num)
            .ok_or_else(|| Failure::internal("a renewal's term has no end"))?;
        repo::set_term(conn, &order.id, &r.id, (start, end))?;
        repo::set_expire(conn, &r.id, end, now)?;
    }
    Ok(())
}
