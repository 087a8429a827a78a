//! PayOrders: `POST /v3/orders/customer-orders/pay` (customer identity only).

use super::fields;
use super::view::{pay_switches, CouponRef, DiscountRef, PayOptionFields, YesNo};
use crate::auth::Caller;
use crate::extract::Json;
use crate::idempotency::{self, IdempotencyKey};
use crate::service::Failure;
use crate::service::{orders, payment};
use crate::{ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{post, HttpRequest, HttpResponse};
use domain::{codes, Violation};
use serde::Deserialize;
use utoipa::openapi::{RefOr, Schema};
use utoipa::ToSchema;
use validator::Validate;

#[derive(Deserialize, Validate, ToSchema)]
pub struct PayOrdersFields {
    #[validate(length(min = 1, max = 64))]
    #[schema(min_length = 1, max_length = 64, example = "CS2412041234ABCD")]
    order_id: String,
    #[schema(schema_with = fields::yes_no)]
    use_coupon: Option<YesNo>,
    #[schema(schema_with = fields::yes_no)]
    use_discount: Option<YesNo>,
    /// At most 3; required exactly when use_coupon is YES.
    #[validate(length(max = 3), nested)]
    #[schema(max_items = 3, example = json!([{"id": "CP2412040001", "type": 301}]))]
    coupon_infos: Option<Vec<CouponRef>>,
    /// At most 1; required exactly when use_discount is YES.
    #[validate(length(max = 1), nested)]
    #[schema(max_items = 1, example = json!([{"id": "DS2412040001", "type": 3}]))]
    discount_infos: Option<Vec<DiscountRef>>,
}

/// PayOrders' body with the rules between its fields (see [`PayOptions`](super::view::PayOptions)).
#[derive(Deserialize)]
#[serde(transparent)]
pub struct PayOrdersBody(PayOrdersFields);

impl Validate for PayOrdersBody {
    fn validate(&self) -> Result<(), validator::ValidationErrors> {
        self.0.validate()
    }
}

impl utoipa::PartialSchema for PayOrdersBody {
    fn schema() -> RefOr<Schema> {
        fields::with_rules(PayOrdersFields::schema(), pay_switches())
    }
}

impl ToSchema for PayOrdersBody {
    fn schemas(out: &mut Vec<(String, RefOr<Schema>)>) {
        PayOrdersFields::schemas(out);
    }
}

/// Pays a pending order: coupons and a discount first, then cash, then credit. Nothing is
/// debited unless everything can be.
#[utoipa::path(tag = "orders", params(("Idempotency-Key" = Option<String>, Header, example = "5b0f7c9e-2d4a-4f7e-9a61-3c2e8d1f0a42")), request_body = PayOrdersBody, responses((status = 204, description = "paid", links(
    ("ShowCustomerOrderDetails" = (operation_id = "show_customer_order_details", parameters(("order_id" = "$request.body#/order_id")))),
    ("Unsubscribe" = (operation_id = "unsubscribe", parameters(("order_id" = "$request.body#/order_id")))),
)), (status = 409, body = openapi::ErrorBody)))]
#[post("/v3/orders/customer-orders/pay")]
pub async fn pay_orders(
    state: Data<AppState>,
    caller: Caller,
    key: IdempotencyKey,
    req: HttpRequest,
    body: Json<PayOrdersBody>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.customer()?.clone();
    let b = body.into_inner()?.0;
    let options = PayOptionFields {
        use_coupon: b.use_coupon,
        use_discount: b.use_discount,
        coupon_infos: b.coupon_infos,
        discount_infos: b.discount_infos,
    };
    let request = options.request()?;
    let principal = caller.principal.clone();
    let now = state.now();
    idempotency::once(
        &state,
        &caller,
        &key,
        &req,
        StatusCode::NO_CONTENT,
        move |conn| {
            let order = orders::visible(conn, &principal, &b.order_id, None)?;
            if order.agent_pay_status.as_deref() == Some("PENDING") {
                return Err(Failure::Refused(Violation::new(
                    codes::PAYMENT_IN_PROGRESS,
                    "the order awaits payment by your partner",
                )));
            }
            payment::pay(
                conn,
                &order,
                payment::Payer::Customer(&me.customer_id),
                &request,
                now,
            )
        },
    )
    .await
}
