//! Orders as the rules and the wire see them: their statuses and kinds as enums, amounts as
//! money, and who paid.

use crate::association::AssociationType;
use crate::{coded_enum, codes, Money, Violation};
use rust_decimal::Decimal;

coded_enum! {
    /// 1 pending review, 2 pending refund, 3 processing, 4 cancelled, 5 completed, 6 pending
    /// payment, 9 to be confirmed, 10 to be shipped, 11 to be received, 12 awaiting pickup,
    /// 13 being replaced.
    pub enum OrderStatus: int {
        PendingReview = 1,
        PendingRefund = 2,
        Processing = 3,
        Cancelled = 4,
        Completed = 5,
        PendingPayment = 6,
        ToConfirm = 9,
        ToShip = 10,
        ToReceive = 11,
        AwaitingPickup = 12,
        Replacing = 13,
    }
}

coded_enum! {
    /// 1 new purchase, 2 renewal, 3 change, 4 unsubscription, 10 yearly/monthly to pay-per-use,
    /// 11 pay-per-use to yearly/monthly, 13 trial, 14 trial to commercial, 15 fee adjustment.
    pub enum OrderType: int {
        New = 1,
        Renew = 2,
        Change = 3,
        Unsubscribe = 4,
        ToPayPerUse = 10,
        ToYearlyMonthly = 11,
        Trial = 13,
        TrialToCommercial = 14,
        FeeAdjustment = 15,
    }
}

coded_enum! {
    /// 0 promotion, 1 contract, 2 business, 3 partner-granted, 609 order price adjustment.
    pub enum DiscountType: int {
        Promotion = 0,
        Contract = 1,
        Business = 2,
        Partner = 3,
        PriceAdjustment = 609,
    }
}

coded_enum! {
    /// 0 ratio (pay `value` of the price), 1 fixed price, 2 amount off.
    pub enum DiscountMode: int {
        Ratio = 0,
        FixedPrice = 1,
        AmountOff = 2,
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct OrderDiscount {
    pub id: String,
    pub discount_type: DiscountType,
    pub mode: DiscountMode,
    pub value: Decimal,
}

coded_enum! {
    /// Where a payment request to the partner stands: `PENDING`, `PAID` or `REJECTED`.
    pub enum AgentPayStatus: text {
        Pending = "PENDING",
        Paid = "PAID",
        Rejected = "REJECTED",
    }
}

coded_enum! {
    /// `-createTime` newest first (the default) or `createTime` oldest first.
    pub enum OrderSort: text {
        NewestFirst = "-createTime",
        OldestFirst = "createTime",
    }
}

coded_enum! {
    /// A partner lists its customers' orders (`sub_customer`, the default) or its own
    /// (`oneself`).
    pub enum OrdersOf: text {
        SubCustomers = "sub_customer",
        Oneself = "oneself",
    }
}

coded_enum! {
    /// 0 day, 1 week, 2 month, 3 year, 4 hour, 5 one-off.
    pub enum PeriodType: int {
        Day = 0,
        Week = 1,
        Month = 2,
        Year = 3,
        Hour = 4,
        OneOff = 5,
    }
}

coded_enum! {
    /// The order types an order can be created with: all but 4, since an unsubscription order
    /// comes only from a refund.
    pub enum CreatableOrderType: int {
        New = 1,
        Renew = 2,
        Change = 3,
        ToPayPerUse = 10,
        ToYearlyMonthly = 11,
        Trial = 13,
        TrialToCommercial = 14,
        FeeAdjustment = 15,
    }
}

impl From<CreatableOrderType> for OrderType {
    fn from(t: CreatableOrderType) -> Self {
        use crate::code::Coded;
        OrderType::from_int(t.int()).unwrap_or(OrderType::New)
    }
}

/// Who paid an order: the customer itself, or its partner on its behalf (S19).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Payer {
    Customer(String),
    Partner(String),
}

/// A customer's request that its partner pay the order, and the partner's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentPay {
    pub status: AgentPayStatus,
    pub reject_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order {
    pub id: String,
    pub customer_id: String,
    /// The customer's partner when the order was created.
    pub partner_id: Option<String>,
    pub service_type_code: String,
    pub service_type_name: Option<String>,
    pub source_type: i32,
    pub status: OrderStatus,
    pub order_type: OrderType,
    pub official: Money,
    /// The price after line discounts, before order discounts and coupons.
    pub amount: Money,
    pub discount: Money,
    pub coupons: Money,
    pub cash_paid: Money,
    pub credit_paid: Money,
    pub refunded: Money,
    pub payer: Option<Payer>,
    pub applied_discount_id: Option<String>,
    pub agent_pay: Option<AgentPay>,
    pub pending_payment_end_time: Option<i64>,
    pub create_time: i64,
    pub payment_time: Option<i64>,
    /// How many discounts the order offers (they are read only when there are some).
    pub discount_count: i32,
}

impl Order {
    /// What the order costs: its discount counts once the order is paid with it.
    pub fn amount_after_discount(&self) -> Money {
        if self.status == OrderStatus::Completed {
            self.amount
                .checked_sub(self.discount)
                .unwrap_or(self.amount)
        } else {
            self.amount
        }
    }

    /// Paid from balances, cash and credit together.
    pub fn paid_from_balances(&self) -> Money {
        self.cash_paid
            .checked_add(self.credit_paid)
            .unwrap_or(self.cash_paid)
    }

    /// The partner that paid, or was asked to pay.
    pub fn paying_agent(&self) -> Option<&str> {
        match (&self.payer, &self.agent_pay) {
            (Some(Payer::Partner(p)), _) => Some(p),
            (_, Some(_)) => self.partner_id.as_deref(),
            _ => None,
        }
    }

    pub fn paid_by_partner(&self) -> bool {
        matches!(self.payer, Some(Payer::Partner(_)))
    }

    /// The customer asked its partner to pay and the partner has not answered.
    pub fn awaits_partner(&self) -> bool {
        self.agent_pay
            .as_ref()
            .is_some_and(|a| a.status == AgentPayStatus::Pending)
    }
}

/// An order id that is not the caller's answers like one that does not exist.
pub fn not_yours() -> Violation {
    Violation::new(
        codes::ORDER_INVALID,
        "order_id does not name one of your orders",
    )
}

pub fn not_pending() -> Violation {
    Violation::new(
        codes::ORDER_STATUS_CHANGED,
        "the order is not pending payment",
    )
}

/// PayOrders: the customer pays itself unless it asked its partner to (S19).
pub fn customer_may_pay(o: &Order) -> Result<(), Violation> {
    if o.awaits_partner() {
        return Err(Violation::new(
            codes::PAYMENT_IN_PROGRESS,
            "the order awaits payment by your partner",
        ));
    }
    Ok(())
}

/// S19: only a resale customer may ask its partner to pay, and only a pending order.
pub fn may_ask_partner(association: Option<AssociationType>, o: &Order) -> Result<(), Violation> {
    if association != Some(AssociationType::Resale) {
        return Err(Violation::new(
            codes::NOT_RESALE_CUSTOMER,
            "only a resale customer may ask its partner to pay",
        ));
    }
    if o.status != OrderStatus::PendingPayment {
        return Err(not_pending());
    }
    Ok(())
}

/// A request to the partner that is open already (the conditional update found it so).
pub fn already_asked() -> Violation {
    Violation::new(
        codes::PAYMENT_IN_PROGRESS,
        "payment by your partner was already requested",
    )
}

/// The partner answers only a request its own customer made and that is still open.
pub fn not_asked_of_you() -> Violation {
    Violation::new(
        codes::NOT_FLAGGED_FOR_PARTNER_PAYMENT,
        "the order awaits no payment by you",
    )
}

/// Cancelling: only an order pending payment (the conditional update found it otherwise).
pub fn not_cancellable() -> Violation {
    Violation::new(
        codes::ORDER_NOT_CANCELLABLE,
        "only an order pending payment can be cancelled",
    )
}

/// Line discount ratios and ratio discounts: the share of the price paid, in (0, 1] with at
/// most [`RATIO_DECIMALS`] decimals.
pub const RATIO_DECIMALS: u32 = 6;

pub fn check_ratio(field: &str, d: Decimal) -> Result<Decimal, Violation> {
    if d <= Decimal::ZERO || d > Decimal::ONE || d.normalize().scale() > RATIO_DECIMALS {
        return Err(Violation::param(format!(
            "{field} must be in (0, 1] with at most {RATIO_DECIMALS} decimals"
        )));
    }
    Ok(d.normalize())
}

/// A line of a new order.
#[derive(Debug, Clone)]
pub struct NewLine {
    pub product_id: String,
    pub cloud_service_type: Option<String>,
    pub period_type: PeriodType,
    pub period_num: i32,
    pub subscription_num: i32,
    pub official: Money,
    pub discount_ratio: Option<Decimal>,
}

impl NewLine {
    /// The official price times the line's ratio.
    pub fn amount(&self) -> Money {
        self.official
            .mul_ratio(self.discount_ratio.unwrap_or(Decimal::ONE))
            .unwrap_or(self.official)
    }
}

/// An order to create, pending payment.
#[derive(Debug, Clone)]
pub struct NewOrder {
    pub customer_id: String,
    pub service_type_code: String,
    pub service_type_name: Option<String>,
    pub order_type: OrderType,
    pub pending_payment_end_time: Option<i64>,
    pub lines: Vec<NewLine>,
    pub discounts: Vec<OrderDiscount>,
}

impl NewOrder {
    /// A well-formed order that names one discount twice is a business refusal.
    pub fn check(&self) -> Result<(), Violation> {
        for (i, d) in self.discounts.iter().enumerate() {
            if self.discounts.iter().take(i).any(|x| x.id == d.id) {
                return Err(Violation::new(
                    codes::DISCOUNT_REPEATED,
                    format!("discounts[{i}].discount_id repeats a discount"),
                ));
            }
        }
        Ok(())
    }

    pub fn official(&self) -> Money {
        Money::from_cents(self.lines.iter().map(|l| l.official.cents()).sum())
    }

    pub fn amount(&self) -> Money {
        Money::from_cents(self.lines.iter().map(|l| l.amount().cents()).sum())
    }
}

/// One line of an order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderLine {
    pub id: String,
    pub order_id: String,
    pub product_id: String,
    pub cloud_service_type: Option<String>,
    pub period_type: PeriodType,
    pub period_num: i32,
    pub subscription_num: i32,
    pub official: Money,
    /// The share of the price paid (1 where none is given).
    pub discount_ratio: Option<Decimal>,
    pub amount: Money,
    pub effective_time: Option<i64>,
    pub expire_time: Option<i64>,
}

/// Money returned for an unsubscribed order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refund {
    pub id: String,
    pub order_id: String,
    pub customer_id: String,
    pub amount: Money,
    pub to_cash: Money,
    pub to_credit: Money,
    /// Who gets the money back: the order's payer.
    pub payer: Payer,
    pub create_time: i64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::code::Coded;

    fn order() -> Order {
        Order {
            id: "o".into(),
            customer_id: "c".into(),
            partner_id: Some("p".into()),
            service_type_code: "s".into(),
            service_type_name: None,
            source_type: 1,
            status: OrderStatus::PendingPayment,
            order_type: OrderType::New,
            official: Money::from_cents(1000),
            amount: Money::from_cents(1000),
            discount: Money::from_cents(100),
            coupons: Money::ZERO,
            cash_paid: Money::ZERO,
            credit_paid: Money::ZERO,
            refunded: Money::ZERO,
            payer: None,
            applied_discount_id: None,
            agent_pay: None,
            pending_payment_end_time: None,
            create_time: 0,
            payment_time: None,
            discount_count: 0,
        }
    }

    #[test]
    fn the_discount_counts_once_paid() {
        let mut o = order();
        assert_eq!(o.amount_after_discount(), Money::from_cents(1000));
        o.status = OrderStatus::Completed;
        assert_eq!(o.amount_after_discount(), Money::from_cents(900));
    }

    #[test]
    fn the_paying_agent_is_the_partner_that_paid_or_was_asked() {
        let mut o = order();
        assert_eq!(o.paying_agent(), None);
        o.agent_pay = Some(AgentPay {
            status: AgentPayStatus::Pending,
            reject_reason: None,
        });
        assert!(o.awaits_partner());
        assert_eq!(o.paying_agent(), Some("p"));
        o.payer = Some(Payer::Partner("q".into()));
        assert_eq!(o.paying_agent(), Some("q"));
        assert_eq!(OrderStatus::from_int(6), Some(OrderStatus::PendingPayment));
        // Every type but unsubscription, and each one an order type.
        let creatable: Vec<i64> = CreatableOrderType::ALL.iter().map(|t| t.int()).collect();
        let others: Vec<i64> = OrderType::ALL
            .iter()
            .filter(|t| **t != OrderType::Unsubscribe)
            .map(|t| t.int())
            .collect();
        assert_eq!(creatable, others);
    }
}
