//! The route table. Every handler is registered here through utoipa-actix-web's `service`, so
//! it is in `/openapi.json` by construction.

use crate::handlers::{operator, ops, tokens};
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
        .service(crate::handlers::operator::outbox::list_outbox)
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
        .service(operator::money::set_customer_credit_limit);
}
