//! The route table. Every handler is registered here through utoipa-actix-web's `service`, so
//! it is in `/openapi.json` by construction.

use crate::handlers::{accounts, operator, ops, orders, tokens, vouchers};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn register(cfg: &mut ServiceConfig) {
    cfg.service(ops::healthz)
        .service(ops::readyz)
        .service(tokens::create_token)
        .service(crate::handlers::channel::indirect_partners::list_indirect_partners)
        .service(crate::handlers::channel::account_managers::assign_reseller_account_manager)
        .service(crate::handlers::channel::account_managers::remove_reseller_account_manager)
        .service(crate::handlers::channel::account_managers::assign_customer_account_manager)
        .service(crate::handlers::channel::account_managers::remove_customer_account_manager)
        .service(crate::handlers::channel::link_end::unbind::unbind_indirect_partner)
        .service(crate::handlers::channel::link_end::disassociate::disassociate_sub_customer)
        .service(crate::handlers::channel::reseller_invitations::invite_reseller)
        .service(crate::handlers::channel::reseller_invitations::list_reseller_invitations)
        .service(crate::handlers::channel::reseller_invitation_answers::accept_reseller_invitation)
        .service(crate::handlers::channel::reseller_invitation_answers::reject_reseller_invitation)
        .service(crate::handlers::channel::reseller_invitation_answers::cancel_reseller_invitation)
        .service(crate::handlers::channel::sub_customers::create_sub_customer)
        .service(crate::handlers::channel::sub_customer_list::list_sub_customers)
        .service(crate::handlers::channel::identity::check_user_identity)
        .service(crate::handlers::channel::verification::send_verification_message_code)
        .service(crate::handlers::channel::customer_invitations::invite_customer)
        .service(crate::handlers::channel::customer_invitations::list_customer_invitations)
        .service(crate::handlers::channel::customer_invitations::resend_customer_invitation)
        .service(crate::handlers::channel::customer_association::list_received_invitations)
        .service(crate::handlers::channel::customer_association::accept_customer_invitation)
        .service(crate::handlers::channel::customer_registration::register_customer)
        .service(crate::handlers::realname::individual::create_personal_realname_auth)
        .service(crate::handlers::realname::enterprise::create_enterprise_realname_authentication)
        .service(crate::handlers::realname::enterprise::change_enterprise_realname_authentication)
        .service(crate::handlers::realname::result::show_realname_authentication_review_result)
        .service(crate::handlers::operator::outbox::list_outbox)
        .service(operator::clock::show_clock)
        .service(operator::clock::move_clock)
        .service(operator::directory::partners::list_partners)
        .service(operator::directory::customers::list_customers)
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
        .service(accounts::customer_records::export_customer_account_change_records)
        .service(operator::orders::create::create_order)
        .service(operator::orders::unsubscribe::unsubscribe)
        .service(operator::coupons::grant_coupon)
        .service(orders::pay::pay_orders)
        .service(orders::list::list_customer_orders)
        .service(orders::details::show_customer_order_details)
        .service(orders::cancel::cancel_customer_order)
        .service(orders::order_coupons::list_order_coupons_by_order_id)
        .service(orders::sub_customer_coupons::list_sub_customer_coupons)
        .service(orders::discounts::list_order_discounts)
        .service(orders::refunds::show_refund_order_details)
        .service(orders::request_partner_payment::request_partner_payment)
        .service(orders::payment_requests::list_partner_payment_requests)
        .service(orders::partner_pay::partner_pay)
        .service(orders::partner_reject::partner_reject);
    programs(cfg);
    register_vouchers(cfg);
    bills(cfg);
    opportunities(cfg);
    lifecycle(cfg);
    delivery(cfg);
}

/// Events and webhooks (#21).
fn delivery(cfg: &mut ServiceConfig) {
    use crate::handlers::{events as e, webhooks as w};
    cfg.service(e::list::list_partner_events)
        .service(w::create::create_webhook)
        .service(w::list::list_webhooks)
        .service(w::show::show_webhook)
        .service(w::update::update_webhook)
        .service(w::delete::delete_webhook)
        .service(w::rotate_secret::rotate_webhook_secret)
        .service(w::deliveries::list_webhook_deliveries)
        .service(w::redeliver::redeliver_webhook_delivery);
}

/// Credentials, sessions and the audit log (#20).
fn lifecycle(cfg: &mut ServiceConfig) {
    use crate::handlers::{access_keys as k, audit_events as a, sessions as s};
    cfg.service(k::list::list_user_access_keys)
        .service(k::list::list_customer_access_keys)
        .service(k::list::list_partner_user_access_keys)
        .service(k::list::list_own_access_keys)
        .service(k::create::create_partner_user_access_key)
        .service(k::create::create_own_access_key)
        .service(k::status::set_user_access_key_status)
        .service(k::status::set_customer_access_key_status)
        .service(k::status::set_partner_user_access_key_status)
        .service(k::status::set_own_access_key_status)
        .service(k::delete::delete_user_access_key)
        .service(k::delete::delete_customer_access_key)
        .service(k::delete::delete_partner_user_access_key)
        .service(k::delete::delete_own_access_key)
        .service(k::rotate::rotate_user_access_key)
        .service(k::rotate::rotate_customer_access_key)
        .service(k::rotate::rotate_partner_user_access_key)
        .service(k::rotate::rotate_own_access_key)
        .service(s::revoke::revoke_token)
        .service(s::password::change_password)
        .service(a::list::list_operator_audit_events)
        .service(a::list::list_partner_audit_events)
        .service(a::export::export_operator_audit_events)
        .service(a::export::export_partner_audit_events);
    people(cfg);
}

/// People and partners (#20): a partner's admin manages its users; the operator updates,
/// suspends and reactivates partners.
fn people(cfg: &mut ServiceConfig) {
    use crate::handlers::{partner_status as ps, partner_users as pu};
    cfg.service(pu::create::create_partner_user)
        .service(pu::list::list_partner_users)
        .service(pu::show::show_partner_user)
        .service(pu::update::update_partner_user)
        .service(pu::deactivate::deactivate_partner_user)
        .service(pu::reactivate::reactivate_partner_user)
        .service(ps::update::update_partner)
        .service(ps::suspend::suspend_partner)
        .service(ps::reactivate::reactivate_partner);
}

/// Opportunities and leads (S2, S6, S13, S16): partner side, then the operator's.
fn opportunities(cfg: &mut ServiceConfig) {
    use crate::handlers::{leads as l, opportunities as o, pce, po_opportunities as po};
    cfg.service(o::create::create_business_opportunity)
        .service(o::query::list_business_opportunities)
        .service(o::query::export_business_opportunities)
        .service(o::item::show_business_opportunity)
        .service(o::item::update_business_opportunity)
        .service(o::close::close_business_opportunity)
        .service(po::drafts::create_po_opportunity)
        .service(po::drafts::check_po_opportunity)
        .service(po::drafts::list_po_opportunities)
        .service(po::drafts::show_po_opportunity)
        .service(po::drafts::edit_po_opportunity)
        .service(po::submit::submit_po_opportunity)
        .service(pce::membership::show_pce)
        .service(pce::membership::join_pce)
        .service(pce::shared::list_shared_opportunities)
        .service(pce::shared::move_shared_opportunity)
        .service(l::create::create_lead)
        .service(l::query::list_leads)
        .service(l::query::export_leads)
        .service(l::item::show_lead)
        .service(l::item::set_lead_status)
        .service(l::follow_ups::add_lead_follow_up)
        .service(l::follow_ups::list_lead_follow_ups)
        .service(l::calls::call_lead)
        .service(l::calls::show_outbound_call)
        .service(crate::handlers::callbacks::voice::report_voice_call)
        .service(operator::po_reviews::list_po_opportunities_to_review)
        .service(operator::po_reviews::approve_po_opportunity)
        .service(operator::po_reviews::reject_po_opportunity)
        .service(operator::po_settings::show_po_settings)
        .service(operator::po_settings::set_po_settings)
        .service(operator::pce::show_pce_join_conditions)
        .service(operator::pce::set_pce_join_conditions)
        .service(operator::pce::share_opportunity)
        .service(operator::pce_config::show_benefits::show_pce_benefits)
        .service(operator::pce_config::set_benefits::set_pce_benefits)
        .service(operator::pce_config::show_incentive_rule::show_pce_incentive_rule)
        .service(operator::pce_config::set_incentive_rule::set_pce_incentive_rule)
        .service(l::create::dispatch_lead);
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
        .service(operator::payouts::pay::pay_payout_application)
        .service(operator::payouts::reject::reject_payout_application)
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
        .service(reviews::business_info::reject_business_info)
        .service(reviews::realname_auths::list_realname_auths_to_review)
        .service(reviews::realname_auths::approve_realname_auth)
        .service(reviews::realname_auths::reject_realname_auth);
}

/// Vouchers (S9, S15): quotas, coupons, their records and test vouchers; operator set-up first.
fn register_vouchers(cfg: &mut ServiceConfig) {
    cfg.service(operator::coupon_quotas::grant_coupon_quota)
        .service(operator::test_coupons::create_solution)
        .service(operator::test_coupons::set_solution_certification)
        .service(operator::test_coupons::approve_test_coupons)
        .service(operator::test_coupons::reject_test_coupons)
        .service(operator::test_coupon_queue::list_test_coupon_applications_to_review)
        .service(vouchers::quotas::list_quota_coupons)
        .service(vouchers::issued_quotas::list_issued_coupon_quotas)
        .service(vouchers::quota_moves::update_coupon_quotas)
        .service(vouchers::quota_moves::reclaim_coupon_quotas)
        .service(vouchers::quota_records::list_coupon_quotas_records)
        .service(vouchers::coupons_create::create_partner_coupons)
        .service(vouchers::coupons_list::list_issued_partner_coupons)
        .service(vouchers::coupons_reclaim::reclaim_partner_coupons)
        .service(vouchers::coupon_records::list_partner_coupons_record)
        .service(vouchers::coupon_records::export_partner_coupons_record)
        .service(vouchers::solutions::create_partner_solution)
        .service(vouchers::solutions::list_partner_solutions)
        .service(vouchers::test_coupons::apply_test_coupons)
        .service(vouchers::test_coupons::list_test_coupon_applications)
        .service(vouchers::test_coupons::show_test_coupon_quota);
}

/// Consumption and bills (issue 22): the platform's usage records, customers' and partners' reads.
fn bills(cfg: &mut ServiceConfig) {
    use crate::handlers::bills as b;
    cfg.service(b::ingest::ingest_usage_fee_records)
        .service(b::customer_records::list_customerself_resource_records)
        .service(b::customer_fee_records::list_customer_bills_fee_records)
        .service(b::customer_monthly_sum::show_customer_monthly_sum)
        .service(b::partner_records::list_sub_customer_bill_detail)
        .service(b::partner_records_export::export_sub_customer_bill_detail)
        .service(b::partner_monthly::list_subcustomer_monthly_bills)
        .service(b::partner_monthly_export::export_subcustomer_monthly_bills)
        .service(b::consume_customers::list_consume_sub_customers)
        .service(b::register_resources::register_on_demand_resources)
        .service(b::new_customer_tags::list_sub_customer_new_tag)
        .service(b::on_demand_resources::list_customer_on_demand_resources);
    resources(cfg);
}

/// Yearly/monthly resources (issue 22): listing, renewal, unsubscription, auto-renewal.
fn resources(cfg: &mut ServiceConfig) {
    use crate::handlers::resources as r;
    cfg.service(r::list::list_pay_per_use_customer_resources)
        .service(r::renew::renewal_resources)
        .service(r::unsubscribe::cancel_resources_subscription)
        .service(r::auto_renew::auto_renewal_resources)
        .service(r::cancel_auto_renew::cancel_auto_renewal_resources);
}
