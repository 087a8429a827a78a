//! `POST /v2/operator/orders`: an order pending payment, for the flows to run end to end.

use super::input::NewOrderBody;
use crate::auth::Caller;
use crate::extract::Json;
use crate::service::orders::create;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{post, HttpResponse};
use domain::orders::NewOrder;
use serde::Serialize;
use utoipa::ToSchema;

/// The order created, named `Order` in the document: its id and customer, which the links
/// to the order's details, payment and refund read.
#[derive(Serialize, ToSchema)]
#[schema(as = Order)]
pub struct CreatedOrder {
    order_id: String,
    customer_id: String,
}

/// Creates an order pending payment (status 6); its amount is the lines' official amounts
/// times their discount ratios.
#[utoipa::path(tag = "operator", request_body = NewOrderBody, responses((status = 201, body = CreatedOrder, links(
    ("ShowCustomerOrderDetails" = (operation_id = "show_customer_order_details", parameters(("order_id" = "$response.body#/order_id")))),
    ("PayOrders" = (operation_id = "pay_orders", request_body = json!({"order_id": "$response.body#/order_id"}))),
)), (status = 404, description = "The customer does not exist.", body = openapi::ErrorBody)))]
#[post("/v2/operator/orders")]
pub async fn create_order(
    state: Data<AppState>,
    caller: Caller,
    body: Json<NewOrderBody>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let new = NewOrder::from(body.into_inner()?);
    let (customer_id, now) = (new.customer_id.clone(), state.now());
    let order_id = state
        .write(move |conn| create::create(conn, &new, now))
        .await?;
    let created = CreatedOrder {
        order_id,
        customer_id,
    };
    Ok(wire::json(StatusCode::CREATED, &created))
}
