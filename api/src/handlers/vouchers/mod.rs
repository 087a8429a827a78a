//! Vouchers (PRODUCT §E, S9, S15): coupon quotas and their moves, coupons issued from them,
//! their operation records and export, and test vouchers — Huawei's real operations field
//! for field, plus BSS-style endpoints for what has no public API.

pub mod coupon_records;
pub mod coupons_create;
pub mod coupons_list;
pub mod coupons_reclaim;
pub mod issued_quotas;
pub mod quota_moves;
pub mod quota_records;
pub mod quotas;
pub mod schemas;
pub mod solutions;
pub mod test_coupons;

use crate::auth::{Caller, PartnerUser};
use crate::service::vouchers::{expiry, ItemFailure};
use crate::{wire, ApiError, AppState};
use domain::identity::{PartnerType, Role};
use domain::vouchers::issue::QuotaLimits;
use domain::vouchers::quota::TimeRange;
use serde::Serialize;
use utoipa::ToSchema;

/// Who may issue, reclaim and move vouchers (admins always may).
pub const WRITERS: &[Role] = &[Role::Finance];
/// Who may read them.
pub const READERS: &[Role] = &[
    Role::Finance,
    Role::AccountManager,
    Role::AccountManagerSupervisor,
];

/// A failed item of a batch.
#[derive(Serialize, ToSchema)]
pub struct ErrorDetail {
    error_code: &'static str,
    error_msg: String,
    /// The customer, reseller or quota the failure concerns.
    id: String,
}

impl From<&ItemFailure> for ErrorDetail {
    fn from(f: &ItemFailure) -> Self {
        ErrorDetail {
            error_code: f.violation.code,
            error_msg: f.violation.message.clone(),
            id: f.id.clone(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct LimitValue {
    value1: String,
    value2: Option<String>,
}

/// A quota limit: `FACE_VALUE` (value1 min, value2 max, yuan), `CLOUD_SERVICE_TYPE` or
/// `PRODUCT_ID` (one value1 each).
#[derive(Serialize, ToSchema)]
pub struct QuotaLimitInfo {
    limit_key: &'static str,
    limit_values: Vec<LimitValue>,
}

pub const FACE_VALUE: &str = "FACE_VALUE";
pub const CLOUD_SERVICE_TYPE: &str = "CLOUD_SERVICE_TYPE";
pub const PRODUCT_ID: &str = "PRODUCT_ID";

pub fn limit_infos(l: &QuotaLimits) -> Vec<QuotaLimitInfo> {
    let mut out = Vec::new();
    if l.face_min.is_some() || l.face_max.is_some() {
        out.push(QuotaLimitInfo {
            limit_key: FACE_VALUE,
            limit_values: vec![LimitValue {
                value1: l.face_min.map(|m| m.to_string()).unwrap_or_default(),
                value2: l.face_max.map(|m| m.to_string()),
            }],
        });
    }
    for (key, values) in [
        (CLOUD_SERVICE_TYPE, &l.cloud_service_types),
        (PRODUCT_ID, &l.product_ids),
    ] {
        if !values.is_empty() {
            out.push(QuotaLimitInfo {
                limit_key: key,
                limit_values: values
                    .iter()
                    .map(|v| LimitValue {
                        value1: v.clone(),
                        value2: None,
                    })
                    .collect(),
            });
        }
    }
    out
}

/// A pair of optional UTC bounds, each strict, named for the error message.
pub fn range(
    begin: (&str, Option<&String>),
    end: (&str, Option<&String>),
) -> Result<TimeRange, ApiError> {
    let parse =
        |(field, v): (&str, Option<&String>)| v.map(|s| wire::parse_utc(field, s)).transpose();
    Ok((parse(begin)?, parse(end)?))
}

/// A distributor's user holding one of `roles`; other partners are refused (CBC.0151).
pub fn distributor<'a>(caller: &'a Caller, roles: &[Role]) -> Result<&'a PartnerUser, ApiError> {
    let u = caller.partner_with(roles)?;
    if u.partner_type != PartnerType::Distributor {
        return Err(ApiError::Forbidden);
    }
    Ok(u)
}

/// Expires what is due by the clock before a voucher request reads or writes.
pub async fn sweep(state: &AppState) -> Result<(), ApiError> {
    expiry::sweep(state).await
}

/// Query keys sent with an empty value (`key=`). The query extractor reads those as absent,
/// but Huawei gives them meaning: for some keys `""` is a filter, for others an error.
pub struct EmptyParams(Vec<String>);

impl EmptyParams {
    pub fn of(req: &actix_web::HttpRequest) -> Self {
        EmptyParams(
            req.query_string()
                .split('&')
                .filter_map(|pair| match pair.split_once('=') {
                    Some((k, "")) => Some(k.to_owned()),
                    None if !pair.is_empty() => Some(pair.to_owned()),
                    _ => None,
                })
                .collect(),
        )
    }

    fn has(&self, key: &str) -> bool {
        self.0.iter().any(|k| k == key)
    }

    /// `""` filters: an empty value becomes `Some("")`.
    pub fn text(&self, key: &str, v: Option<String>) -> Option<String> {
        v.or_else(|| self.has(key).then(String::new))
    }

    /// An empty value of a repeated key is the empty list.
    pub fn list(&self, key: &str, v: Option<Vec<String>>) -> Option<Vec<String>> {
        v.or_else(|| self.has(key).then(Vec::new))
    }

    /// These keys do not accept an empty value.
    pub fn reject(&self, keys: &[&str]) -> Result<(), ApiError> {
        match keys.iter().find(|k| self.has(k)) {
            Some(k) => Err(ApiError::param(format!("{k} must not be empty"))),
            None => Ok(()),
        }
    }
}
