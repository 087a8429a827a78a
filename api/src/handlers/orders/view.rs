//! The order as CustomerOrderV2/V3 models it, and the PayOrders body.

use super::fields;
use crate::wire::{self, WireAmount};
use domain::payment::PayRequest;
use domain::Money;
use persistence::repo::orders::OrderRow;
use serde::{Deserialize, Serialize};
use utoipa::openapi::{RefOr, Schema};
use utoipa::ToSchema;
use validator::Validate;

#[derive(Serialize, ToSchema)]
pub struct DiscountItem {
    /// The discount type as text (e.g. "3" partner-granted).
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
    /// `PENDING`, `PAID` or `REJECTED` (ours).
    agent_pay_status: Option<String>,
    reject_reason: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct CustomerOrder {
    order_id: String,
    customer_id: String,
    service_type_code: String,
    service_type_name: Option<String>,
    source_type: i32,
    /// 4 cancelled, 5 completed, 6 pending payment.
    status: i32,
    order_type: i32,
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

pub fn order(o: &OrderRow, user_name: Option<String>, discount_type: Option<i32>) -> CustomerOrder {
    let m = Money::from_cents;
    let paid = o.status == domain::payment::ORDER_COMPLETED;
    let after = if paid {
        o.amount_cents - o.discount_cents
    } else {
        o.amount_cents
    };
    let mut discounts = Vec::new();
    if let (Some(t), true) = (discount_type, o.discount_cents > 0) {
        discounts.push(DiscountItem {
            discount_type: t.to_string(),
            discount_amount: WireAmount(m(o.discount_cents)),
        });
    }
    if o.coupon_cents > 0 {
        discounts.push(DiscountItem {
            discount_type: "301".into(),
            discount_amount: WireAmount(m(o.coupon_cents)),
        });
    }
    CustomerOrder {
        order_id: o.id.clone(),
        customer_id: o.customer_id.clone(),
        service_type_code: o.service_type_code.clone(),
        service_type_name: o.service_type_name.clone(),
        source_type: o.source_type,
        status: o.status,
        order_type: o.order_type,
        amount_after_discount: WireAmount(m(after)),
        official_amount: WireAmount(m(o.official_cents)),
        measure_id: 1,
        create_time: wire::utc(o.create_time),
        payment_time: o.payment_time.map(wire::utc),
        currency: "CNY",
        contract_id: None,
        amount_info: AmountInfo {
            discounts,
            coupon_amount: WireAmount(m(o.coupon_cents)),
            flexipurchase_coupon_amount: WireAmount(Money::ZERO),
            stored_card_amount: WireAmount(Money::ZERO),
            commission_amount: WireAmount(Money::ZERO),
            consumed_amount: WireAmount(m(o.cash_paid_cents + o.credit_paid_cents)),
        },
        agent_pay_info: AgentPayInfo {
            paying_agent_id: match (o.payer_kind.as_deref(), &o.agent_pay_status) {
                (Some("partner"), _) => o.payer_id.clone(),
                (_, Some(_)) => o.partner_id.clone(),
                _ => None,
            },
            is_agent_pay: o.payer_kind.as_deref() == Some("partner"),
            agent_pay_status: o.agent_pay_status.clone(),
            reject_reason: o.agent_pay_reason.clone(),
        },
        pending_payment_end_time: o.pending_payment_end_time.map(wire::utc),
        user_name,
    }
}

#[derive(Deserialize, Serialize, Validate, ToSchema)]
pub struct CouponRef {
    #[validate(length(min = 1, max = 64))]
    #[schema(min_length = 1, max_length = 64, example = "CP2412040001")]
    pub id: String,
    /// 300 discount coupon, 301 voucher, 302 cash coupon, 303 stored-value card.
    #[schema(schema_with = fields::pay_coupon_type)]
    pub r#type: i32,
}

#[derive(Deserialize, Serialize, Validate, ToSchema)]
pub struct DiscountRef {
    #[validate(length(min = 1, max = 64))]
    #[schema(min_length = 1, max_length = 64, example = "DS2412040001")]
    pub id: String,
    /// 0 promotion, 2 business, 3 partner-granted, 609 order price adjustment.
    #[schema(example = 3)]
    pub r#type: i32,
}

#[derive(Deserialize, Serialize, Clone, Copy, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "UPPERCASE")]
pub enum YesNo {
    Yes,
    No,
}

/// PayOrders' options (the partner-payment body is the same without `order_id`).
#[derive(Deserialize, Validate, ToSchema)]
pub struct PayOptionFields {
    #[schema(schema_with = fields::yes_no)]
    pub use_coupon: Option<YesNo>,
    #[schema(schema_with = fields::yes_no)]
    pub use_discount: Option<YesNo>,
    /// At most 3; required exactly when use_coupon is YES.
    #[validate(length(max = 3), nested)]
    #[schema(max_items = 3, example = json!([{"id": "CP2412040001", "type": 301}]))]
    pub coupon_infos: Option<Vec<CouponRef>>,
    /// At most 1; required exactly when use_discount is YES.
    #[validate(length(max = 1), nested)]
    #[schema(max_items = 1, example = json!([{"id": "DS2412040001", "type": 3}]))]
    pub discount_infos: Option<Vec<DiscountRef>>,
}

/// PayOrders' options with the rules between them: `coupon_infos` exactly when `use_coupon`
/// is `YES`, `discount_infos` exactly when `use_discount` is `YES`.
#[derive(Deserialize)]
#[serde(transparent)]
pub struct PayOptions(pub PayOptionFields);

impl Validate for PayOptions {
    fn validate(&self) -> Result<(), validator::ValidationErrors> {
        self.0.validate()
    }
}

impl utoipa::PartialSchema for PayOptions {
    fn schema() -> RefOr<Schema> {
        fields::with_rules(PayOptionFields::schema(), pay_switches())
    }
}

impl ToSchema for PayOptions {
    fn schemas(out: &mut Vec<(String, RefOr<Schema>)>) {
        PayOptionFields::schemas(out);
    }
}

/// The coupon and discount switches of PayOrders and of a partner's payment.
pub fn pay_switches() -> [Schema; 2] {
    [
        fields::switch("use_coupon", "coupon_infos"),
        fields::switch("use_discount", "discount_infos"),
    ]
}

impl PayOptionFields {
    pub fn request(&self) -> Result<PayRequest, domain::Violation> {
        let r = PayRequest {
            use_coupon: self.use_coupon == Some(YesNo::Yes),
            coupons: self
                .coupon_infos
                .iter()
                .flatten()
                .map(|c| (c.id.clone(), c.r#type))
                .collect(),
            use_discount: self.use_discount == Some(YesNo::Yes),
            discounts: self
                .discount_infos
                .iter()
                .flatten()
                .map(|d| (d.id.clone(), d.r#type))
                .collect(),
        };
        domain::payment::check_request(&r)?;
        Ok(r)
    }
}
