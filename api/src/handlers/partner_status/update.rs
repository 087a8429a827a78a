//! `PUT /v2/operator/partners/{partner_id}`: name, e-mail, mobile, marketing plan, reseller
//! program; the country only while no link, customer or money ties the partner to it.

use crate::auth::Caller;
use crate::extract::{Json, Path};
use crate::service::partner_status;
use crate::wire::{self, PartnerId};
use crate::{ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{put, HttpResponse};
use domain::identity::{CountryCode, MarketingPlan};
use persistence::repo::people::PartnerChanges;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

crate::text_type!(
    /// The partner's name.
    PartnerName, 1..=128, "Acme Cloud Services Co., Ltd.", free);

/// Absent fields stay as they are.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PartnerUpdate {
    pub name: Option<PartnerName>,
    pub email: Option<wire::EmailAddress>,
    pub mobile_phone: Option<wire::Phone>,
    /// `1.0` or `2.0`.
    #[schema(example = "2.0")]
    pub marketing_plan_version: Option<String>,
    #[schema(example = true)]
    pub reseller_program_joined: Option<bool>,
    /// ISO 3166 alpha-2; refused with every tie listed while the partner has any.
    #[schema(example = "CN", pattern = "^[A-Z]{2}$")]
    pub country_code: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct UpdatedPartner {
    partner_id: String,
    name: String,
    country_code: String,
    marketing_plan_version: String,
    reseller_program_joined: bool,
    email: Option<String>,
    mobile_phone: Option<String>,
}

/// Updates a partner.
#[utoipa::path(tag = "operator", params(("partner_id" = PartnerId, Path)), request_body = PartnerUpdate, responses((status = 200, body = UpdatedPartner), (status = 400, description = "CBC.99100206 with each tie in error_details", body = openapi::ErrorBody), (status = 404, body = openapi::ErrorBody)))]
#[put("/v2/operator/partners/{partner_id}")]
pub async fn update_partner(
    state: Data<AppState>,
    caller: Caller,
    id: Path<PartnerId>,
    body: Json<PartnerUpdate>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let id = id.into_inner()?;
    let b = body.into_inner()?;
    let changes = PartnerChanges {
        name: b.name.map(PartnerName::into_inner),
        email: b.email.map(|e| Some(e.into_inner())),
        mobile_phone: b.mobile_phone.map(|m| Some(m.into_inner())),
        marketing_plan_version: b
            .marketing_plan_version
            .map(|m| MarketingPlan::parse(&m).map(|p| p.as_str().to_owned()))
            .transpose()?,
        reseller_program_joined: b.reseller_program_joined,
        country_code: b
            .country_code
            .map(|c| CountryCode::parse(&c).map(|c| c.as_str().to_owned()))
            .transpose()?,
    };
    let row = state
        .write(move |conn| partner_status::update(conn, id.as_str(), &changes))
        .await?;
    Ok(wire::json(
        StatusCode::OK,
        &UpdatedPartner {
            partner_id: row.id,
            name: row.name,
            country_code: row.country_code,
            marketing_plan_version: row.marketing_plan_version,
            reseller_program_joined: row.reseller_program_joined,
            email: row.email,
            mobile_phone: row.mobile_phone,
        },
    ))
}
