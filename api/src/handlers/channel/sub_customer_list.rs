//! `POST /v2/partners/sub-customers/query` — ListSubCustomers (real operation).

use super::{non_empty, time_range, SALES};
use crate::auth::Caller;
use crate::extract::LegacyJson as Json;
use crate::service::channel::sub_customers;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{post, HttpResponse};
use domain::association::AssociationType;
use domain::identity::Role;
use domain::paging::Page;
use domain::sub_customer::check_fuzzy;
use persistence::repo::customers::CustomerRow;
use persistence::repo::sub_customers::SubCustomerFilter;
use persistence::repo::users::UserRow;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

#[derive(Deserialize, Validate, ToSchema)]
pub struct QuerySubCustomerListReq {
    /// Part of the login name, case-insensitive, no spaces; empty = no filter.
    #[validate(length(max = 64))]
    #[schema(schema_with = fuzzy_filter)]
    account_name: Option<String>,
    /// Part of the real name, no spaces; empty = no filter.
    #[validate(length(max = 64))]
    #[schema(schema_with = fuzzy_filter)]
    customer: Option<String>,
    /// 0–40000000, default 0.
    #[schema(example = 0)]
    offset: Option<i64>,
    /// 1–100, default 10.
    #[schema(example = 10)]
    limit: Option<i64>,
    /// Part of the label, case-sensitive, no spaces; empty = no filter.
    #[validate(length(max = 64))]
    #[schema(schema_with = fuzzy_filter)]
    label: Option<String>,
    /// `"1"` referral, `"2"` resale; empty = no filter.
    #[schema(schema_with = association_type_filter)]
    association_type: Option<String>,
    /// UTC `yyyy-MM-ddTHH:mm:ssZ`, inclusive; empty is not allowed; not after
    /// `associated_on_end` (CBC.99100066).
    #[validate(length(max = 20))]
    #[schema(schema_with = crate::wire::rules::optional_utc_time)]
    associated_on_begin: Option<String>,
    #[validate(length(max = 20))]
    #[schema(schema_with = crate::wire::rules::optional_utc_time)]
    associated_on_end: Option<String>,
    #[validate(length(max = 64))]
    #[schema(max_length = 64, example = "0a1b2c3d4e5f60718293a4b5c6d7e8f9")]
    customer_id: Option<String>,
    /// A distributor lists one of its resellers' customers.
    #[validate(length(max = 64))]
    #[schema(max_length = 64, example = "5f1e2d3c4b5a69788796a5b4c3d2e1f0")]
    indirect_partner_id: Option<String>,
}

/// A part of a name to search for: at most 64 characters, no whitespace or control characters.
fn fuzzy_filter() -> utoipa::openapi::schema::Object {
    utoipa::openapi::schema::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::SchemaType::from_iter([
            utoipa::openapi::schema::Type::String,
            utoipa::openapi::schema::Type::Null,
        ]))
        .max_length(Some(64))
        .pattern(Some(r"^[^\s\x00-\x1F\x7F-\x9F]*$"))
        .examples([serde_json::json!("acme")])
        .build()
}

/// `"1"` referral, `"2"` resale, or `""` for both.
fn association_type_filter() -> utoipa::openapi::schema::Object {
    crate::wire::rules::nullable(crate::schemas::strings(
        domain::association::AssociationType::ALL
            .iter()
            .map(|t| t.as_str())
            .chain([""]),
    ))
}

#[derive(Serialize, ToSchema)]
pub struct AccountManager {
    /// The account manager's login name.
    account_name: String,
}

#[derive(Serialize, ToSchema)]
pub struct CustomerInformation {
    /// Real name, if verified.
    customer: Option<String>,
    account_name: String,
    customer_id: String,
    associated_on: Option<String>,
    association_type: Option<String>,
    label: Option<String>,
    telephone: Option<String>,
    /// `-1` not verified (real-name verification is not modelled here).
    verified_status: &'static str,
    /// Calling-code prefix of `telephone`, e.g. `0086`.
    country_code: Option<&'static str>,
    /// `-1` no type yet.
    customer_type: i32,
    /// `0` not frozen.
    is_frozen: i32,
    /// At most one.
    account_managers: Vec<AccountManager>,
    xaccount_id: Option<String>,
    xaccount_type: Option<String>,
    customer_level: Option<String>,
    email: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ListSubCustomersResponse {
    customer_infos: Vec<CustomerInformation>,
    count: i64,
}

fn info((c, m): (CustomerRow, Option<UserRow>)) -> CustomerInformation {
    CustomerInformation {
        customer: c.customer_name,
        account_name: c.domain_name,
        customer_id: c.id,
        associated_on: c.associated_at.map(wire::utc),
        association_type: c.association_type,
        label: c.label,
        // Only mainland numbers are accepted, hence 0086.
        country_code: c.mobile_phone.as_ref().map(|_| "0086"),
        telephone: c.mobile_phone,
        verified_status: "-1",
        customer_type: -1,
        is_frozen: 0,
        account_managers: m
            .into_iter()
            .map(|u| AccountManager {
                account_name: u.user_name,
            })
            .collect(),
        xaccount_id: c.xaccount_id,
        xaccount_type: c.xaccount_type,
        customer_level: None,
        email: c.email,
    }
}

/// Lists your customers, or (distributors, with `indirect_partner_id`) a reseller's.
#[utoipa::path(tag = "customers", request_body = QuerySubCustomerListReq, responses((status = 200, body = ListSubCustomersResponse)))]
#[post("/v2/partners/sub-customers/query")]
pub async fn list_sub_customers(
    state: Data<AppState>,
    caller: Caller,
    req: Json<QuerySubCustomerListReq>,
) -> Result<HttpResponse, ApiError> {
    let roles = [SALES, &[Role::Finance]].concat();
    let me = caller.partner_with(&roles)?.partner_id.clone();
    let req = req.into_inner()?;
    let page = Page::new(req.offset, req.limit)?;
    let account_name = non_empty(req.account_name);
    let customer = non_empty(req.customer);
    let label = non_empty(req.label);
    for (field, v) in [
        ("account_name", &account_name),
        ("customer", &customer),
        ("label", &label),
    ] {
        if let Some(v) = v {
            check_fuzzy(field, v)?;
        }
    }
    let kind = non_empty(req.association_type)
        .map(|t| AssociationType::parse("association_type", &t))
        .transpose()?;
    let (from, to) = time_range(
        ("associated_on_begin", req.associated_on_begin.as_deref()),
        ("associated_on_end", req.associated_on_end.as_deref()),
    )?;
    let (customer_id, reseller) = (
        non_empty(req.customer_id),
        non_empty(req.indirect_partner_id),
    );
    let listed = state
        .read(move |conn| {
            let f = SubCustomerFilter {
                partner_id: "",
                account_name: account_name.as_deref(),
                customer: customer.as_deref(),
                label: label.as_deref(),
                association_type: kind.map(AssociationType::as_str),
                associated_from: from,
                associated_to: to,
                customer_id: customer_id.as_deref(),
                offset: page.offset,
                limit: page.limit,
            };
            sub_customers::list(conn, &me, reseller.as_deref(), &f)
        })
        .await?;
    Ok(wire::json(
        StatusCode::OK,
        &ListSubCustomersResponse {
            count: listed.count,
            customer_infos: listed.rows.into_iter().map(info).collect(),
        },
    ))
}
