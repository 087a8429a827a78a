//! What the order operations are sent: PayOrders' body with its coupon and discount switches,
//! and the queries of the reads.

use crate::wire::codes::{self, AgentPayStatus, OrderSort, OrderStatus, OrderTypeText, OrdersOf};
use crate::wire::{CouponId, CustomerId, DiscountId, Limit, List, Offset, OrderId, PartnerId};
use crate::wire::{ServiceTypeCode, UtcTime};
use domain::payment::{PayRequest, MAX_COUPONS, MAX_DISCOUNTS};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// A coupon PayOrders uses: its id and the payment type of its coupon type
/// (`coupon_type` 2 → 300, 1 → 301, 4 → 302; 303 stored-value card).
#[derive(Deserialize, Serialize, ToSchema)]
pub struct CouponRef {
    pub id: CouponId,
    pub r#type: codes::PayCouponType,
}

/// An order discount PayOrders uses: its id and type as ListOrderDiscounts shows them.
#[derive(Deserialize, Serialize, ToSchema)]
pub struct DiscountRef {
    pub id: DiscountId,
    /// 0 promotion, 1 contract, 2 business, 3 partner-granted, 609 order price adjustment.
    #[schema(example = 3)]
    pub r#type: i64,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "UPPERCASE")]
pub enum YesNo {
    Yes,
    No,
}

#[derive(Serialize, ToSchema)]
#[schema(as = wire::Yes)]
pub enum Yes {
    #[serde(rename = "YES")]
    Yes,
}

#[derive(Serialize, ToSchema)]
#[schema(as = wire::No)]
pub enum No {
    #[serde(rename = "NO")]
    No,
}

/// Declares PayOrders' switch between using a list and not: `$list` is given (1 to `$max`
/// items) exactly when `$flag` is `YES`.
macro_rules! switch {
    ($(#[doc = $doc:literal])* $name:ident, $flag:ident, $list:ident, $item:ty, $max:expr) => {
        $(#[doc = $doc])*
        #[derive(ToSchema)]
        #[serde(untagged)]
        pub enum $name {
            On {
                $flag: Yes,
                $list: List<$item, 1, { $max }>,
            },
            Off {
                $flag: Option<No>,
                $list: Option<List<$item, 0, 0>>,
            },
        }

        impl $name {
            fn new(flag: Option<YesNo>, items: Option<Vec<$item>>) -> Result<Self, String> {
                let items = items.unwrap_or_default();
                match (flag == Some(YesNo::Yes), items.is_empty()) {
                    (true, false) => Ok($name::On {
                        $flag: Yes::Yes,
                        $list: List::new(items)
                            .map_err(|e| format!("{} {e}", stringify!($list)))?,
                    }),
                    (false, true) => Ok($name::Off {
                        $flag: None,
                        $list: None,
                    }),
                    _ => Err(format!(
                        "{} must be given exactly when {} is YES",
                        stringify!($list),
                        stringify!($flag)
                    )),
                }
            }

            fn items(&self) -> &[$item] {
                match self {
                    $name::On { $list, .. } => $list.as_slice(),
                    $name::Off { .. } => &[],
                }
            }
        }
    };
}

switch!(/// Coupons: `coupon_infos` exactly when `use_coupon` is `YES`.
    CouponChoice, use_coupon, coupon_infos, CouponRef, MAX_COUPONS);
switch!(/// The order discount: `discount_infos` exactly when `use_discount` is `YES`.
    DiscountChoice, use_discount, discount_infos, DiscountRef, MAX_DISCOUNTS);

/// PayOrders' fields as sent, before the switches are judged (a partner's payment sends the
/// same without `order_id`). Read as one flat object: numbers inside a flattened part would
/// lose their exact form.
#[derive(Deserialize)]
pub struct PayFields {
    order_id: Option<OrderId>,
    use_coupon: Option<YesNo>,
    coupon_infos: Option<Vec<CouponRef>>,
    use_discount: Option<YesNo>,
    discount_infos: Option<Vec<DiscountRef>>,
}

/// How to pay: coupons and a discount (the partner's payment body, and PayOrders without
/// `order_id`).
#[derive(Deserialize, ToSchema)]
#[serde(try_from = "PayFields")]
pub struct PayOptions {
    #[serde(flatten)]
    coupons: CouponChoice,
    #[serde(flatten)]
    discount: DiscountChoice,
}

impl TryFrom<PayFields> for PayOptions {
    type Error = String;

    fn try_from(f: PayFields) -> Result<Self, String> {
        Ok(PayOptions {
            coupons: CouponChoice::new(f.use_coupon, f.coupon_infos)?,
            discount: DiscountChoice::new(f.use_discount, f.discount_infos)?,
        })
    }
}

impl From<&PayOptions> for PayRequest {
    fn from(o: &PayOptions) -> Self {
        PayRequest {
            coupons: o
                .coupons
                .items()
                .iter()
                .map(|c| (c.id.as_str().to_owned(), c.r#type.get()))
                .collect(),
            discount: o
                .discount
                .items()
                .first()
                .map(|d| (d.id.as_str().to_owned(), d.r#type)),
        }
    }
}

/// PayOrders' body: the order and how to pay it.
#[derive(Deserialize, ToSchema)]
#[serde(try_from = "PayFields")]
pub struct PayOrdersBody {
    pub order_id: OrderId,
    #[serde(flatten)]
    pub options: PayOptions,
}

impl TryFrom<PayFields> for PayOrdersBody {
    type Error = String;

    fn try_from(mut f: PayFields) -> Result<Self, String> {
        let order_id = f
            .order_id
            .take()
            .ok_or_else(|| "missing field `order_id`".to_owned())?;
        Ok(PayOrdersBody {
            order_id,
            options: PayOptions::try_from(f)?,
        })
    }
}

crate::text_type!(/// A promotion plan's id.
    PromotionPlanId, 0..=domain::limits::ID, "PP2412040001");
crate::text_type!(/// The id of the source that granted a coupon.
    SourceId, 0..=domain::limits::ID, "SRC2412040001");
crate::text_type!(/// Why the partner declines to pay.
    RejectReason, 1..=domain::limits::REASON, "Budget exhausted this month", free);

/// ListCustomerOrders' filters (paging: [`crate::wire::PageQuery`]).
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrdersQuery {
    /// Case-insensitive.
    pub order_id: Option<OrderId>,
    pub customer_id: Option<CustomerId>,
    /// With `create_time_end`: in order and at most one year apart (`CBC.99100066`).
    pub create_time_begin: Option<UtcTime>,
    pub create_time_end: Option<UtcTime>,
    pub payment_time_begin: Option<UtcTime>,
    pub payment_time_end: Option<UtcTime>,
    pub service_type_code: Option<ServiceTypeCode>,
    pub status: Option<OrderStatus>,
    pub order_type: Option<OrderTypeText>,
    pub order_by: Option<OrderSort>,
    /// For partners.
    pub method: Option<OrdersOf>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrderIdQuery {
    pub order_id: OrderId,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RefundsQuery {
    /// The unsubscription (refund) order's id, as unsubscribing answers it
    /// (`refund_order_id`); its record's `base_order_id` names the original order.
    pub order_id: OrderId,
    /// Required for partners (`CBC.99100067` without it): the order's customer.
    pub customer_id: Option<CustomerId>,
}

/// ListSubCustomerCoupons' filters (paging: [`crate::wire::PageQuery`]).
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CouponsQuery {
    pub coupon_id: Option<CouponId>,
    pub order_id: Option<OrderId>,
    pub promotion_plan_id: Option<PromotionPlanId>,
    pub coupon_type: Option<codes::CouponType>,
    pub status: Option<codes::CouponStatus>,
    pub active_start_time: Option<UtcTime>,
    pub active_end_time: Option<UtcTime>,
    pub source_id: Option<SourceId>,
}

/// The partner's list of payment requests (a POST body, paged within).
#[derive(Deserialize, ToSchema)]
pub struct RequestsQuery {
    /// Default `PENDING`.
    pub agent_pay_status: Option<AgentPayStatus>,
    pub customer_id: Option<CustomerId>,
    pub offset: Option<Offset>,
    pub limit: Option<Limit>,
    pub indirect_partner_id: Option<PartnerId>,
}

#[derive(Deserialize, ToSchema)]
pub struct RejectRequest {
    pub reason: RejectReason,
}

#[derive(Deserialize, ToSchema)]
pub struct CancelRequest {
    pub order_id: OrderId,
}
