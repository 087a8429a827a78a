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
    programs(cfg);
}

/// Programs and incentives (S4, S5, S7, S12, S14, S18): partner side, then operator set-up
/// and reviews.
fn programs(cfg: &mut ServiceConfig) {
    use crate::handlers::operator::{
        capability_labels, development_paths, incentives, personnel, reviews,
    };
    use crate::handlers::programs as p;
    cfg.service(p::development_paths::list_development_paths)
        .service(p::certification_eligibility::certification_eligibility)
        .service(p::certifications::apply_for_certification)
        .service(p::certifications::list_certifications)
        .service(p::certification_resubmit::resubmit_certification)
        .service(p::fh_eligibility::fh_eligibility)
        .service(p::fh_qualifications::apply_for_fh)
        .service(p::fh_qualifications::list_fh_qualifications)
        .service(p::business_info::submit_business_info)
        .service(p::business_info::show_business_info_certification)
        .service(p::incentives::list_incentives)
        .service(p::payouts::payout_eligibility)
        .service(p::payouts::apply_for_payout)
        .service(p::projects::register_project)
        .service(p::projects::list_projects)
        .service(p::projects::show_project)
        .service(p::project_members::set_project_members)
        .service(p::subsidy_eligibility::subsidy_eligibility)
        .service(p::subsidies::apply_for_subsidy)
        .service(p::subsidies::list_subsidy_applications)
        .service(development_paths::set_development_path)
        .service(development_paths::leave_development_path)
        .service(capability_labels::grant_capability_label)
        .service(capability_labels::remove_capability_label)
        .service(personnel::set_personnel_profile)
        .service(incentives::grant_incentive)
        .service(reviews::certifications::list_certifications_to_review)
        .service(reviews::certifications::approve_certification)
        .service(reviews::certifications::reject_certification)
        .service(reviews::fh_qualifications::list_fh_qualifications_to_review)
        .service(reviews::fh_qualifications::approve_fh_qualification)
        .service(reviews::fh_qualifications::reject_fh_qualification)
        .service(reviews::subsidy_applications::list_subsidy_applications_to_review)
        .service(reviews::subsidy_applications::approve_subsidy_application)
        .service(reviews::subsidy_applications::reject_subsidy_application)
        .service(reviews::business_info::list_business_info_to_review)
        .service(reviews::business_info::approve_business_info)
        .service(reviews::business_info::reject_business_info);
}
