//! `…/audit-events/export`: the same events as streamed CSV (constant memory, any size).

use super::filter_for;
use super::input::AuditQuery;
use crate::auth::Caller;
use crate::extract::Query;
use crate::handlers::accounts::export::stream_batches;
use crate::{wire, ApiError, AppState};
use actix_web::web::Data;
use actix_web::{get, HttpResponse};
use persistence::repo::audit::{self, EventRow, Filter};

const HEADER: &[&str] = &[
    "id",
    "time",
    "actor_kind",
    "actor_partner_id",
    "actor_user_id",
    "actor_customer_id",
    "actor_credential",
    "operation_id",
    "method",
    "path",
    "target_ids",
    "request_id",
    "source_address",
    "outcome",
    "reason",
    "chain",
    "seq",
    "prev_hash",
    "hash",
];

fn row(e: &EventRow) -> Vec<String> {
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    vec![
        e.id.unwrap_or_default().to_string(),
        wire::utc(e.at),
        e.actor_kind.clone(),
        o(&e.actor_partner_id),
        o(&e.actor_user_id),
        o(&e.actor_customer_id),
        o(&e.actor_credential),
        e.operation_id.clone(),
        e.method.clone(),
        e.path.clone(),
        e.target_ids.clone(),
        e.request_id.clone(),
        o(&e.source),
        e.outcome.clone(),
        o(&e.reason),
        e.chain.clone(),
        e.seq.to_string(),
        e.prev_hash.clone(),
        e.hash.clone(),
    ]
}

fn stream(state: &AppState, name: &str, f: Filter) -> HttpResponse {
    stream_batches(
        state,
        name,
        HEADER,
        move |conn, before: Option<i64>, n| {
            let mut page = f.clone();
            if before.is_some() {
                page.before_id = before;
            }
            Ok(audit::page(conn, &page, n)?)
        },
        |_, _| Ok(()),
        |e| e.id.unwrap_or_default(),
        |e, _| row(e),
    )
}

/// Every audit event matching the filters as CSV, newest first (`limit`, `marker` ignored).
#[utoipa::path(tag = "audit", params(AuditQuery), responses((status = 200, content_type = "text/csv", body = String)))]
#[get("/v2/operator/audit-events/export")]
pub async fn export_operator_audit_events(
    state: Data<AppState>,
    caller: Caller,
    query: Query<AuditQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let mut f = filter_for(&caller, query.into_inner()?, true)?;
    f.before_id = None;
    Ok(stream(&state, "audit-events.csv", f))
}

/// A partner admin's own partner's audit events as CSV.
#[utoipa::path(tag = "audit", params(AuditQuery), responses((status = 200, content_type = "text/csv", body = String)))]
#[get("/v2/partners/audit-events/export")]
pub async fn export_partner_audit_events(
    state: Data<AppState>,
    caller: Caller,
    query: Query<AuditQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.partner_with(&[])?;
    let mut f = filter_for(&caller, query.into_inner()?, false)?;
    f.before_id = None;
    Ok(stream(&state, "partner-audit-events.csv", f))
}
