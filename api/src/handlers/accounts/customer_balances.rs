//! ShowCustomerAccountBalances (the customer's own) and ListCustomersBalancesDetail (a partner
//! reading its customers').

use super::{AccountBalance, MEASURE_YUAN};
use crate::auth::Caller;
use crate::extract::LegacyJson as Json;
use crate::service::acting;
use crate::service::consumption::reads::account_currency;
use crate::wire::WireAmount;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{get, post, HttpResponse};
use domain::currency::Currency;
use domain::identity::Role;
use domain::Money;
use persistence::repo::accounts;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

#[derive(Serialize, ToSchema)]
pub struct CustomerAccountBalances {
    account_balances: Vec<AccountBalance>,
    debt_amount: WireAmount,
    measure_id: i32,
    currency: &'static str,
}

/// The calling customer's balances.
#[utoipa::path(tag = "accounts", responses((status = 200, body = CustomerAccountBalances)))]
#[get("/v2/accounts/customer-accounts/balances")]
pub async fn show_customer_account_balances(
    state: Data<AppState>,
    caller: Caller,
) -> Result<HttpResponse, ApiError> {
    let me = caller.customer()?.customer_id.clone();
    let (mine, whose) = (me.clone(), me.clone());
    let currency = state
        .read(move |conn| account_currency(conn, &whose))
        .await?;
    let rows = state
        .read_hot(
            move |conn| accounts::for_owner(conn, accounts::CUSTOMER, &mine),
            async |pg| accounts::for_owner_pg(pg, accounts::CUSTOMER, &me).await,
        )
        .await?;
    Ok(wire::json(
        StatusCode::OK,
        &CustomerAccountBalances {
            account_balances: rows
                .iter()
                .map(|a| AccountBalance::new(a, currency))
                .collect(),
            debt_amount: WireAmount(Money::ZERO),
            measure_id: MEASURE_YUAN,
            currency: currency.as_str(),
        },
    ))
}

#[derive(Deserialize, Serialize, Validate, ToSchema)]
pub struct CustomerInfo {
    #[validate(length(min = 1, max = 64))]
    #[schema(
        min_length = 1,
        max_length = 64,
        example = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
    )]
    customer_id: String,
}

#[derive(Deserialize, Validate, ToSchema)]
pub struct CustomersBalancesQuery {
    /// 1 to 100 customers of the partner.
    #[validate(length(min = 1, max = 100), nested)]
    #[schema(min_items = 1, max_items = 100, example = json!([{"customer_id": "0a1b2c3d4e5f60718293a4b5c6d7e8f9"}]))]
    customer_infos: Vec<CustomerInfo>,
    #[validate(length(min = 1, max = 64))]
    #[schema(
        min_length = 1,
        max_length = 64,
        example = "5f1e2d3c4b5a69788796a5b4c3d2e1f0"
    )]
    indirect_partner_id: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct CustomerBalance {
    customer_id: String,
    debt_amount: WireAmount,
    /// Available in total: cash plus unused credit.
    amount: WireAmount,
    currency: &'static str,
    measure_id: i32,
}

#[derive(Serialize, ToSchema)]
pub struct CustomersBalances {
    customer_balances: Vec<CustomerBalance>,
}

/// Balances of the partner's customers.
#[utoipa::path(tag = "accounts", request_body = CustomersBalancesQuery, responses((status = 200, body = CustomersBalances)))]
#[post("/v2/accounts/customer-accounts/balances/batch-query")]
pub async fn list_customers_balances_detail(
    state: Data<AppState>,
    caller: Caller,
    body: Json<CustomersBalancesQuery>,
) -> Result<HttpResponse, ApiError> {
    let me = caller
        .partner_with(&[
            Role::Finance,
            Role::AccountManager,
            Role::AccountManagerSupervisor,
        ])?
        .partner_id
        .clone();
    let b = body.into_inner()?;
    let ids: Vec<String> = b
        .customer_infos
        .iter()
        .map(|c| c.customer_id.clone())
        .collect();
    let indirect = b.indirect_partner_id.clone();
    let balances = state
        .read(move |conn| {
            let partner = acting::partner(conn, &me, indirect.as_deref())?;
            let mut out = Vec::with_capacity(ids.len());
            for id in &ids {
                let c = acting::own_customer(conn, &partner.id, id)?;
                // A customer's money is held in its partner's currency.
                let currency = Currency::of_country(&partner.country_code);
                let total: i64 = accounts::for_owner(conn, accounts::CUSTOMER, &c.id)?
                    .iter()
                    .map(|a| a.balance_cents)
                    .sum();
                out.push(CustomerBalance {
                    customer_id: c.id,
                    debt_amount: WireAmount(Money::ZERO),
                    amount: WireAmount(Money::from_cents(total)),
                    currency: currency.as_str(),
                    measure_id: MEASURE_YUAN,
                });
            }
            Ok(out)
        })
        .await?;
    Ok(wire::json(
        StatusCode::OK,
        &CustomersBalances {
            customer_balances: balances,
        },
    ))
}
