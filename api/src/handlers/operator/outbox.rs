//! `GET /v2/operator/outbox`: the messages waiting for delivery (SMS verification codes,
//! invitation e-mails). With no real SMS or mail gateway, this is how codes reach people.

use crate::auth::Caller;
use crate::extract::LegacyQuery as Query;
use crate::service::channel::outbox;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{get, HttpRequest, HttpResponse};
use domain::paging::Page;
use persistence::repo::outbox::ListFilter;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

#[derive(Deserialize, Validate, IntoParams)]
pub struct OutboxQuery {
    /// Exact recipient: a mobile number or an e-mail address.
    #[validate(length(max = 256))]
    #[param(max_length = 256, example = "13800000000")]
    recipient: Option<String>,
    /// `VERIFICATION_CODE` or `CUSTOMER_INVITATION`.
    #[validate(length(max = 32))]
    #[param(max_length = 32, example = "VERIFICATION_CODE")]
    purpose: Option<String>,
    #[param(example = 0)]
    offset: Option<i64>,
    #[param(example = 10)]
    limit: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct OutboxMessage {
    message_id: String,
    /// `SMS` or `EMAIL`.
    channel: String,
    recipient: String,
    purpose: String,
    /// The full text, codes included.
    content: String,
    created_on: String,
}

#[derive(Serialize, ToSchema)]
pub struct ListOutboxResponse {
    total_count: i64,
    messages: Vec<OutboxMessage>,
}

/// Lists outbox messages, newest first.
#[utoipa::path(tag = "operator", params(OutboxQuery), responses((status = 200, body = ListOutboxResponse)))]
#[get("/v2/operator/outbox")]
pub async fn list_outbox(
    state: Data<AppState>,
    caller: Caller,
    q: Query<OutboxQuery>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    // This read hands out codes: a request it does not understand is refused, not guessed at.
    if !crate::extract::body::body_of(&req).await.is_empty() {
        return Err(ApiError::param(
            "GET /v2/operator/outbox takes no request body",
        ));
    }
    let q = q.into_inner()?;
    let page = Page::new(q.offset, q.limit)?;
    let (total, rows) = state
        .read(move |conn| {
            let f = ListFilter {
                recipient: q.recipient.as_deref(),
                purpose: q.purpose.as_deref(),
                offset: page.offset,
                limit: page.limit,
            };
            outbox::list(conn, &f)
        })
        .await?;
    let messages = rows
        .into_iter()
        .map(|r| OutboxMessage {
            message_id: r.id,
            channel: r.channel,
            recipient: r.recipient,
            purpose: r.purpose,
            content: r.content,
            created_on: wire::utc(r.created_at),
        })
        .collect();
    Ok(wire::json(
        StatusCode::OK,
        &ListOutboxResponse {
            total_count: total,
            messages,
        },
    ))
}
