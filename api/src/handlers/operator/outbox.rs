//! `GET /v2/operator/outbox`: the messages to people (SMS verification codes, e-mail notices)
//! and where their delivery stands. A channel with no sender configured (no `BSS_SMTP_URL`,
//! no SMS gateway) keeps its messages here, shown `UNSENT` with the reason: then this is how
//! codes reach people.

use crate::auth::Caller;
use crate::extract::LegacyQuery as Query;
use crate::service::channel::outbox;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{get, HttpRequest, HttpResponse};
use domain::outbox::{shown, DeliveryStatus};
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
    /// `VERIFICATION_CODE`, `CUSTOMER_INVITATION`, `RESELLER_INVITATION`, `PAYMENT_REQUEST`
    /// or `WEBHOOK_DISABLED`.
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
    /// E-mail only.
    subject: Option<String>,
    /// The full text (an e-mail's plain-text part), codes included.
    content: String,
    created_on: String,
    /// `PENDING` (waiting for its next attempt), `SENT`, `FAILED` (given up after the last
    /// retry) or `UNSENT` (no sender for its channel: `unsent_reason` says why).
    #[schema(example = "PENDING")]
    status: DeliveryState,
    unsent_reason: Option<&'static str>,
    /// Attempts so far.
    attempts: i32,
    /// UTC; while `PENDING`.
    next_attempt_time: Option<String>,
    /// A short reason of the last failed attempt, without credentials.
    last_error: Option<String>,
    /// UTC, when the SMTP server or gateway took it.
    sent_time: Option<String>,
}

#[derive(Serialize, ToSchema, Clone, Copy)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DeliveryState {
    Pending,
    Sent,
    Failed,
    Unsent,
}

impl From<DeliveryStatus> for DeliveryState {
    fn from(s: DeliveryStatus) -> Self {
        match s {
            DeliveryStatus::Pending => Self::Pending,
            DeliveryStatus::Sent => Self::Sent,
            DeliveryStatus::Failed => Self::Failed,
            DeliveryStatus::Unsent => Self::Unsent,
        }
    }
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
    let channels = &state.config.outbox_channels;
    let messages = rows
        .into_iter()
        .map(|r| {
            let stored = DeliveryStatus::parse(&r.status).unwrap_or(DeliveryStatus::Unsent);
            let (status, unsent_reason) =
                shown(stored, &r.channel, channels.contains(&r.channel.as_str()));
            OutboxMessage {
                next_attempt_time: (status == DeliveryStatus::Pending)
                    .then(|| wire::utc(r.next_attempt_at)),
                status: status.into(),
                unsent_reason,
                attempts: r.attempts,
                last_error: r.last_error,
                sent_time: r.sent_at.map(wire::utc),
                message_id: r.id,
                channel: r.channel,
                recipient: r.recipient,
                purpose: r.purpose,
                subject: r.subject,
                content: r.content,
                created_on: wire::utc(r.created_at),
            }
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
