//! ListIssuedCouponQuotas: the quotas a distributor passed on to its resellers.

use super::quotas::CouponQuota;
use super::{distributor, sweep, EmptyParams, READERS};
use crate::auth::Caller;
use crate::extract::LegacyQuery as Query;
use crate::service::vouchers::quotas;
use crate::{wire, ApiError, AppState};
use actix_web::web::Data;
use actix_web::{get, HttpRequest, HttpResponse};
use domain::paging::Page;
use domain::vouchers::quota::QuotaSearch;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

#[derive(Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct IssuedQuotasQuery {
    /// A reseller's quota; absent or empty: no filter.
    #[validate(length(max = 64))]
    #[param(max_length = 64, example = "0c1d2e3f4a5b46c7d8e9f0a1b2c3d4e5")]
    quota_id: Option<String>,
    /// One of your resellers.
    #[validate(length(min = 1, max = 64))]
    #[param(
        min_length = 1,
        max_length = 64,
        example = "0a1b2c3d4e5f46a7b8c9d0e1f2a3b4c5"
    )]
    indirect_partner_id: Option<String>,
    /// Your quota it came from; absent: no filter, empty: filters too.
    #[validate(length(max = 64))]
    #[param(max_length = 64, example = "8f7e6d5c4b3a49281706f5e4d3c2b1a0")]
    parent_quota_id: Option<String>,
    #[validate(range(min = 0))]
    #[param(minimum = 0, example = 0)]
    offset: Option<i64>,
    #[validate(range(min = 1, max = 100))]
    #[param(minimum = 1, maximum = 100, example = 10)]
    limit: Option<i64>,
}

/// One quota passed on (IssuedCouponQuota).
#[derive(Serialize, ToSchema)]
pub struct IssuedQuota {
    #[serde(flatten)]
    quota: CouponQuota,
    indirect_partner_id: String,
    indirect_partner_account_name: Option<String>,
    indirect_partner_name: Option<String>,
    parent_quota_id: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct IssuedQuotaPage {
    total_count: i64,
    quotas: Vec<IssuedQuota>,
}

/// Quotas the distributor passed to its resellers, newest first (status 6: reclaimed).
#[utoipa::path(tag = "vouchers", params(IssuedQuotasQuery), responses((status = 200, body = IssuedQuotaPage)))]
#[get("/v2/partners/issued-coupon-quotas")]
pub async fn list_issued_coupon_quotas(
    state: Data<AppState>,
    caller: Caller,
    query: Query<IssuedQuotasQuery>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let me = distributor(&caller, READERS)?.partner_id.clone();
    let q = query.into_inner()?;
    let page = Page::new(q.offset, q.limit)?;
    let parent = EmptyParams::of(&req).text("parent_quota_id", q.parent_quota_id.clone());
    let search = QuotaSearch {
        ids: q.quota_id.filter(|s| !s.is_empty()).map(|s| vec![s]),
        parent_quota_id: parent,
        ..QuotaSearch::default()
    };
    let reseller = q.indirect_partner_id;
    sweep(&state).await?;
    let (total, found) = state
        .read(move |conn| quotas::passed_on(conn, &me, reseller.as_deref(), &search, page))
        .await?;
    Ok(wire::ok(&IssuedQuotaPage {
        total_count: total,
        quotas: found.iter().map(IssuedQuota::from).collect(),
    }))
}

impl From<&quotas::IssuedQuota> for IssuedQuota {
    fn from(i: &quotas::IssuedQuota) -> Self {
        IssuedQuota {
            quota: CouponQuota::from(&i.quota),
            indirect_partner_id: i.quota.partner_id.clone(),
            indirect_partner_account_name: i.holder_account_name.clone(),
            indirect_partner_name: i.holder_name.clone(),
            parent_quota_id: i.quota.parent_quota_id.clone(),
        }
    }
}
