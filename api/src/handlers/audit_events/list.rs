//! `GET /v2/operator/audit-events` and `GET /v2/partners/audit-events`: newest first.

use super::filter_for;
use super::input::AuditQuery;
use super::json::AuditEventPage;
use crate::auth::Caller;
use crate::extract::Query;
use crate::wire;
use crate::{ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{get, HttpResponse};
use persistence::repo::audit;

async fn answer(
    state: &AppState,
    caller: &Caller,
    query: Query<AuditQuery>,
    operator: bool,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner()?;
    let limit = q.limit.map_or(100, |l| l.get());
    let f = filter_for(caller, q, operator)?;
    let rows = state
        .read(move |conn| Ok(audit::page(conn, &f, limit)?))
        .await?;
    Ok(wire::json(
        StatusCode::OK,
        &AuditEventPage::of(&rows, usize::try_from(limit).unwrap_or(100)),
    ))
}

/// Every audit event, with filters; keyset paging by `marker`.
#[utoipa::path(tag = "audit", params(AuditQuery), responses((status = 200, body = AuditEventPage)))]
#[get("/v2/operator/audit-events")]
pub async fn list_operator_audit_events(
    state: Data<AppState>,
    caller: Caller,
    query: Query<AuditQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    answer(&state, &caller, query, true).await
}

/// A partner admin reads its own partner's audit events (`partner_id` is ignored).
#[utoipa::path(tag = "audit", params(AuditQuery), responses((status = 200, body = AuditEventPage)))]
#[get("/v2/partners/audit-events")]
pub async fn list_partner_audit_events(
    state: Data<AppState>,
    caller: Caller,
    query: Query<AuditQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.partner_with(&[])?;
    answer(&state, &caller, query, false).await
}
