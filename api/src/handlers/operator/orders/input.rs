//! What the operator sends to create and unsubscribe orders.

use crate::wire::codes::{CreatableOrderType, DiscountType, PeriodType};
use crate::wire::{Amount, AmountOrZero, Code, CustomerId, DiscountId, Int, List, ProductId};
use crate::wire::{Ratio, ServiceTypeCode, UtcTime};
use domain::code::Coded;
use domain::orders::{NewLine, NewOrder, OrderType};
use domain::payment::{DiscountMode, OrderDiscount};
use serde::Deserialize;
use utoipa::ToSchema;

crate::text_type!(/// The service type's name.
    ServiceTypeName, 0..=domain::limits::NAME, "Elastic Cloud Server");
crate::text_type!(/// The line's cloud service (resource) type.
    CloudServiceType, 0..=domain::limits::ID, "hws.resource.type.vm");

#[derive(Deserialize, ToSchema)]
pub struct NewLineBody {
    product_id: ProductId,
    cloud_service_type: Option<CloudServiceType>,
    period_type: PeriodType,
    period_num: Int<1, 1000>,
    subscription_num: Option<Int<1, 10000>>,
    official_amount: Amount,
    /// Share of the official price paid; default 1.
    discount_ratio: Option<Ratio>,
}

domain::coded_enum! {
    /// 0 ratio: `discount_value` is the share of the price paid.
    pub enum RatioMode: int { Ratio = 0 }
}

domain::coded_enum! {
    /// 1 fixed price, 2 amount off: `discount_value` is an amount.
    pub enum AmountMode: int { FixedPrice = 1, AmountOff = 2 }
}

type RatioModeCode = Code<RatioMode>;
type AmountModeCode = Code<AmountMode>;

/// What `discount_value` holds depends on `discount_mode`.
#[derive(ToSchema)]
#[serde(untagged)]
pub enum DiscountValue {
    /// Mode 0, the default.
    Ratio {
        discount_mode: Option<RatioModeCode>,
        discount_value: Ratio,
    },
    Amount {
        discount_mode: AmountModeCode,
        discount_value: AmountOrZero,
    },
}

/// The discount as sent, before its value is read by its mode.
#[derive(Deserialize)]
pub struct NewDiscountFields {
    discount_id: DiscountId,
    discount_type: DiscountType,
    discount_mode: Option<Code<DiscountMode>>,
    discount_value: serde_json::Value,
}

/// An order discount.
#[derive(Deserialize, ToSchema)]
#[serde(try_from = "NewDiscountFields")]
pub struct NewDiscountBody {
    discount_id: DiscountId,
    discount_type: DiscountType,
    #[serde(flatten)]
    value: DiscountValue,
}

impl TryFrom<NewDiscountFields> for NewDiscountBody {
    type Error = String;

    fn try_from(f: NewDiscountFields) -> Result<Self, String> {
        let named = |e: serde_json::Error| format!("discount_value {e}");
        let value = match f.discount_mode.map_or(DiscountMode::Ratio, Code::get) {
            DiscountMode::Ratio => DiscountValue::Ratio {
                discount_mode: None,
                discount_value: serde_json::from_value(f.discount_value).map_err(named)?,
            },
            m => DiscountValue::Amount {
                discount_mode: Code(AmountMode::from_int(m.int()).unwrap_or(AmountMode::AmountOff)),
                discount_value: serde_json::from_value(f.discount_value).map_err(named)?,
            },
        };
        Ok(NewDiscountBody {
            discount_id: f.discount_id,
            discount_type: f.discount_type,
            value,
        })
    }
}

impl From<&NewDiscountBody> for OrderDiscount {
    fn from(d: &NewDiscountBody) -> Self {
        let (mode, value) = match &d.value {
            DiscountValue::Ratio { discount_value, .. } => (DiscountMode::Ratio, discount_value.0),
            DiscountValue::Amount {
                discount_mode,
                discount_value,
            } => (
                DiscountMode::from_int(discount_mode.get().int())
                    .unwrap_or(DiscountMode::AmountOff),
                discount_value.0.to_decimal(),
            ),
        };
        OrderDiscount {
            id: d.discount_id.as_str().to_owned(),
            discount_type: d.discount_type.get(),
            mode,
            value,
        }
    }
}

#[derive(Deserialize, ToSchema)]
pub struct NewOrderBody {
    customer_id: CustomerId,
    service_type_code: ServiceTypeCode,
    service_type_name: Option<ServiceTypeName>,
    /// Default 1 (new purchase); an unsubscription order comes only from a refund.
    order_type: Option<CreatableOrderType>,
    /// After it the order can no longer be paid.
    pending_payment_end_time: Option<UtcTime>,
    order_line_items: List<NewLineBody, 1, 100>,
    discounts: Option<List<NewDiscountBody, 0, 10>>,
}

impl From<NewOrderBody> for NewOrder {
    fn from(b: NewOrderBody) -> Self {
        let order_type = b.order_type.map_or(OrderType::New, |t| t.get().into());
        NewOrder {
            customer_id: b.customer_id.into_inner(),
            service_type_code: b.service_type_code.into_inner(),
            service_type_name: b.service_type_name.map(String::from),
            order_type,
            pending_payment_end_time: b.pending_payment_end_time.map(UtcTime::unix),
            lines: b
                .order_line_items
                .iter()
                .map(|l| NewLine {
                    product_id: l.product_id.as_str().to_owned(),
                    cloud_service_type: l.cloud_service_type.clone().map(String::from),
                    period_type: l.period_type.get(),
                    period_num: l.period_num.get_i32(),
                    subscription_num: l.subscription_num.map_or(1, Int::get_i32),
                    official: l.official_amount.0.money(),
                    discount_ratio: l.discount_ratio.map(|r| r.0),
                })
                .collect(),
            discounts: b
                .discounts
                .iter()
                .flatten()
                .map(OrderDiscount::from)
                .collect(),
        }
    }
}

#[derive(Deserialize, ToSchema)]
pub struct UnsubscribeBody {
    /// Default: everything paid and not yet refunded.
    pub refund_amount: Option<Amount>,
}
