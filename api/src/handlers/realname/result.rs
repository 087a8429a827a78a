//! ShowRealnameAuthenticationReviewResult: `GET /v2/customers/realname-auths/result`.

use super::filer;
use super::input::ResultQuery;
use super::json::ReviewResultResponse;
use crate::auth::Caller;
use crate::extract::Query;
use crate::service::realname;
use crate::{wire, ApiError, AppState};
use actix_web::web::Data;
use actix_web::{get, HttpResponse};

/// The review result of the customer's newest application: 0 under review, 1 rejected (with
/// the operator's `opinion`), 2 approved; an empty object when it has filed none.
#[utoipa::path(tag = "customers", params(ResultQuery), responses((status = 200, body = ReviewResultResponse)))]
#[get("/v2/customers/realname-auths/result")]
pub async fn show_realname_authentication_review_result(
    state: Data<AppState>,
    caller: Caller,
    query: Query<ResultQuery>,
) -> Result<HttpResponse, ApiError> {
    let partner_id = filer(&caller)?;
    let customer_id = query.into_inner()?.customer_id.into_inner();
    let app = state
        .read(move |conn| realname::result(conn, &partner_id, &customer_id))
        .await?;
    Ok(wire::ok(&ReviewResultResponse::from(app.as_ref())))
}
