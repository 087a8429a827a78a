//! S1: `PUT|DELETE /v2/partners/indirect-partners/{indirect_partner_id}/account-manager` and the
//! customer twin `PUT|DELETE /v2/partners/sub-customers/{customer_id}/account-manager`.
//! `account_manager_id` is the manager's login name (user name), the value ListIndirectPartners
//! shows back; one manager per reseller or customer, re-assigning replaces.

use super::{distributor, path_id};
use crate::auth::Caller;
use crate::extract::LegacyJson as Json;
use crate::service::channel::account_managers;
use crate::{ApiError, AppState};
use actix_web::web::{Data, Path};
use actix_web::{delete, put, HttpResponse};
use domain::identity::Role;
use domain::{codes, Violation};
use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

/// Admins and supervisors assign account managers.
const ASSIGNERS: &[Role] = &[Role::AccountManagerSupervisor];

#[derive(Deserialize, Validate, ToSchema)]
pub struct AssignAccountManagerReq {
    /// Login name of one of your users holding the `account_manager` role.
    #[validate(length(min = 1, max = 64))]
    #[schema(
        min_length = 1,
        max_length = 64,
        example = "9a8b7c6d5e4f30211203f4e5d6c7b8a9"
    )]
    account_manager_id: String,
}

fn not_your_reseller() -> Violation {
    Violation::new(
        codes::NOT_YOUR_RESELLER,
        "indirect_partner_id does not name one of your resellers",
    )
}

fn not_your_customer() -> Violation {
    Violation::new(
        codes::NOT_SUB_CUSTOMER,
        "customer_id does not name one of your customers",
    )
}

/// Assigns an account manager to one of your linked resellers (distributors only).
#[utoipa::path(tag = "channel", params(("indirect_partner_id" = String, Path, example = "5f1e2d3c4b5a69788796a5b4c3d2e1f0")), request_body = AssignAccountManagerReq, responses((status = 204, description = "assigned")))]
#[put("/v2/partners/indirect-partners/{indirect_partner_id}/account-manager")]
pub async fn assign_reseller_account_manager(
    state: Data<AppState>,
    caller: Caller,
    reseller: Path<String>,
    req: Json<AssignAccountManagerReq>,
) -> Result<HttpResponse, ApiError> {
    let me = distributor(&caller, ASSIGNERS)?.partner_id.clone();
    let reseller = path_id(&reseller, not_your_reseller)?;
    let login = req.into_inner()?.account_manager_id;
    state
        .write(move |c| account_managers::for_reseller(c, &me, &reseller, Some(&login)))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Removes the account manager of one of your linked resellers.
#[utoipa::path(tag = "channel", params(("indirect_partner_id" = String, Path, example = "5f1e2d3c4b5a69788796a5b4c3d2e1f0")), responses((status = 204, description = "removed")))]
#[delete("/v2/partners/indirect-partners/{indirect_partner_id}/account-manager")]
pub async fn remove_reseller_account_manager(
    state: Data<AppState>,
    caller: Caller,
    reseller: Path<String>,
) -> Result<HttpResponse, ApiError> {
    let me = distributor(&caller, ASSIGNERS)?.partner_id.clone();
    let reseller = path_id(&reseller, not_your_reseller)?;
    state
        .write(move |c| account_managers::for_reseller(c, &me, &reseller, None))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Assigns an account manager to one of your customers (one per customer).
#[utoipa::path(tag = "customers", params(("customer_id" = String, Path, example = "0a1b2c3d4e5f60718293a4b5c6d7e8f9")), request_body = AssignAccountManagerReq, responses((status = 204, description = "assigned")))]
#[put("/v2/partners/sub-customers/{customer_id}/account-manager")]
pub async fn assign_customer_account_manager(
    state: Data<AppState>,
    caller: Caller,
    customer: Path<String>,
    req: Json<AssignAccountManagerReq>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(ASSIGNERS)?.partner_id.clone();
    let customer = path_id(&customer, not_your_customer)?;
    let login = req.into_inner()?.account_manager_id;
    state
        .write(move |c| account_managers::for_customer(c, &me, &customer, Some(&login)))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Removes the account manager of one of your customers.
#[utoipa::path(tag = "customers", params(("customer_id" = String, Path, example = "0a1b2c3d4e5f60718293a4b5c6d7e8f9")), responses((status = 204, description = "removed")))]
#[delete("/v2/partners/sub-customers/{customer_id}/account-manager")]
pub async fn remove_customer_account_manager(
    state: Data<AppState>,
    caller: Caller,
    customer: Path<String>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(ASSIGNERS)?.partner_id.clone();
    let customer = path_id(&customer, not_your_customer)?;
    state
        .write(move |c| account_managers::for_customer(c, &me, &customer, None))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
