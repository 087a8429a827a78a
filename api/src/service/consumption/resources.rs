//! Cloud resources: the platform registers pay-per-use resources (a batch, one transaction);
//! partners list their customers' as their users may see them.

use crate::service::Outcome;
use domain::consumption::resources::{check_resource, Resource};
use domain::Violation;
use persistence::coded;
use persistence::repo::consumption::resources::{self as repo, ResourceRow};
use persistence::repo::customers;
use persistence::DbConnection;
use std::collections::HashMap;

/// Registers or updates the batch's resources; returns how many were new.
pub fn register(conn: &mut DbConnection, batch: &[Resource], now: i64) -> Outcome<usize> {
    let ids: Vec<&str> = batch.iter().map(|r| r.id.as_str()).collect();
    let owners: HashMap<String, String> = repo::owners(conn, &ids)?.into_iter().collect();
    let mut partners: HashMap<String, Option<String>> = HashMap::new();
    let mut created = 0;
    for (i, r) in batch.iter().enumerate() {
        check_resource(i, r, owners.get(&r.id).map(String::as_str))?;
        let partner = match partners.get(&r.customer_id) {
            Some(p) => p.clone(),
            None => {
                let c = customers::find(conn, &r.customer_id)?.ok_or_else(|| {
                    Violation::new(
                        domain::codes::NOT_FOUND,
                        format!("resources[{i}].customer_id names no customer"),
                    )
                })?;
                partners.insert(r.customer_id.clone(), c.partner_id.clone());
                c.partner_id
            }
        };
        let exists = owners.contains_key(&r.id);
        let row = ResourceRow {
            id: r.id.clone(),
            customer_id: r.customer_id.clone(),
            partner_id: partner,
            service_type_code: r.service_type_code.clone(),
            resource_type_code: r.resource_type_code.clone(),
            region_code: r.region_code.clone(),
            resource_name: r.resource_name.clone(),
            product_id: r.product_id.clone(),
            charging_mode: coded::int(r.charging_mode),
            period_type: None,
            period_num: None,
            order_id: r.order_id.clone(),
            effective_time: r.effective_time,
            expire_time: r.expire_time,
            auto_renew: r.auto_renew,
            status: coded::int(r.status),
            created_at: now,
            term_amount_cents: None,
            auto_renew_times: None,
            auto_renew_period: None,
            updated_at: Some(now),
        };
        repo::save(conn, &row, exists)?;
        if !exists {
            created += 1;
        }
    }
    Ok(created)
}
