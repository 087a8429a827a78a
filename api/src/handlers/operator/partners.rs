//! `POST /v2/operator/partners`, `GET /v2/operator/partners/{partner_id}`,
//! `POST /v2/operator/partners/{partner_id}/indirect-partners`.

use super::{partner_programs, path_id};
use crate::auth::Caller;
use crate::extract::LegacyJson as Json;
use crate::handlers::channel::identity_fields;
use crate::service::{not_found, partners};
use crate::wire::rules::{nullable, required_text};
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{get, post, HttpResponse};
use domain::identity::{CountryCode, MarketingPlan, PartnerType};
use persistence::repo::partners as repo;
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::Object;
use utoipa::ToSchema;
use validator::Validate;

#[derive(Deserialize, Serialize, ToSchema, Clone, Copy)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[schema(example = "RESELLER")]
pub enum PartnerTypeDto {
    Distributor,
    Reseller,
    SolutionProvider,
}

impl From<PartnerTypeDto> for PartnerType {
    fn from(t: PartnerTypeDto) -> Self {
        match t {
            PartnerTypeDto::Distributor => PartnerType::Distributor,
            PartnerTypeDto::Reseller => PartnerType::Reseller,
            PartnerTypeDto::SolutionProvider => PartnerType::SolutionProvider,
        }
    }
}

#[derive(Deserialize, Validate, ToSchema)]
pub struct CreatePartnerRequest {
    #[validate(length(min = 1, max = 128))]
    #[schema(schema_with = partner_name)]
    name: String,
    /// Unique login-style name of the partner.
    #[validate(length(min = 1, max = 64))]
    #[schema(schema_with = account_name)]
    account_name: String,
    #[schema(example = "RESELLER")]
    partner_type: PartnerTypeDto,
    /// ISO 3166 alpha-2, e.g. `CN`.
    #[schema(schema_with = identity_fields::country_code)]
    country_code: String,
    /// Default true for RESELLER, false otherwise.
    #[schema(example = true)]
    reseller_program_joined: Option<bool>,
    /// `1.0` (default) or `2.0`.
    #[schema(schema_with = marketing_plan)]
    marketing_plan_version: Option<String>,
    #[validate(email, length(max = 256))]
    #[schema(schema_with = identity_fields::optional_email)]
    email: Option<String>,
    #[validate(length(max = 32))]
    #[schema(max_length = 32, example = "13800000000")]
    mobile_phone: Option<String>,
}

fn partner_name() -> Object {
    required_text(128, "Acme Cloud Services Co., Ltd.")
}

fn account_name() -> Object {
    required_text(64, "acme-partner")
}

fn marketing_plan() -> Object {
    nullable(crate::schemas::strings(
        MarketingPlan::ALL.iter().map(|m| m.as_str()),
    ))
}

#[derive(Serialize, ToSchema)]
pub struct CreatedPartner {
    partner_id: String,
    domain_id: String,
}

/// Creates a partner with its cash and credit accounts.
#[utoipa::path(tag = "operator", request_body = CreatePartnerRequest, responses((status = 201, body = CreatedPartner)))]
#[post("/v2/operator/partners")]
pub async fn create_partner(
    state: Data<AppState>,
    caller: Caller,
    req: Json<CreatePartnerRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let req = req.into_inner()?;
    domain::text::required("name", &req.name, 128)?;
    domain::text::required("account_name", &req.account_name, 64)?;
    let partner_type = PartnerType::from(req.partner_type);
    let new = partners::NewPartner {
        name: req.name,
        account_name: req.account_name,
        partner_type,
        country_code: CountryCode::parse(&req.country_code)?,
        reseller_program_joined: req
            .reseller_program_joined
            .unwrap_or(partner_type == PartnerType::Reseller),
        marketing_plan: MarketingPlan::parse(
            req.marketing_plan_version.as_deref().unwrap_or("1.0"),
        )?,
        email: req.email,
        mobile_phone: req.mobile_phone,
    };
    let now = state.now();
    let row = state
        .write(move |conn| partners::create(conn, &new, now))
        .await?;
    Ok(wire::json(
        StatusCode::CREATED,
        &CreatedPartner {
            partner_id: row.id,
            domain_id: row.domain_id,
        },
    ))
}

#[derive(Serialize, ToSchema)]
pub struct PartnerView {
    partner_id: String,
    domain_id: String,
    name: String,
    account_name: String,
    partner_type: PartnerTypeDto,
    country_code: String,
    reseller_program_joined: bool,
    marketing_plan_version: String,
    email: Option<String>,
    mobile_phone: Option<String>,
    /// The distributor this reseller is linked to.
    parent_partner_id: Option<String>,
    associated_on: Option<String>,
    created_on: String,
    #[serde(flatten)]
    programs: partner_programs::PartnerPrograms,
}

fn view(
    r: repo::PartnerRow,
    programs: partner_programs::PartnerPrograms,
) -> Result<PartnerView, ApiError> {
    let partner_type = match r.partner_type.parse::<PartnerType>()? {
        PartnerType::Distributor => PartnerTypeDto::Distributor,
        PartnerType::Reseller => PartnerTypeDto::Reseller,
        PartnerType::SolutionProvider => PartnerTypeDto::SolutionProvider,
    };
    Ok(PartnerView {
        partner_id: r.id,
        domain_id: r.domain_id,
        name: r.name,
        account_name: r.account_name,
        partner_type,
        country_code: r.country_code,
        reseller_program_joined: r.reseller_program_joined,
        marketing_plan_version: r.marketing_plan_version,
        email: r.email,
        mobile_phone: r.mobile_phone,
        parent_partner_id: r.parent_id,
        associated_on: r.associated_at.map(wire::utc),
        created_on: wire::utc(r.created_at),
        programs,
    })
}

/// Reads a partner, with its development paths, capability labels and certification status.
#[utoipa::path(tag = "operator", params(("partner_id" = String, Path, example = "7c6b5a4938271605f4e3d2c1b0a99887")), responses((status = 200, body = PartnerView), (status = 404, body = openapi::ErrorBody)))]
#[get("/v2/operator/partners/{partner_id}")]
pub async fn get_partner(
    state: Data<AppState>,
    caller: Caller,
    partner_id: Path<String>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let id = path_id(&partner_id)?.to_owned();
    let now = state.now();
    let (row, programs) = state
        .read(move |conn| {
            let row = repo::find(conn, &id)?.ok_or_else(|| not_found("partner"))?;
            let programs = partner_programs::load(conn, &row.id, now)?;
            Ok((row, programs))
        })
        .await?;
    Ok(wire::json(StatusCode::OK, &view(row, programs)?))
}

#[derive(Deserialize, Validate, ToSchema)]
pub struct LinkResellerRequest {
    #[validate(length(min = 1, max = 64))]
    #[schema(
        min_length = 1,
        max_length = 64,
        example = "5f1e2d3c4b5a69788796a5b4c3d2e1f0"
    )]
    indirect_partner_id: String,
}

#[derive(Serialize, ToSchema)]
pub struct LinkedReseller {
    indirect_partner_id: String,
}

/// Links an existing reseller to this distributor, under the same rules as accepting an
/// invitation (S3).
#[utoipa::path(tag = "operator", params(("partner_id" = String, Path, example = "7c6b5a4938271605f4e3d2c1b0a99887")), request_body = LinkResellerRequest, responses((status = 201, body = LinkedReseller), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/operator/partners/{partner_id}/indirect-partners")]
pub async fn link_reseller(
    state: Data<AppState>,
    caller: Caller,
    partner_id: Path<String>,
    req: Json<LinkResellerRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let req = req.into_inner()?;
    let distributor = path_id(&partner_id)?.to_owned();
    let reseller = req.indirect_partner_id.clone();
    let now = state.now();
    state
        .write(move |conn| partners::link_reseller(conn, &distributor, &reseller, now))
        .await?;
    Ok(wire::json(
        StatusCode::CREATED,
        &LinkedReseller {
            indirect_partner_id: req.indirect_partner_id,
        },
    ))
}
