//! `POST /v2/operator/coupon-quotas`: the operator grants a partner a coupon quota with its
//! validity and limits (face value range, cloud service types, products).

use crate::auth::Caller;
use crate::extract::LegacyJson as Json;
use crate::handlers::vouchers::{CLOUD_SERVICE_TYPE, FACE_VALUE, PRODUCT_ID};
use crate::service::not_found;
use crate::wire::DecimalInput;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{post, HttpResponse};
use domain::vouchers::issue::QuotaLimits;
use domain::vouchers::{check_ids, join_list, QUOTA_NORMAL};
use domain::{Amount, Money, Violation};
use persistence::ids;
use persistence::repo::partners;
use persistence::repo::quotas::{self, QuotaRow};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

#[derive(Deserialize, Serialize, Validate, ToSchema)]
pub struct LimitValueInput {
    #[validate(length(max = 64))]
    #[schema(max_length = 64, example = "10.00")]
    value1: Option<String>,
    #[validate(length(max = 64))]
    #[schema(max_length = 64, example = "500.00")]
    value2: Option<String>,
}

#[derive(Deserialize, Serialize, Validate, ToSchema)]
pub struct LimitInfoInput {
    /// `FACE_VALUE` (value1 min, value2 max, yuan; either may be absent), `CLOUD_SERVICE_TYPE`
    /// or `PRODUCT_ID` (one value1 per item).
    #[schema(schema_with = limit_key_schema)]
    limit_key: String,
    #[validate(length(min = 1, max = 100), nested)]
    #[schema(min_items = 1, max_items = 100)]
    limit_values: Vec<LimitValueInput>,
}

#[derive(Deserialize, Validate, ToSchema)]
pub struct GrantQuota {
    #[validate(length(min = 1, max = 64))]
    #[schema(
        min_length = 1,
        max_length = 64,
        example = "0a1b2c3d4e5f46a7b8c9d0e1f2a3b4c5"
    )]
    partner_id: String,
    /// 0 voucher quota, 1 cash-coupon quota.
    #[validate(range(min = 0, max = 1))]
    #[schema(minimum = 0, maximum = 1, example = 0)]
    quota_type: i32,
    /// Yuan, > 0 with at most 2 decimals.
    amount: DecimalInput,
    /// UTC; default now.
    #[schema(schema_with = crate::schemas::utc_time)]
    effective_time: Option<String>,
    /// UTC, after the effective time and in the future; default one year after the
    /// effective time.
    #[schema(schema_with = later_utc_time)]
    expire_time: Option<String>,
    #[validate(length(max = 3), nested)]
    #[schema(max_items = 3)]
    limit_infos: Option<Vec<LimitInfoInput>>,
}

/// A UTC time whose example lies after the effective time's.
fn later_utc_time() -> utoipa::openapi::Object {
    let mut o = crate::schemas::utc_time();
    o.examples = vec![serde_json::json!("2027-12-31T16:00:00Z")];
    o
}

fn limit_key_schema() -> utoipa::openapi::Object {
    crate::schemas::strings([FACE_VALUE, CLOUD_SERVICE_TYPE, PRODUCT_ID])
}

#[derive(Serialize, ToSchema)]
pub struct GrantedQuota {
    quota_id: String,
}

fn money(field: &str, v: Option<&String>) -> Result<Option<Money>, ApiError> {
    let Some(s) = v.filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let d = domain::money::parse_decimal(s)
        .map_err(|_| Violation::param(format!("{field} is not a number")))?;
    let m = Amount::from_decimal(d).map_err(|e| Violation::param(format!("{field} {e}")))?;
    Ok(Some(m.money()))
}

fn limits(infos: &[LimitInfoInput]) -> Result<QuotaLimits, ApiError> {
    let mut l = QuotaLimits::default();
    for (i, info) in infos.iter().enumerate() {
        if infos[..i].iter().any(|o| o.limit_key == info.limit_key) {
            // Uniqueness of one property across items: no schema keyword states it.
            return Err(domain::Violation::new(
                domain::vouchers::LIMIT_KEY_REPEATED,
                format!("limit_infos[{i}] repeats a limit_key"),
            )
            .into());
        }
        let values = || -> Result<Vec<String>, ApiError> {
            let v: Vec<String> = info
                .limit_values
                .iter()
                .filter_map(|v| v.value1.clone())
                .collect();
            check_ids(&format!("limit_infos[{i}].limit_values"), &v, 100)?;
            Ok(v)
        };
        match info.limit_key.as_str() {
            FACE_VALUE => {
                let [v] = info.limit_values.as_slice() else {
                    return Err(ApiError::param("FACE_VALUE takes exactly one limit value"));
                };
                l.face_min = money("FACE_VALUE value1", v.value1.as_ref())?;
                l.face_max = money("FACE_VALUE value2", v.value2.as_ref())?;
                if matches!((l.face_min, l.face_max), (Some(a), Some(b)) if a > b) {
                    return Err(ApiError::param(
                        "FACE_VALUE value1 (min) exceeds value2 (max)",
                    ));
                }
            }
            CLOUD_SERVICE_TYPE => l.cloud_service_types = values()?,
            PRODUCT_ID => l.product_ids = values()?,
            _ => {
                return Err(ApiError::param(format!(
                "limit_infos[{i}].limit_key must be FACE_VALUE, CLOUD_SERVICE_TYPE or PRODUCT_ID"
            )))
            }
        }
    }
    Ok(l)
}

/// Grants a partner a coupon quota.
#[utoipa::path(tag = "operator", request_body = GrantQuota, responses((status = 201, body = GrantedQuota), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/operator/coupon-quotas")]
pub async fn grant_coupon_quota(
    state: Data<AppState>,
    caller: Caller,
    body: Json<GrantQuota>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let b = body.into_inner()?;
    let amount =
        Amount::from_decimal(b.amount.0).map_err(|e| Violation::param(format!("amount {e}")))?;
    let l = limits(b.limit_infos.as_deref().unwrap_or_default())?;
    let now = state.now();
    let time = |f: &str, v: &Option<String>| v.as_ref().map(|s| wire::parse_utc(f, s)).transpose();
    let effective = time("effective_time", &b.effective_time)?.unwrap_or(now);
    let expire = time("expire_time", &b.expire_time)?.unwrap_or(effective + 365 * 86_400);
    if expire <= effective || expire <= now {
        return Err(Violation::new(
            domain::vouchers::PERIOD_ENDED,
            "expire_time must be after effective_time and in the future",
        )
        .into());
    }
    let row = QuotaRow {
        id: ids::new_id(),
        partner_id: b.partner_id,
        parent_quota_id: None,
        granted_by_partner_id: None,
        quota_type: b.quota_type,
        quota_cents: amount.cents(),
        balance_cents: amount.cents(),
        status: QUOTA_NORMAL,
        effective_time: effective,
        expire_time: expire,
        face_min_cents: l.face_min.map(Money::cents),
        face_max_cents: l.face_max.map(Money::cents),
        cloud_service_types: join_list(&l.cloud_service_types),
        product_ids: join_list(&l.product_ids),
        create_time: now,
        last_update_time: now,
    };
    let id = row.id.clone();
    state
        .write(move |conn| {
            partners::find(conn, &row.partner_id)?.ok_or_else(|| not_found("partner"))?;
            Ok(quotas::insert(conn, &row)?)
        })
        .await?;
    Ok(wire::json(
        StatusCode::CREATED,
        &GrantedQuota { quota_id: id },
    ))
}
