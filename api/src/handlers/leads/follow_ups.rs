//! `POST` and `GET /v2/partners/leads/{lead_id}/follow-ups`.

use super::lead_id;
use crate::auth::Caller;
use crate::extract::{LegacyJson as Json, LegacyQuery as Query};
use crate::handlers::channel::SALES;
use crate::handlers::programs::ListQuery;
use crate::service::leads;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{get, post, HttpResponse};
use persistence::repo::leads::{self as repo, FollowUpRow};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

#[derive(Serialize, ToSchema)]
pub struct FollowUpView {
    follow_up_id: String,
    lead_id: String,
    /// `NOTE` or `OUTBOUND_CALL`.
    #[schema(example = "NOTE")]
    kind: String,
    content: Option<String>,
    /// The partner user who recorded it.
    user_id: String,
    create_time: String,
}

impl From<FollowUpRow> for FollowUpView {
    fn from(f: FollowUpRow) -> Self {
        FollowUpView {
            follow_up_id: f.id,
            lead_id: f.lead_id,
            kind: f.kind,
            content: f.content,
            user_id: f.user_id,
            create_time: wire::utc(f.created_at),
        }
    }
}

#[derive(Deserialize, Validate, ToSchema)]
#[schema(example = json!({"content": "Sent the price list; demo on Friday"}))]
pub struct FollowUpRequest {
    #[validate(length(min = 1, max = 2000))]
    #[schema(schema_with = content)]
    content: String,
}

fn content() -> utoipa::openapi::schema::Object {
    crate::handlers::opportunities::schemas::text(2000, "Sent the price list; demo on Friday")
}

/// Records a follow-up on an open lead; a `NEW` lead becomes `FOLLOWING` (CBC.99100130 on a
/// CONVERTED or INVALID one).
#[utoipa::path(tag = "leads", params(("lead_id" = String, Path, example = "6f1e2d3c4b5a69788796a5b4c3d2e1f0")), request_body = FollowUpRequest, responses((status = 201, body = FollowUpView), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/partners/leads/{lead_id}/follow-ups")]
pub async fn add_lead_follow_up(
    state: Data<AppState>,
    caller: Caller,
    id: Path<String>,
    req: Json<FollowUpRequest>,
) -> Result<HttpResponse, ApiError> {
    let u = caller.partner_with(SALES)?;
    let (me, user) = (u.partner_id.clone(), u.user_id.clone());
    let id = lead_id(&id)?;
    let content = req.into_inner()?.content;
    domain::text::required("content", &content, 2000)?;
    let now = state.now();
    let f = state
        .write(move |conn| leads::follow_up(conn, &me, &user, &id, &content, now))
        .await?;
    Ok(wire::json(StatusCode::CREATED, &FollowUpView::from(f)))
}

#[derive(Serialize, ToSchema)]
pub struct FollowUpPage {
    total_count: i64,
    follow_ups: Vec<FollowUpView>,
}

/// A lead's follow-ups and outbound calls, oldest first.
#[utoipa::path(tag = "leads", params(("lead_id" = String, Path, example = "6f1e2d3c4b5a69788796a5b4c3d2e1f0"), ListQuery), responses((status = 200, body = FollowUpPage), (status = 404, body = openapi::ErrorBody)))]
#[get("/v2/partners/leads/{lead_id}/follow-ups")]
pub async fn list_lead_follow_ups(
    state: Data<AppState>,
    caller: Caller,
    id: Path<String>,
    query: Query<ListQuery>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(SALES)?.partner_id.clone();
    let id = lead_id(&id)?;
    let page = query.into_inner()?.page()?;
    let (total, rows) = state
        .read(move |conn| {
            leads::own(conn, &me, &id)?;
            Ok(repo::follow_ups(conn, &id, page.offset, page.limit)?)
        })
        .await?;
    Ok(wire::json(
        StatusCode::OK,
        &FollowUpPage {
            total_count: total,
            follow_ups: rows.into_iter().map(FollowUpView::from).collect(),
        },
    ))
}
