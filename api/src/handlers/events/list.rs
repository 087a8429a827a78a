//! `GET /v2/partners/events`: the partner's events after `after`, oldest first, keyed by a
//! per-partner sequence handed out in commit order, so polling neither misses nor repeats.

use super::input::EventsQuery;
use super::json::{EventJson, EventPage};
use crate::auth::Caller;
use crate::extract::Query;
use crate::service::delivery::events;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{get, HttpResponse};

/// The caller's partner's events (admins).
#[utoipa::path(tag = "events", params(EventsQuery), responses((status = 200, body = EventPage), (status = 400, body = openapi::ErrorBody), (status = 404, description = "CBC.99100002: `after` names no event of this partner", body = openapi::ErrorBody)))]
#[get("/v2/partners/events")]
pub async fn list_partner_events(
    state: Data<AppState>,
    caller: Caller,
    query: Query<EventsQuery>,
) -> Result<HttpResponse, ApiError> {
    let partner_id = caller.partner_with(&[])?.partner_id.clone();
    let q = query.into_inner()?;
    let after = q.after.map(|a| a.into_inner());
    let types: Vec<_> = q
        .types
        .unwrap_or_default()
        .into_iter()
        .map(|t| t.get())
        .collect();
    let limit = q.limit.map_or(domain::events::DEFAULT_PAGE, |l| l.get());
    let given = after.clone();
    let rows = state
        .read(move |conn| events::feed(conn, &partner_id, after.as_deref(), &types, limit))
        .await?;
    let next_after = rows.last().map(|e| e.id.clone()).or(given);
    Ok(wire::json(
        StatusCode::OK,
        &EventPage {
            events: rows.iter().map(EventJson::from).collect(),
            next_after,
        },
    ))
}
