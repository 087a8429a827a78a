//! PayOrders (S17) and partner payment (S19): which coupons and discount may be applied, what
//! they take off, and how the rest splits over cash and credit. Pure rules over plain data.

pub use crate::orders::{DiscountMode, DiscountType, OrderDiscount};
pub use crate::vouchers::coupon::{CouponFacts, CouponLimits};

use crate::orders::OrderStatus;
use crate::vouchers::coupon::{CouponStatus, CouponType};
use crate::vouchers::scope::{self, LineScope};
use crate::{coded_enum, codes, Money, Violation};
use rust_decimal::Decimal;

pub const COUPON_USABLE: i32 = 2;
pub const COUPON_USED: i32 = 3;
/// Coupons one payment may use at most.
pub const MAX_COUPONS: usize = 3;
/// Order discounts one payment may use at most.
pub const MAX_DISCOUNTS: usize = 1;

coded_enum! {
    /// The PayOrders `coupon_infos[].type` of a coupon: 300 for a discount coupon
    /// (coupon_type 2), 301 for a voucher (1), 302 for a cash coupon (4), 303 for a
    /// stored-value card.
    pub enum PayCouponType: int {
        DiscountCoupon = 300,
        Voucher = 301,
        CashCoupon = 302,
        StoredValueCard = 303,
    }
}

/// Coupon types as integers, for the vouchers code that still stores them so
/// ([`CouponType`] is the type).
pub const COUPON_VOUCHER: i32 = 1;
pub const COUPON_CASH: i32 = 4;

/// The `type` a PayOrders `coupon_infos` item gives for each coupon type.
pub fn pay_type_of(coupon_type: CouponType) -> Option<PayCouponType> {
    match coupon_type {
        CouponType::DiscountCoupon => Some(PayCouponType::DiscountCoupon),
        CouponType::Voucher => Some(PayCouponType::Voucher),
        CouponType::CashCoupon => Some(PayCouponType::CashCoupon),
        CouponType::ProductCoupon => None,
    }
}

#[derive(Debug, Clone)]
pub struct OrderFacts {
    pub status: OrderStatus,
    pub deadline: Option<i64>,
    /// The price after line discounts, before order discounts and coupons.
    pub amount: Money,
    /// Each line's `discount_ratio` (1 where none).
    pub line_ratios: Vec<Decimal>,
    pub discounts: Vec<OrderDiscount>,
    /// The lines as coupon limits see them.
    pub lines: Vec<LineScope>,
}

/// What a payment asks for: coupons (at most [`MAX_COUPONS`]) and at most one order discount
/// (its id and type as given).
#[derive(Debug, Clone, Default)]
pub struct PayRequest {
    pub coupons: Vec<(String, PayCouponType)>,
    pub discount: Option<(String, i64)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub discount: Option<(String, Money)>,
    pub coupons: Vec<CouponUse>,
    /// What balance payment must cover.
    pub remaining: Money,
}

/// What one coupon does to a payment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CouponUse {
    pub id: String,
    /// What it takes off the order.
    pub take: Money,
    /// What it spends of its balance.
    pub spend: Money,
}

/// What a coupon takes off `payable` and spends of its balance. A discount coupon's face
/// value is the share still paid (0.80: pay 80 %) and it is spent whole; vouchers and cash
/// coupons take their balance, at most what is payable.
pub fn coupon_take(c: &CouponFacts, payable: Money) -> CouponUse {
    let (take, spend) = match c.coupon_type {
        CouponType::DiscountCoupon => {
            let pay = payable.mul_ratio(c.balance.to_decimal()).unwrap_or(payable);
            (payable.checked_sub(pay).unwrap_or(Money::ZERO), c.balance)
        }
        _ => {
            let take = c.balance.min(payable);
            (take, take)
        }
    };
    CouponUse {
        id: c.id.clone(),
        take,
        spend,
    }
}

fn v(code: &'static str, msg: impl Into<String>) -> Violation {
    Violation::new(code, msg)
}

/// The request's own consistency, checked before anything is read: a well-formed request that
/// names one coupon twice is a business refusal.
pub fn check_request(r: &PayRequest) -> Result<(), Violation> {
    for (i, (id, _)) in r.coupons.iter().enumerate() {
        if r.coupons.iter().take(i).any(|(other, _)| other == id) {
            return Err(v(
                codes::COUPON_REPEATED,
                format!("coupon_infos[{i}].id repeats a coupon"),
            ));
        }
    }
    Ok(())
}

/// Whether a coupon may be combined with an order discount of `discount_type`.
pub fn combinable(limits: &CouponLimits, discount_type: DiscountType) -> Result<(), Violation> {
    let allowed = match discount_type {
        DiscountType::Partner => limits.with_partner_discount,
        DiscountType::Contract | DiscountType::Business => limits.with_contract_discount,
        DiscountType::Promotion => limits.with_promotion_discount,
        DiscountType::PriceAdjustment => true,
    };
    if allowed {
        Ok(())
    } else {
        Err(v(
            codes::COUPON_WITH_DISCOUNT,
            "the coupon cannot be combined with this discount",
        ))
    }
}

/// A coupon with a minimum consume discount is unusable when every line is discounted below it.
pub fn min_discount_ok(limits: &CouponLimits, line_ratios: &[Decimal]) -> Result<(), Violation> {
    match limits.min_consume_discount {
        Some(min) if !line_ratios.is_empty() && line_ratios.iter().all(|r| *r < min) => Err(v(
            codes::BELOW_MIN_DISCOUNT,
            "the order's discount is below the coupon's minimum discount ratio",
        )),
        _ => Ok(()),
    }
}

/// What the discount takes off `amount`.
pub fn discount_amount(d: &OrderDiscount, amount: Money) -> Result<Money, Violation> {
    let bad = || {
        v(
            codes::DISCOUNT_NOT_APPLICABLE,
            "the discount cannot be applied to this order",
        )
    };
    let off = match d.mode {
        DiscountMode::Ratio => {
            let pay = amount.mul_ratio(d.value).ok_or_else(bad)?;
            amount.checked_sub(pay).ok_or_else(bad)?
        }
        DiscountMode::FixedPrice => amount
            .checked_sub(Money::from_decimal(d.value).map_err(|_| bad())?)
            .ok_or_else(bad)?,
        DiscountMode::AmountOff => Money::from_decimal(d.value).map_err(|_| bad())?,
    };
    if off.is_negative() {
        return Err(bad());
    }
    Ok(off.min(amount))
}

/// Whether [`plan`] looks at the order's lines ([`OrderFacts::lines`] and `line_ratios`):
/// only coupons do, so without coupons they need not be read.
pub fn needs_lines(r: &PayRequest) -> bool {
    !r.coupons.is_empty()
}

/// Decides the discount and coupons of a payment and what is left to pay. `coupons` are the
/// caller's own coupons named in the request, in request order (missing ones absent).
pub fn plan(
    order: &OrderFacts,
    coupons: &[CouponFacts],
    r: &PayRequest,
    now: i64,
) -> Result<Plan, Violation> {
    if order.status != OrderStatus::PendingPayment {
        return Err(v(
            codes::ORDER_STATUS_CHANGED,
            "the order is not pending payment",
        ));
    }
    if order.deadline.is_some_and(|d| now > d) {
        return Err(v(
            codes::PAYMENT_DEADLINE_PASSED,
            "the payment deadline of the order has passed",
        ));
    }
    let chosen = match &r.discount {
        Some((id, t)) => Some(
            order
                .discounts
                .iter()
                .find(|d| &d.id == id && d.discount_type.int() == *t)
                .ok_or_else(|| {
                    v(
                        codes::DISCOUNT_NOT_APPLICABLE,
                        "discount_infos names no discount of this order",
                    )
                })?,
        ),
        None => None,
    };
    let adjust = order
        .discounts
        .iter()
        .find(|d| d.discount_type == DiscountType::PriceAdjustment);
    if adjust.is_some() && chosen.map(|c| c.discount_type) != Some(DiscountType::PriceAdjustment) {
        return Err(v(
            codes::DISCOUNT_NOT_APPLICABLE,
            "this order carries a price adjustment (609) that must be used",
        ));
    }
    let mut remaining = order.amount;
    let discount = match chosen {
        Some(d) => {
            let off = discount_amount(d, remaining)?;
            remaining = remaining.checked_sub(off).unwrap_or(Money::ZERO);
            Some((d.id.clone(), off))
        }
        None => None,
    };
    let mut used = Vec::new();
    for (i, (id, t)) in r.coupons.iter().enumerate() {
        let c = coupons.iter().find(|c| &c.id == id).ok_or_else(|| {
            v(
                codes::COUPON_USED,
                format!("coupon_infos[{i}] is not a usable coupon of yours"),
            )
        })?;
        if c.status != CouponStatus::Usable
            || now >= c.expire_time
            || now < c.effective_time
            || c.balance.is_zero()
        {
            return Err(v(
                codes::COUPON_USED,
                format!("coupon_infos[{i}] is used, expired or not yet effective"),
            ));
        }
        if pay_type_of(c.coupon_type) != Some(*t) {
            return Err(Violation::param(format!(
                "coupon_infos[{i}].type does not match the coupon"
            )));
        }
        if c.test_voucher {
            crate::vouchers::test_coupons::may_pay(&order.lines)
                .map_err(|e| Violation::new(e.code, format!("coupon_infos[{i}]: {}", e.message)))?;
        }
        if let Some(d) = chosen {
            combinable(&c.limits, d.discount_type)?;
        }
        min_discount_ok(&c.limits, &order.line_ratios)?;
        let u = coupon_take(c, scope::payable(&c.scope, &order.lines, remaining)?);
        remaining = remaining.checked_sub(u.take).unwrap_or(Money::ZERO);
        used.push((u, c.coupon_type));
    }
    let types: Vec<CouponType> = used.iter().map(|u| u.1).collect();
    if types.contains(&CouponType::Voucher) && types.contains(&CouponType::DiscountCoupon) {
        return Err(v(
            codes::VOUCHER_WITH_DISCOUNT_COUPON,
            "a voucher and a discount coupon cannot be combined",
        ));
    }
    Ok(Plan {
        discount,
        coupons: used.into_iter().map(|(u, _)| u).collect(),
        remaining,
    })
}

/// Balance payment: cash first, then credit; if together they cannot cover it, nothing.
pub fn split(remaining: Money, cash: Money, credit: Money) -> Result<(Money, Money), Violation> {
    let from_cash = remaining.min(cash.max(Money::ZERO));
    let from_credit = remaining.checked_sub(from_cash).unwrap_or(remaining);
    if from_credit > credit {
        return Err(v(
            codes::INSUFFICIENT_BALANCE,
            "cash and credit balances together cannot cover the order",
        ));
    }
    Ok((from_cash, from_credit))
}

/// What each account paid for an order and what earlier refunds already returned to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Refundable {
    pub cash_paid: Money,
    pub credit_paid: Money,
    pub cash_refunded: Money,
    pub credit_refunded: Money,
}

impl Refundable {
    pub fn cash_left(&self) -> Money {
        self.cash_paid
            .checked_sub(self.cash_refunded)
            .unwrap_or(Money::ZERO)
            .max(Money::ZERO)
    }

    pub fn credit_left(&self) -> Money {
        self.credit_paid
            .checked_sub(self.credit_refunded)
            .unwrap_or(Money::ZERO)
            .max(Money::ZERO)
    }

    /// What may still be refunded.
    pub fn left(&self) -> Money {
        self.cash_left()
            .checked_add(self.credit_left())
            .unwrap_or(Money::ZERO)
    }
}

/// Where a refund of `amount` (at most [`Refundable::left`]) goes: `(to cash, to credit)`, in
/// the proportions still unrefunded, so no account ever gets back more than it paid, and
/// refunding what is left returns exactly what each account has not had back.
pub fn refund_split(amount: Money, r: &Refundable) -> (Money, Money) {
    let (cash, credit, left) = (r.cash_left(), r.credit_left(), r.left());
    if left.is_zero() || amount >= left {
        return (cash, credit);
    }
    let ratio = Decimal::from(cash.cents()) / Decimal::from(left.cents());
    let to_cash = amount.mul_ratio(ratio).unwrap_or(Money::ZERO).min(cash);
    let to_credit = amount.checked_sub(to_cash).unwrap_or(Money::ZERO);
    if to_credit > credit {
        // Rounding put too little on cash: the rest of the credit caps it.
        (amount.checked_sub(credit).unwrap_or(Money::ZERO), credit)
    } else {
        (to_cash, to_credit)
    }
}
