//! S19: the partner declines to pay; the customer may then pay the order itself:
//! `POST /v2/partners/sub-customers/orders/{order_id}/reject`.

use super::input::RejectRequest;
use crate::auth::Caller;
use crate::extract::{Json, Path};
use crate::service::orders::partner_payment;
use crate::wire::OrderId;
use crate::{ApiError, AppState};
use actix_web::web::Data;
use actix_web::{post, HttpResponse};
use domain::identity::Role;

/// The partner declines to pay, with a reason the customer sees.
#[utoipa::path(tag = "orders", params(("order_id" = OrderId, Path)), request_body = RejectRequest, responses((status = 204, description = "rejected")))]
#[post("/v2/partners/sub-customers/orders/{order_id}/reject")]
pub async fn partner_reject(
    state: Data<AppState>,
    caller: Caller,
    order_id: Path<OrderId>,
    body: Json<RejectRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.partner_with(&[Role::Finance])?;
    let (b, id) = (body.into_inner()?, order_id.into_inner()?);
    let who = caller.principal.clone();
    let now = state.now();
    state
        .write(move |conn| partner_payment::reject(conn, &who, id.as_str(), b.reason.as_str(), now))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
