//! ListPartnerBalances: `GET /v2/accounts/partner-accounts/balances`.

use super::AccountBalance;
use crate::auth::Caller;
use crate::extract::LegacyQuery as Query;
use crate::service::acting;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{get, HttpResponse};
use domain::currency::Currency;
use domain::identity::Role;
use persistence::repo::accounts;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

#[derive(Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BalancesQuery {
    /// A distributor's reseller whose balances to read.
    #[validate(length(min = 1, max = 64))]
    #[param(
        min_length = 1,
        max_length = 64,
        example = "5f1e2d3c4b5a69788796a5b4c3d2e1f0"
    )]
    indirect_partner_id: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct PartnerBalances {
    account_balances: Vec<AccountBalance>,
}

/// The partner's cash and credit balances (or its reseller's).
#[utoipa::path(tag = "accounts", params(BalancesQuery), responses((status = 200, body = PartnerBalances)))]
#[get("/v2/accounts/partner-accounts/balances")]
pub async fn list_partner_balances(
    state: Data<AppState>,
    caller: Caller,
    query: Query<BalancesQuery>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(&[Role::Finance])?.partner_id.clone();
    let q = query.into_inner()?;
    let (rows, currency) = state
        .read(move |conn| {
            let p = acting::partner(conn, &me, q.indirect_partner_id.as_deref())?;
            let currency = Currency::of_country(&p.country_code);
            Ok((
                accounts::for_owner(conn, accounts::PARTNER, &p.id)?,
                currency,
            ))
        })
        .await?;
    Ok(wire::json(
        StatusCode::OK,
        &PartnerBalances {
            account_balances: rows
                .iter()
                .map(|a| AccountBalance::new(a, currency))
                .collect(),
        },
    ))
}
