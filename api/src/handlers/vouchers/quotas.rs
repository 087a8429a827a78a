//! ListQuotaCoupons: the coupon quotas the partner (or, for a distributor, one of its
//! resellers) holds.

use super::{limit_infos, sweep, QuotaLimitInfo, READERS};
use crate::auth::Caller;
use crate::extract::Json;
use crate::service::vouchers::quotas;
use crate::wire::{self, Int, Limit, List, Offset, PartnerId, QuotaId, UtcTime, WireAmount};
use crate::{ApiError, AppState};
use actix_web::web::Data;
use actix_web::{post, HttpResponse};
use domain::vouchers::quota::{Quota, QuotaSearch, TimeRange};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A quota status: 0 normal, 3 invalid, 4 adjusting, 5 frozen, 6 reclaimed.
type QuotaStatus = Int<0, 6>;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct QuotaQuery {
    /// Empty or absent: no filter.
    quota_ids: Option<List<QuotaId, 0, 50>>,
    /// Empty or absent: no filter.
    quota_status_list: Option<List<QuotaStatus, 0, 5>>,
    /// 0 voucher quota (default), 1 cash-coupon quota.
    quota_type: Option<Int<0, 1>>,
    create_time_begin: Option<UtcTime>,
    create_time_end: Option<UtcTime>,
    effective_time_begin: Option<UtcTime>,
    effective_time_end: Option<UtcTime>,
    expire_time_begin: Option<UtcTime>,
    expire_time_end: Option<UtcTime>,
    offset: Option<Offset>,
    limit: Option<Limit>,
    indirect_partner_id: Option<PartnerId>,
}

/// Strict bounds, each side optional.
fn between(begin: Option<UtcTime>, end: Option<UtcTime>) -> TimeRange {
    (begin.map(UtcTime::unix), end.map(UtcTime::unix))
}

impl QuotaQuery {
    fn search(&self) -> QuotaSearch {
        QuotaSearch {
            quota_type: Some(self.quota_type.map_or(0, Int::get_i32)),
            ids: self
                .quota_ids
                .as_ref()
                .filter(|v| !v.is_empty())
                .map(|v| v.iter().map(|i| i.as_str().to_owned()).collect()),
            statuses: self
                .quota_status_list
                .as_ref()
                .filter(|v| !v.is_empty())
                .map(|v| v.iter().map(|s| s.get_i32()).collect()),
            created: between(self.create_time_begin, self.create_time_end),
            effective: between(self.effective_time_begin, self.effective_time_end),
            expires: between(self.expire_time_begin, self.expire_time_end),
            ..QuotaSearch::default()
        }
    }
}

/// One quota (CouponQuotaV2).
#[derive(Serialize, ToSchema)]
pub struct CouponQuota {
    quota_id: String,
    /// 0 voucher quota, 1 cash-coupon quota.
    quota_type: i32,
    create_time: String,
    last_update_time: String,
    /// Everything granted into the quota.
    quota_value: WireAmount,
    /// 0 normal, 3 invalid (expired), 6 reclaimed.
    quota_status: i32,
    balance: WireAmount,
    measure_id: i32,
    currency: &'static str,
    effective_time: String,
    expire_time: String,
    limit_infos: Vec<QuotaLimitInfo>,
}

impl From<&Quota> for CouponQuota {
    fn from(q: &Quota) -> Self {
        CouponQuota {
            quota_id: q.id.clone(),
            quota_type: q.quota_type,
            create_time: wire::utc(q.create_time),
            last_update_time: wire::utc(q.last_update_time),
            quota_value: WireAmount(q.quota),
            quota_status: q.status,
            balance: WireAmount(q.balance),
            measure_id: 1,
            currency: "CNY",
            effective_time: wire::utc(q.effective_time),
            expire_time: wire::utc(q.expire_time),
            limit_infos: limit_infos(&q.limits),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct QuotaPage {
    total_count: i64,
    quotas: Vec<CouponQuota>,
}

/// The partner's coupon quotas, newest first; time bounds are strict.
#[utoipa::path(tag = "vouchers", request_body = QuotaQuery, responses((status = 200, body = QuotaPage)))]
#[post("/v2/partners/coupon-quotas/query")]
pub async fn list_quota_coupons(
    state: Data<AppState>,
    caller: Caller,
    body: Json<QuotaQuery>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(READERS)?.partner_id.clone();
    let q = body.into_inner()?;
    let (search, page) = (q.search(), wire::page(q.offset, q.limit));
    let indirect = q.indirect_partner_id.map(PartnerId::into_inner);
    sweep(&state).await?;
    let (total, found) = state
        .read(move |conn| quotas::held(conn, &me, indirect.as_deref(), &search, page))
        .await?;
    Ok(wire::ok(&QuotaPage {
        total_count: total,
        quotas: found.iter().map(CouponQuota::from).collect(),
    }))
}
