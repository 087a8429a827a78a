//! ListOrderCouponsByOrderId (coupons usable for an order) and ListSubCustomerCoupons.

use crate::auth::{Caller, Principal};
use crate::extract::Query;
use crate::service::payment::coupon_facts;
use crate::service::{acting, orders as access};
use crate::wire::WireAmount;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{get, HttpResponse};
use domain::identity::Role;
use domain::paging::Page;
use domain::payment::{self, PayRequest};
use domain::Money;
use persistence::repo::coupons::{self, CouponFilter, CouponRow};
use persistence::repo::customers;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

#[derive(Serialize, ToSchema)]
pub struct UseLimit {
    limit_key: &'static str,
    value1: String,
    value2: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct CouponInfo {
    coupon_id: String,
    customer_id: String,
    status: i32,
    /// 1 voucher, 2 discount coupon, 3 product coupon, 4 cash coupon.
    coupon_type: i32,
    measure_id: i32,
    face_value: WireAmount,
    balance: WireAmount,
    effective_time: String,
    valid_time: String,
    expire_time: String,
    create_time: String,
    last_used_time: Option<String>,
    used_by_order_id: Option<String>,
    order_id: Option<String>,
    use_limits: Vec<UseLimit>,
    is_frozen: &'static str,
    currency: &'static str,
}

pub fn coupon_info(c: &CouponRow) -> CouponInfo {
    let flag = |b: bool| if b { "1" } else { "0" }.to_owned();
    let mut use_limits = vec![
        UseLimit {
            limit_key: "simultaneousUseWithEmpowerDiscount",
            value1: flag(c.with_partner_discount),
            value2: None,
        },
        UseLimit {
            limit_key: "simultaneousUseWithContractDiscount",
            value1: flag(c.with_contract_discount),
            value2: None,
        },
        UseLimit {
            limit_key: "simultaneousUseWithPromotionDiscount",
            value1: flag(c.with_promotion_discount),
            value2: None,
        },
    ];
    if let Some(m) = &c.min_consume_discount {
        use_limits.push(UseLimit {
            limit_key: "minConsumeDiscount",
            value1: m.clone(),
            value2: None,
        });
    }
    CouponInfo {
        coupon_id: c.id.clone(),
        customer_id: c.customer_id.clone(),
        status: c.status,
        coupon_type: c.coupon_type,
        measure_id: 1,
        face_value: WireAmount(Money::from_cents(c.face_value_cents)),
        balance: WireAmount(Money::from_cents(c.balance_cents)),
        effective_time: wire::utc(c.effective_time),
        valid_time: wire::utc(c.effective_time),
        expire_time: wire::utc(c.expire_time),
        create_time: wire::utc(c.create_time),
        last_used_time: c.last_used_time.map(wire::utc),
        used_by_order_id: c.used_by_order_id.clone(),
        order_id: c.used_by_order_id.clone(),
        use_limits,
        is_frozen: "0",
        currency: "CNY",
    }
}

#[derive(Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrderIdQuery {
    #[validate(length(min = 1, max = 64))]
    #[param(min_length = 1, max_length = 64, example = "CS2412041234ABCD")]
    order_id: String,
}

impl OrderIdQuery {
    pub fn order_id(&self) -> String {
        self.order_id.clone()
    }
}

#[derive(Serialize, ToSchema)]
pub struct MaxUse {
    coupon_type: i32,
    coupon_group: i32,
    use_quantity_value: i32,
}

#[derive(Serialize, ToSchema)]
pub struct OrderCoupons {
    count: i64,
    user_coupons: Vec<CouponInfo>,
    coupon_max_use_quantity: Vec<MaxUse>,
}

/// The customer's coupons that could pay this order now (each alone, without a discount).
#[utoipa::path(tag = "orders", params(OrderIdQuery), responses((status = 200, body = OrderCoupons)))]
#[get("/v2/orders/customer-orders/order-coupons")]
pub async fn list_order_coupons_by_order_id(
    state: Data<AppState>,
    caller: Caller,
    query: Query<OrderIdQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.partner_or_customer(&[Role::Finance])?;
    let q = query.into_inner()?;
    let principal = caller.principal.clone();
    let now = state.now();
    let usable = state
        .read(move |conn| {
            let o = access::visible(conn, &principal, &q.order_id, None)?;
            let line_ratios = persistence::repo::orders::line_ratios(conn, &o.id)?
                .into_iter()
                .map(|r| {
                    r.and_then(|r| r.parse().ok())
                        .unwrap_or(rust_decimal::Decimal::ONE)
                })
                .collect();
            let pending = domain::payment::OrderFacts {
                status: o.status,
                deadline: None,
                amount: Money::from_cents(o.amount_cents),
                line_ratios,
                discounts: vec![],
                lines: crate::service::payment::line_scopes(conn, &o)?,
            };
            let mut out = Vec::new();
            for c in coupons::usable(conn, &o.customer_id, now)? {
                let Some(t) = payment::pay_type_of(c.coupon_type) else {
                    continue;
                };
                let r = PayRequest {
                    use_coupon: true,
                    coupons: vec![(c.id.clone(), t)],
                    ..PayRequest::default()
                };
                if payment::plan(&pending, &[coupon_facts(&c)?], &r, now).is_ok() {
                    out.push(c);
                }
            }
            Ok(out)
        })
        .await?;
    let max = [(1, 3), (2, 1), (4, 3)]
        .into_iter()
        .map(|(t, n)| MaxUse {
            coupon_type: t,
            coupon_group: 0,
            use_quantity_value: n,
        })
        .collect();
    Ok(wire::json(
        StatusCode::OK,
        &OrderCoupons {
            count: i64::try_from(usable.len()).unwrap_or(i64::MAX),
            user_coupons: usable.iter().map(coupon_info).collect(),
            coupon_max_use_quantity: max,
        },
    ))
}

#[derive(Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CouponsQuery {
    #[validate(length(min = 1, max = 64))]
    #[param(min_length = 1, max_length = 64, example = "CP2412040001")]
    coupon_id: Option<String>,
    #[validate(length(min = 1, max = 64))]
    #[param(min_length = 1, max_length = 64, example = "CS2412041234ABCD")]
    order_id: Option<String>,
    #[validate(length(max = 64))]
    #[param(max_length = 64, example = "PP2412040001")]
    promotion_plan_id: Option<String>,
    /// 1 voucher, 2 discount coupon, 3 product coupon, 4 cash coupon.
    #[param(schema_with = coupon_type_schema)]
    coupon_type: Option<i32>,
    /// 1 not activated, 2 usable, 3 used, 4 expired, 5 reclaimed.
    #[param(schema_with = coupon_status_schema)]
    status: Option<i32>,
    #[validate(length(max = 20))]
    #[param(schema_with = crate::schemas::utc_time)]
    active_start_time: Option<String>,
    #[validate(length(max = 20))]
    #[param(schema_with = crate::schemas::utc_time)]
    active_end_time: Option<String>,
    #[validate(range(min = 0))]
    #[param(minimum = 0, example = 0)]
    offset: Option<i64>,
    #[validate(range(min = 1, max = 100))]
    #[param(minimum = 1, maximum = 100, example = 10)]
    limit: Option<i64>,
    #[validate(length(max = 64))]
    #[param(max_length = 64, example = "SRC2412040001")]
    source_id: Option<String>,
    #[validate(length(min = 1, max = 64))]
    #[param(
        min_length = 1,
        max_length = 64,
        example = "5f1e2d3c4b5a69788796a5b4c3d2e1f0"
    )]
    indirect_partner_id: Option<String>,
}

/// Coupon types: 1 voucher, 2 discount coupon, 3 product coupon, 4 cash coupon.
const COUPON_TYPES: [i64; 4] = [1, 2, 3, 4];
/// Coupon statuses: 1 not activated, 2 usable, 3 used, 4 expired, 5 reclaimed.
const COUPON_STATUSES: [i64; 5] = [1, 2, 3, 4, 5];

fn coupon_type_schema() -> utoipa::openapi::schema::Object {
    crate::schemas::integers(&COUPON_TYPES)
}

fn coupon_status_schema() -> utoipa::openapi::schema::Object {
    crate::schemas::integers(&COUPON_STATUSES)
}

#[derive(Serialize, ToSchema)]
pub struct CouponsPage {
    count: i64,
    user_coupons: Vec<CouponInfo>,
}

/// Coupons of the calling customer, or of the partner's customers.
#[utoipa::path(tag = "orders", params(CouponsQuery), responses((status = 200, body = CouponsPage)))]
#[get("/v2/promotions/benefits/coupons")]
pub async fn list_sub_customer_coupons(
    state: Data<AppState>,
    caller: Caller,
    query: Query<CouponsQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.partner_or_customer(&[
        Role::Finance,
        Role::AccountManager,
        Role::AccountManagerSupervisor,
    ])?;
    let q = query.into_inner()?;
    let page = Page::new(q.offset, q.limit)?;
    if q.coupon_type
        .is_some_and(|t| !COUPON_TYPES.contains(&i64::from(t)))
    {
        return Err(ApiError::param("coupon_type must be 1, 2, 3 or 4"));
    }
    if q.status
        .is_some_and(|s| !COUPON_STATUSES.contains(&i64::from(s)))
    {
        return Err(ApiError::param("status must be between 1 and 5"));
    }
    let from = q
        .active_start_time
        .as_deref()
        .map(|s| wire::parse_utc("active_start_time", s))
        .transpose()?;
    let until = q
        .active_end_time
        .as_deref()
        .map(|s| wire::parse_utc("active_end_time", s))
        .transpose()?;
    // Coupons past their time show as expired (4), partner coupons' balance back in the quota.
    crate::handlers::vouchers::sweep(&state).await?;
    let principal = caller.principal.clone();
    let (total, rows) = state
        .read(move |conn| {
            let customer_ids = match &principal {
                Principal::Customer(c) => vec![c.customer_id.clone()],
                Principal::PartnerUser(u) => {
                    let p = acting::partner(conn, &u.partner_id, q.indirect_partner_id.as_deref())?;
                    customers::ids_of_partner(conn, &p.id)?
                }
                Principal::Operator => vec![],
            };
            let f = CouponFilter {
                customer_ids,
                coupon_id: q.coupon_id.clone(),
                order_id: q.order_id.clone(),
                coupon_type: q.coupon_type,
                status: q.status,
                active_from: from,
                active_until: until,
            };
            Ok((
                coupons::count(conn, &f)?,
                coupons::page(conn, &f, page.offset, page.limit)?,
            ))
        })
        .await?;
    Ok(wire::json(
        StatusCode::OK,
        &CouponsPage {
            count: total,
            user_coupons: rows.iter().map(coupon_info).collect(),
        },
    ))
}
