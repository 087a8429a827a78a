//! What the order operations answer, as CustomerOrderV2/V3 and the coupon models define them,
//! and how domain values become these.

use crate::service::orders::reads::Listed;
use crate::wire::codes::{self, AgentPayStatus, CouponStatus, DiscountMode, DiscountType};
use crate::wire::codes::{OrderStatus, OrderType, PeriodType};
use crate::wire::{self, Code, WireAmount, WireDecimal};
use domain::orders::{Order, OrderLine, Payer, Refund};
use domain::payment::{discount_amount, OrderDiscount, PayCouponType, MAX_COUPONS};
use domain::vouchers::coupon::{self as coupon, Coupon};
use domain::Money;
use rust_decimal::Decimal;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct DiscountItem {
    /// The discount type as text (e.g. "3" partner-granted, "301" coupons).
    discount_type: String,
    discount_amount: WireAmount,
}

#[derive(Serialize, ToSchema)]
pub struct AmountInfo {
    discounts: Vec<DiscountItem>,
    coupon_amount: WireAmount,
    flexipurchase_coupon_amount: WireAmount,
    stored_card_amount: WireAmount,
    commission_amount: WireAmount,
    /// Paid from balances (cash and credit).
    consumed_amount: WireAmount,
}

#[derive(Serialize, ToSchema)]
pub struct AgentPayInfo {
    /// The partner that paid, or was asked to pay.
    paying_agent_id: Option<String>,
    is_agent_pay: bool,
    agent_pay_status: Option<AgentPayStatus>,
    reject_reason: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct CustomerOrder {
    order_id: String,
    customer_id: String,
    service_type_code: String,
    service_type_name: Option<String>,
    source_type: i32,
    status: OrderStatus,
    order_type: OrderType,
    amount_after_discount: WireAmount,
    official_amount: WireAmount,
    measure_id: i32,
    create_time: String,
    payment_time: Option<String>,
    currency: &'static str,
    contract_id: Option<String>,
    amount_info: AmountInfo,
    agent_pay_info: AgentPayInfo,
    pending_payment_end_time: Option<String>,
    user_name: Option<String>,
}

impl CustomerOrder {
    pub fn new(l: &Listed, user_name: Option<String>) -> Self {
        let o = &l.order;
        let mut discounts = Vec::new();
        if let (Some(t), false) = (l.discount_type, o.discount.is_zero()) {
            discounts.push(DiscountItem {
                discount_type: t.int().to_string(),
                discount_amount: WireAmount(o.discount),
            });
        }
        if !o.coupons.is_zero() {
            discounts.push(DiscountItem {
                discount_type: PayCouponType::Voucher.int().to_string(),
                discount_amount: WireAmount(o.coupons),
            });
        }
        CustomerOrder {
            order_id: o.id.clone(),
            customer_id: o.customer_id.clone(),
            service_type_code: o.service_type_code.clone(),
            service_type_name: o.service_type_name.clone(),
            source_type: o.source_type,
            status: Code(o.status),
            order_type: Code(o.order_type),
            amount_after_discount: WireAmount(o.amount_after_discount()),
            official_amount: WireAmount(o.official),
            measure_id: 1,
            create_time: wire::utc(o.create_time),
            payment_time: o.payment_time.map(wire::utc),
            currency: "CNY",
            contract_id: None,
            amount_info: AmountInfo {
                discounts,
                coupon_amount: WireAmount(o.coupons),
                flexipurchase_coupon_amount: WireAmount(Money::ZERO),
                stored_card_amount: WireAmount(Money::ZERO),
                commission_amount: WireAmount(Money::ZERO),
                consumed_amount: WireAmount(o.paid_from_balances()),
            },
            agent_pay_info: AgentPayInfo {
                paying_agent_id: o.paying_agent().map(str::to_owned),
                is_agent_pay: o.paid_by_partner(),
                agent_pay_status: o.agent_pay.as_ref().map(|a| Code(a.status)),
                reject_reason: o.agent_pay.as_ref().and_then(|a| a.reject_reason.clone()),
            },
            pending_payment_end_time: o.pending_payment_end_time.map(wire::utc),
            user_name,
        }
    }
}

/// A page of orders (ListCustomerOrders, the partner's payment requests).
#[derive(Serialize, ToSchema)]
pub struct OrdersPage {
    total_count: i64,
    order_infos: Vec<CustomerOrder>,
}

impl OrdersPage {
    pub fn new((total_count, listed): (i64, Vec<Listed>)) -> Self {
        OrdersPage {
            total_count,
            order_infos: listed.iter().map(|l| CustomerOrder::new(l, None)).collect(),
        }
    }
}

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
    status: CouponStatus,
    coupon_type: codes::CouponType,
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

impl From<&Coupon> for CouponInfo {
    fn from(c: &Coupon) -> Self {
        let f = &c.facts;
        let flag = |b: bool| if b { "1" } else { "0" }.to_owned();
        let limit = |limit_key, value1| UseLimit {
            limit_key,
            value1,
            value2: None,
        };
        let mut use_limits = vec![
            limit(
                "simultaneousUseWithEmpowerDiscount",
                flag(f.limits.with_partner_discount),
            ),
            limit(
                "simultaneousUseWithContractDiscount",
                flag(f.limits.with_contract_discount),
            ),
            limit(
                "simultaneousUseWithPromotionDiscount",
                flag(f.limits.with_promotion_discount),
            ),
        ];
        if let Some(m) = f.limits.min_consume_discount {
            use_limits.push(limit("minConsumeDiscount", m.to_string()));
        }
        CouponInfo {
            coupon_id: f.id.clone(),
            customer_id: c.customer_id.clone(),
            status: Code(f.status),
            coupon_type: Code(f.coupon_type),
            measure_id: 1,
            face_value: WireAmount(c.face_value),
            balance: WireAmount(f.balance),
            effective_time: wire::utc(f.effective_time),
            valid_time: wire::utc(f.effective_time),
            expire_time: wire::utc(f.expire_time),
            create_time: wire::utc(c.create_time),
            last_used_time: c.last_used_time.map(wire::utc),
            used_by_order_id: c.used_by_order_id.clone(),
            order_id: c.used_by_order_id.clone(),
            use_limits,
            is_frozen: "0",
            currency: "CNY",
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct OrderLineItem {
    order_line_item_id: String,
    order_id: String,
    service_type_code: String,
    product_id: String,
    product_spec_desc: Option<String>,
    period_type: PeriodType,
    period_num: i32,
    subscription_num: i32,
    effective_time: Option<String>,
    expire_time: Option<String>,
    amount_after_discount: WireAmount,
    official_amount: WireAmount,
    currency: &'static str,
}

impl From<(&OrderLine, &Order)> for OrderLineItem {
    fn from((l, o): (&OrderLine, &Order)) -> Self {
        OrderLineItem {
            order_line_item_id: l.id.clone(),
            order_id: l.order_id.clone(),
            service_type_code: o.service_type_code.clone(),
            product_spec_desc: l.cloud_service_type.clone(),
            product_id: l.product_id.clone(),
            period_type: Code(l.period_type),
            period_num: l.period_num,
            subscription_num: l.subscription_num,
            effective_time: l.effective_time.map(wire::utc),
            expire_time: l.expire_time.map(wire::utc),
            amount_after_discount: WireAmount(l.amount),
            official_amount: WireAmount(l.official),
            currency: "CNY",
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct OrderDetails {
    /// Number of order lines.
    pub total_count: i64,
    pub order_info: CustomerOrder,
    pub order_line_items: Vec<OrderLineItem>,
}

#[derive(Serialize, ToSchema)]
pub struct RefundInfo {
    id: String,
    /// Negative: money returned.
    amount: WireAmount,
    measure_id: String,
    customer_id: String,
    service_type_code: String,
    base_order_id: String,
    refund_time: String,
    /// Where the money went: `customer` or `partner` (the payer).
    refunded_to: &'static str,
}

impl From<(&Refund, &Order)> for RefundInfo {
    fn from((r, o): (&Refund, &Order)) -> Self {
        RefundInfo {
            id: r.id.clone(),
            amount: WireAmount(-r.amount),
            measure_id: "1".into(),
            customer_id: r.customer_id.clone(),
            service_type_code: o.service_type_code.clone(),
            base_order_id: r.order_id.clone(),
            refund_time: wire::utc(r.create_time),
            refunded_to: match r.payer {
                Payer::Customer(_) => "customer",
                Payer::Partner(_) => "partner",
            },
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct RefundDetails {
    pub total_count: i64,
    pub refund_infos: Vec<RefundInfo>,
}

#[derive(Serialize, ToSchema)]
pub struct MaxUse {
    coupon_type: codes::CouponType,
    coupon_group: i32,
    use_quantity_value: i32,
}

#[derive(Serialize, ToSchema)]
pub struct OrderCoupons {
    count: i64,
    user_coupons: Vec<CouponInfo>,
    coupon_max_use_quantity: Vec<MaxUse>,
}

impl OrderCoupons {
    pub fn new(usable: &[Coupon]) -> Self {
        let max = |t, n| MaxUse {
            coupon_type: Code(t),
            coupon_group: 0,
            use_quantity_value: n,
        };
        let most = i32::try_from(MAX_COUPONS).unwrap_or(i32::MAX);
        OrderCoupons {
            count: i64::try_from(usable.len()).unwrap_or(i64::MAX),
            user_coupons: usable.iter().map(CouponInfo::from).collect(),
            coupon_max_use_quantity: vec![
                max(coupon::CouponType::Voucher, most),
                max(coupon::CouponType::DiscountCoupon, 1),
                max(coupon::CouponType::CashCoupon, most),
            ],
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct CouponsPage {
    pub count: i64,
    pub user_coupons: Vec<CouponInfo>,
}

#[derive(Serialize, ToSchema)]
pub struct LineDiscount {
    order_line_item_ids: Vec<String>,
    discount_mode: DiscountMode,
    discount_amount: WireAmount,
    /// The share of the price paid under this discount.
    discount_ratio: WireDecimal,
}

#[derive(Serialize, ToSchema)]
pub struct DiscountOrder {
    order_id: String,
    order_line_items: Vec<LineDiscount>,
}

#[derive(Serialize, ToSchema)]
pub struct DiscountInfo {
    discount_id: String,
    discount_value: String,
    discount_type: DiscountType,
    orders: Vec<DiscountOrder>,
}

impl DiscountInfo {
    /// What `d` would take off the order, and the share left to pay.
    pub fn new(d: &OrderDiscount, o: &Order, line_ids: &[String]) -> Self {
        let off = discount_amount(d, o.amount).unwrap_or(Money::ZERO);
        let ratio = if o.amount.is_zero() {
            Decimal::ONE
        } else {
            (Decimal::from(o.amount.cents() - off.cents()) / Decimal::from(o.amount.cents()))
                .round_dp(4)
        };
        DiscountInfo {
            discount_id: d.id.clone(),
            discount_value: d.value.to_string(),
            discount_type: Code(d.discount_type),
            orders: vec![DiscountOrder {
                order_id: o.id.clone(),
                order_line_items: vec![LineDiscount {
                    order_line_item_ids: line_ids.to_vec(),
                    discount_mode: Code(d.mode),
                    discount_amount: WireAmount(off),
                    discount_ratio: WireDecimal(ratio),
                }],
            }],
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct OrderDiscounts {
    pub discounts: Vec<DiscountInfo>,
}
