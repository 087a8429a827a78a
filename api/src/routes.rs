//! The route table. Every handler is registered here through utoipa-actix-web's `service`, so
//! it is in `/openapi.json` by construction.

use crate::handlers::{accounts, operator, ops, tokens};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn register(cfg: &mut ServiceConfig) {
    cfg.service(ops::healthz)
        .service(ops::readyz)
        .service(tokens::create_token)
        .service(operator::partners::create_partner)
        .service(operator::partners::get_partner)
        .service(operator::partners::link_reseller)
        .service(operator::sub_customers::associate_customer)
        .service(operator::users::create_user)
        .service(operator::users::create_user_access_key)
        .service(operator::customers::create_customer)
        .service(operator::customers::create_customer_access_key)
        .service(operator::money::recharge_partner)
        .service(operator::money::recharge_customer)
        .service(operator::money::set_partner_credit_limit)
        .service(operator::money::set_customer_credit_limit)
        .service(accounts::partner_balances::list_partner_balances)
        .service(accounts::partner_records::list_partner_account_change_records)
        .service(accounts::partner_records::export_partner_account_change_records)
        .service(accounts::transfers::update_customer_account_amount)
        .service(accounts::transfers::reclaim_to_partner_account)
        .service(accounts::transfers::update_indirect_partner_account)
        .service(accounts::transfers::reclaim_indirect_partner_account)
        .service(accounts::adjust_records::list_partner_adjust_records)
        .service(accounts::customer_balances::show_customer_account_balances)
        .service(accounts::customer_balances::list_customers_balances_detail)
        .service(accounts::customer_records::list_customer_account_change_records)
        .service(accounts::customer_records::export_customer_account_change_records);
}
