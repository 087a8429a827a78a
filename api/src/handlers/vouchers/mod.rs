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
pub mod test_coupons;

use crate::auth::{Caller, PartnerUser};
use crate::service::vouchers::{expiry, ItemFailure};
use crate::{wire, ApiError, AppState};
use domain::identity::{PartnerType, Role};
use domain::vouchers::split_list;
use domain::Money;
use persistence::repo::quota_query::Range;
use persistence::repo::quotas::QuotaRow;
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

pub fn limit_infos(q: &QuotaRow) -> Vec<QuotaLimitInfo> {
    let mut out = Vec::new();
    if q.face_min_cents.is_some() || q.face_max_cents.is_some() {
        let yuan = |c: Option<i64>| c.map(|c| Money::from_cents(c).to_string());
        out.push(QuotaLimitInfo {
            limit_key: FACE_VALUE,
            limit_values: vec![LimitValue {
                value1: yuan(q.face_min_cents).unwrap_or_default(),
                value2: yuan(q.face_max_cents),
            }],
        });
    }
    for (key, stored) in [
        (CLOUD_SERVICE_TYPE, &q.cloud_service_types),
        (PRODUCT_ID, &q.product_ids),
    ] {
        let values = split_list(stored.as_deref());
        if !values.is_empty() {
            out.push(QuotaLimitInfo {
                limit_key: key,
                limit_values: values
                    .into_iter()
                    .map(|v| LimitValue {
                        value1: v,
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
) -> Result<Range, ApiError> {
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
