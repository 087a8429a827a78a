//! ListSubCustomerCoupons: `GET /v2/promotions/benefits/coupons`.

use super::input::CouponsQuery;
use super::json::{CouponInfo, CouponsPage};
use crate::auth::Caller;
use crate::extract::Query;
use crate::service::orders::reads;
use crate::wire::{self, ActingFor, Code, PageQuery, UtcTime};
use crate::{ApiError, AppState};
use actix_web::web::Data;
use actix_web::{get, HttpResponse};
use domain::identity::Role;
use persistence::repo::coupons::CouponFilter;

/// Coupons of the calling customer, or of the partner's customers.
#[utoipa::path(tag = "orders", params(CouponsQuery, PageQuery, ActingFor), responses((status = 200, body = CouponsPage)))]
#[get("/v2/promotions/benefits/coupons")]
pub async fn list_sub_customer_coupons(
    state: Data<AppState>,
    caller: Caller,
    query: Query<CouponsQuery>,
    page: Query<PageQuery>,
    acting: Query<ActingFor>,
) -> Result<HttpResponse, ApiError> {
    use Role::{AccountManager, AccountManagerSupervisor, Finance};
    caller.partner_or_customer(&[Finance, AccountManager, AccountManagerSupervisor])?;
    let (q, page, acting) = (
        query.into_inner()?,
        page.into_inner()?.page(),
        acting.into_inner()?,
    );
    let f = CouponFilter {
        customer_ids: vec![],
        coupon_id: q.coupon_id.map(String::from),
        order_id: q.order_id.map(String::from),
        coupon_type: q.coupon_type.map(Code::get),
        status: q.status.map(Code::get),
        active_from: q.active_start_time.map(UtcTime::unix),
        active_until: q.active_end_time.map(UtcTime::unix),
    };
    // Coupons past their time show as expired (4), partner coupons' balance back in the quota.
    crate::handlers::vouchers::sweep(&state).await?;
    let who = caller.principal.clone();
    let (count, coupons) = state
        .read(move |conn| reads::customer_coupons(conn, &who, acting.reseller(), f.clone(), page))
        .await?;
    Ok(wire::ok(&CouponsPage {
        count,
        user_coupons: coupons.iter().map(CouponInfo::from).collect(),
    }))
}
