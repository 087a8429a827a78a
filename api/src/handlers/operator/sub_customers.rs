//! `POST /v2/operator/partners/{partner_id}/sub-customers`: associates an existing customer
//! with a partner (onboarding a relationship that exists outside the platform).

use super::path_id;
use crate::auth::Caller;
use crate::extract::LegacyJson as Json;
use crate::service::not_found;
use crate::service::Failure;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{post, HttpResponse};
use domain::{codes, Violation};
use persistence::repo::{customers, partners};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

#[derive(Deserialize, Serialize, ToSchema, Clone, Copy)]
#[schema(example = "2")]
pub enum AssociationType {
    /// Referral (consultative sale).
    #[serde(rename = "1")]
    Referral,
    /// Resale.
    #[serde(rename = "2")]
    Resale,
}

#[derive(Deserialize, Validate, ToSchema)]
pub struct AssociateRequest {
    #[validate(length(min = 1, max = 64))]
    #[schema(
        min_length = 1,
        max_length = 64,
        example = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
    )]
    customer_id: String,
    /// `"1"` referral or `"2"` resale.
    #[schema(example = "2")]
    association_type: AssociationType,
}

#[derive(Serialize, ToSchema)]
pub struct Associated {
    customer_id: String,
    association_type: AssociationType,
}

/// Associates an independent customer with the partner.
#[utoipa::path(tag = "operator", params(("partner_id" = String, Path, example = "7c6b5a4938271605f4e3d2c1b0a99887")), request_body = AssociateRequest, responses((status = 201, body = Associated), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/operator/partners/{partner_id}/sub-customers")]
pub async fn associate_customer(
    state: Data<AppState>,
    caller: Caller,
    partner_id: Path<String>,
    body: Json<AssociateRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let pid = path_id(&partner_id)?.to_owned();
    let b = body.into_inner()?;
    let t = b.association_type;
    let kind = match t {
        AssociationType::Referral => "1",
        AssociationType::Resale => "2",
    };
    let cid = b.customer_id.clone();
    let now = state.now();
    state
        .write(move |conn| {
            partners::find(conn, &pid)?.ok_or_else(|| not_found("partner"))?;
            customers::find(conn, &cid)?.ok_or_else(|| not_found("customer"))?;
            if !customers::associate(conn, &cid, &pid, kind, now)? {
                return Err(Failure::Refused(Violation::new(
                    codes::CUSTOMER_ALREADY_ASSOCIATED,
                    "the customer is already associated with a partner",
                )));
            }
            Ok(())
        })
        .await?;
    Ok(wire::json(
        StatusCode::CREATED,
        &Associated {
            customer_id: b.customer_id,
            association_type: t,
        },
    ))
}
