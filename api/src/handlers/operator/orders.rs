//! `POST /v2/operator/orders` (an order pending payment) and
//! `POST /v2/operator/orders/{order_id}/unsubscribe` (refund to whoever paid).

use super::path_id;
use crate::auth::Caller;
use crate::extract::Json;
use crate::handlers::orders::fields;
use crate::idempotency::{self, IdempotencyKey};
use crate::service::{not_found, payment};
use crate::wire::DecimalInput;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{post, HttpRequest, HttpResponse};
use domain::payment::{CREATABLE_ORDER_TYPES, DISCOUNT_TYPES, ORDER_PENDING};
use domain::{codes, Amount, Money, Violation};
use persistence::ids;
use persistence::repo::customers;
use persistence::repo::orders::{self, DiscountRow, LineRow, OrderRow};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::openapi::{RefOr, Schema};
use utoipa::ToSchema;
use validator::Validate;

#[derive(Deserialize, Serialize, Validate, ToSchema)]
pub struct NewLine {
    #[validate(length(min = 1, max = 64))]
    #[schema(min_length = 1, max_length = 64, example = "ecs.s6.large.2")]
    product_id: String,
    #[validate(length(max = 64))]
    #[schema(max_length = 64, example = "hws.resource.type.vm")]
    cloud_service_type: Option<String>,
    /// 0 day, 1 week, 2 month, 3 year, 4 hour, 5 one-off.
    #[validate(range(min = 0, max = 5))]
    #[schema(minimum = 0, maximum = 5, example = 2)]
    period_type: i32,
    #[validate(range(min = 1, max = 1000))]
    #[schema(minimum = 1, maximum = 1000, example = 1)]
    period_num: i32,
    #[validate(range(min = 1, max = 10000))]
    #[schema(minimum = 1, maximum = 10000, example = 1)]
    subscription_num: Option<i32>,
    /// > 0, at most 2 decimals.
    official_amount: DecimalInput,
    /// Share of the official price paid, in (0, 1]; default 1.
    #[schema(schema_with = fields::optional_ratio)]
    discount_ratio: Option<DecimalInput>,
}

#[derive(Deserialize, Serialize, Validate, ToSchema)]
pub struct NewDiscountFields {
    #[validate(length(min = 1, max = 64))]
    #[schema(min_length = 1, max_length = 64, example = "DS2412040001")]
    discount_id: String,
    /// 0 promotion, 1 contract, 2 business, 3 partner-granted, 609 price adjustment.
    #[schema(schema_with = fields::discount_type)]
    discount_type: i32,
    /// 0 ratio (default), 1 fixed price, 2 amount off.
    #[validate(range(min = 0, max = 2))]
    #[schema(schema_with = fields::discount_mode)]
    discount_mode: Option<i32>,
    /// Ratio in (0, 1] for mode 0; an amount (≥ 0, 2 decimals) otherwise.
    #[schema(schema_with = fields::discount_value)]
    discount_value: DecimalInput,
}

/// An order discount; what `discount_value` holds depends on `discount_mode`.
#[derive(Deserialize, Serialize)]
#[serde(transparent)]
pub struct NewDiscount(NewDiscountFields);

impl Validate for NewDiscount {
    fn validate(&self) -> Result<(), validator::ValidationErrors> {
        self.0.validate()
    }
}

impl utoipa::PartialSchema for NewDiscount {
    fn schema() -> RefOr<Schema> {
        fields::with_rules(
            NewDiscountFields::schema(),
            [fields::discount_value_by_mode()],
        )
    }
}

impl ToSchema for NewDiscount {
    fn schemas(out: &mut Vec<(String, RefOr<Schema>)>) {
        NewDiscountFields::schemas(out);
    }
}

#[derive(Deserialize, Validate, ToSchema)]
pub struct NewOrder {
    #[validate(length(min = 1, max = 64))]
    #[schema(
        min_length = 1,
        max_length = 64,
        example = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
    )]
    customer_id: String,
    #[validate(length(min = 1, max = 64))]
    #[schema(min_length = 1, max_length = 64, example = "hws.service.type.ec2")]
    service_type_code: String,
    #[validate(length(max = 128))]
    #[schema(max_length = 128, example = "Elastic Cloud Server")]
    service_type_name: Option<String>,
    /// Default 1 (new purchase).
    #[schema(schema_with = fields::creatable_order_type)]
    order_type: Option<i32>,
    /// UTC `yyyy-MM-ddTHH:mm:ssZ`; after it the order can no longer be paid.
    #[schema(schema_with = fields::optional_utc_time)]
    pending_payment_end_time: Option<String>,
    #[validate(length(min = 1, max = 100), nested)]
    #[schema(min_items = 1, max_items = 100, example = json!([{"product_id": "ecs.s6.large.2", "period_type": 2, "period_num": 1, "official_amount": "100.00", "discount_ratio": "0.85"}]))]
    order_line_items: Vec<NewLine>,
    #[validate(length(max = 10), nested)]
    #[schema(max_items = 10, example = json!([{"discount_id": "DS2412040001", "discount_type": 3, "discount_mode": 0, "discount_value": "0.9"}]))]
    discounts: Option<Vec<NewDiscount>>,
}

/// The order created, named `Order` in the document: its id and customer, which the links
/// to the order's details, payment and refund read.
#[derive(Serialize, ToSchema)]
#[schema(as = Order)]
pub struct CreatedOrder {
    order_id: String,
    customer_id: String,
}

/// An amount > 0 that may be left out or `null`.
fn optional_positive_amount() -> utoipa::openapi::schema::Object {
    fields::nullable(crate::schemas::positive_amount())
}

fn ratio(field: &str, d: Decimal) -> Result<Decimal, ApiError> {
    if d <= Decimal::ZERO || d > Decimal::ONE || d.scale() > 6 {
        return Err(ApiError::param(format!(
            "{field} must be in (0, 1] with at most 6 decimals"
        )));
    }
    Ok(d.normalize())
}

/// Creates an order pending payment (status 6); its amount is the lines' official amounts
/// times their discount ratios.
#[utoipa::path(tag = "operator", request_body = NewOrder, responses((status = 201, body = CreatedOrder, links(
    ("ShowCustomerOrderDetails" = (operation_id = "show_customer_order_details", parameters(("order_id" = "$response.body#/order_id")))),
    ("PayOrders" = (operation_id = "pay_orders", request_body = json!({"order_id": "$response.body#/order_id"}))),
)), (status = 404, description = "The customer does not exist.", body = openapi::ErrorBody)))]
#[post("/v2/operator/orders")]
pub async fn create_order(
    state: Data<AppState>,
    caller: Caller,
    body: Json<NewOrder>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let b = body.into_inner()?;
    let now = state.now();
    let order_type = b.order_type.unwrap_or(1);
    if !CREATABLE_ORDER_TYPES.contains(&order_type) {
        return Err(ApiError::param(
            "order_type must be 1, 2, 3, 10, 11, 13, 14 or 15",
        ));
    }
    let deadline = b
        .pending_payment_end_time
        .as_deref()
        .map(|s| wire::parse_utc("pending_payment_end_time", s))
        .transpose()?;
    let id = format!("CS{}", ids::prefixed("").to_uppercase());
    let customer_id = b.customer_id.clone();
    let mut lines = Vec::new();
    let (mut official, mut amount) = (0i64, 0i64);
    for (i, l) in b.order_line_items.iter().enumerate() {
        let price = Amount::from_decimal(l.official_amount.0)
            .map_err(|e| Violation::param(format!("order_line_items[{i}].official_amount {e}")))?;
        let r = l
            .discount_ratio
            .map(|d| ratio(&format!("order_line_items[{i}].discount_ratio"), d.0))
            .transpose()?;
        let after = price
            .money()
            .mul_ratio(r.unwrap_or(Decimal::ONE))
            .unwrap_or(price.money());
        official += price.cents();
        amount += after.cents();
        lines.push(LineRow {
            id: ids::new_id(),
            order_id: id.clone(),
            line_no: i32::try_from(i).unwrap_or(0),
            product_id: l.product_id.clone(),
            cloud_service_type: l.cloud_service_type.clone(),
            period_type: l.period_type,
            period_num: l.period_num,
            subscription_num: l.subscription_num.unwrap_or(1),
            official_cents: price.cents(),
            discount_ratio: r.map(|r| r.to_string()),
            amount_cents: after.cents(),
            effective_time: None,
            expire_time: None,
        });
    }
    let mut discounts: Vec<DiscountRow> = Vec::new();
    for (i, d) in b.discounts.iter().flatten().map(|d| &d.0).enumerate() {
        if !DISCOUNT_TYPES.contains(&d.discount_type) {
            return Err(ApiError::param(format!(
                "discounts[{i}].discount_type must be 0, 1, 2, 3 or 609"
            )));
        }
        let mode = d.discount_mode.unwrap_or(0);
        let value = if mode == 0 {
            ratio(
                &format!("discounts[{i}].discount_value"),
                d.discount_value.0,
            )?
        } else {
            domain::money::non_negative_from_decimal(d.discount_value.0)
                .map_err(|e| Violation::param(format!("discounts[{i}].discount_value {e}")))?
                .to_decimal()
        };
        // Well-formed, but names one discount twice: a business refusal.
        if discounts.iter().any(|x| x.discount_id == d.discount_id) {
            return Err(Violation::new(
                codes::DISCOUNT_REPEATED,
                format!("discounts[{i}].discount_id repeats a discount"),
            )
            .into());
        }
        discounts.push(DiscountRow {
            order_id: id.clone(),
            discount_id: d.discount_id.clone(),
            discount_type: d.discount_type,
            discount_mode: mode,
            discount_value: value.to_string(),
        });
    }
    let order = OrderRow {
        id: id.clone(),
        customer_id: b.customer_id.clone(),
        partner_id: None,
        service_type_code: b.service_type_code.clone(),
        service_type_name: b.service_type_name.clone(),
        source_type: 1,
        status: ORDER_PENDING,
        order_type,
        official_cents: official,
        amount_cents: amount,
        discount_cents: 0,
        coupon_cents: 0,
        cash_paid_cents: 0,
        credit_paid_cents: 0,
        refunded_cents: 0,
        payer_kind: None,
        payer_id: None,
        applied_discount_id: None,
        agent_pay_status: None,
        agent_pay_reason: None,
        pending_payment_end_time: deadline,
        create_time: now,
        payment_time: None,
        discount_count: 0,
    };
    state
        .write(move |conn| {
            let c =
                customers::find(conn, &order.customer_id)?.ok_or_else(|| not_found("customer"))?;
            let mut o = order.clone();
            o.partner_id = c.partner_id;
            Ok(orders::insert(conn, &o, &lines, &discounts)?)
        })
        .await?;
    Ok(wire::json(
        StatusCode::CREATED,
        &CreatedOrder {
            order_id: id,
            customer_id,
        },
    ))
}

#[derive(Deserialize, Validate, ToSchema)]
pub struct UnsubscribeRequest {
    /// Default: everything paid and not yet refunded.
    #[schema(schema_with = optional_positive_amount)]
    refund_amount: Option<DecimalInput>,
}

#[derive(Serialize, ToSchema)]
pub struct Unsubscribed {
    refund_order_id: String,
    refund_amount: crate::wire::WireAmount,
}

/// Unsubscribes a paid order: the money returns to the accounts that paid, in the
/// proportions paid, as REFUND rows.
#[utoipa::path(tag = "operator", params(("order_id" = String, Path, example = "CS2412041234ABCD"), ("Idempotency-Key" = Option<String>, Header, example = "9f2c1e7a-unsubscribe-0001")), request_body = UnsubscribeRequest, responses((status = 200, body = Unsubscribed, links(
    ("ShowRefundOrderDetails" = (operation_id = "show_refund_order_details", parameters(("order_id" = "$request.path.order_id")))),
)), (status = 404, body = openapi::ErrorBody), (status = 409, description = "The Idempotency-Key was used with another request, or is still in progress (CBC.0260).", body = openapi::ErrorBody)))]
#[post("/v2/operator/orders/{order_id}/unsubscribe")]
pub async fn unsubscribe(
    state: Data<AppState>,
    caller: Caller,
    key: IdempotencyKey,
    req: HttpRequest,
    order_id: Path<String>,
    body: Json<UnsubscribeRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let id = path_id(&order_id)?.to_owned();
    let b = body.into_inner()?;
    let amount = b
        .refund_amount
        .map(|d| {
            Amount::from_decimal(d.0)
                .map(Amount::money)
                .map_err(|e| Violation::param(format!("refund_amount {e}")))
        })
        .transpose()?;
    let now = state.now();
    idempotency::once(&state, &caller, &key, &req, StatusCode::OK, move |conn| {
        let r = payment::refund(conn, &id, amount, now)?;
        Ok(Unsubscribed {
            refund_order_id: r.id,
            refund_amount: crate::wire::WireAmount(Money::from_cents(r.amount_cents)),
        })
    })
    .await
}
