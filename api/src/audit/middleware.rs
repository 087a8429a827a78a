//! Opens the audit context of each state-changing request (POST, PUT, PATCH, DELETE on a
//! documented operation) for the handler and the write it makes.

use super::{Context, OperationMap, Pending, CONTEXT, HEADER_REASON, MAX_REASON};
use crate::AppState;
use actix_web::body::MessageBody;
use actix_web::dev::{ResourceDef, ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::web::Data;
use std::sync::atomic::AtomicBool;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use utoipa::openapi::OpenApi;

/// Operation ids by method and path pattern, with the patterns to capture path ids.
pub struct Operations {
    ids: OperationMap,
    defs: Vec<(ResourceDef, String)>,
}

impl Operations {
    pub fn from_doc(doc: &OpenApi) -> Self {
        let mut ids = OperationMap::new();
        let mut defs = Vec::new();
        for (path, item) in &doc.paths.paths {
            let ops = [
                ("POST", &item.post),
                ("PUT", &item.put),
                ("PATCH", &item.patch),
                ("DELETE", &item.delete),
            ];
            for (m, op) in ops {
                if let Some(op) = op {
                    let id = op
                        .operation_id
                        .clone()
                        .unwrap_or_else(|| format!("{m} {path}"));
                    ids.insert((m.to_owned(), path.clone()), id);
                }
            }
            defs.push((ResourceDef::new(path.as_str()), path.clone()));
        }
        Operations { ids, defs }
    }

    /// No audited operation at all: requests run without an audit context and write no
    /// event (the bench's comparison only, `ApiConfig::audit`).
    pub fn none() -> Self {
        Operations {
            ids: OperationMap::new(),
            defs: Vec::new(),
        }
    }

    /// The operation and the ids its path names, for a concrete path.
    fn find(&self, method: &str, path: &str) -> Option<(String, Vec<String>)> {
        // A path without parameters is its own pattern: no matching needed (PayOrders).
        if let Some(id) = self.ids.get(&(method.to_owned(), path.to_owned())) {
            return Some((id.clone(), Vec::new()));
        }
        let (def, pattern) = self
            .defs
            .iter()
            .filter(|(d, p)| {
                d.is_match(path) && self.ids.contains_key(&(method.to_owned(), p.clone()))
            })
            .max_by_key(|(_, p)| specificity(p))?;
        let id = self.ids.get(&(method.to_owned(), pattern.clone()))?.clone();
        let mut captured = actix_router::Path::new(path.to_owned());
        def.capture_match_info(&mut captured);
        let targets = captured.iter().map(|(_, v)| v.to_owned()).collect();
        Some((id, targets))
    }
}

fn specificity(pattern: &str) -> Vec<bool> {
    pattern.split('/').map(|s| !s.starts_with('{')).collect()
}

fn is_write(m: &Method) -> bool {
    matches!(
        *m,
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    )
}

/// Printable text of at most [`MAX_REASON`] characters, or nothing.
fn clean_reason(raw: &str) -> Option<String> {
    let cleaned: String = raw
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_REASON)
        .collect();
    let trimmed = cleaned.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let found = if is_write(req.method()) {
        req.app_data::<Data<Operations>>()
            .and_then(|ops| ops.find(req.method().as_str(), req.path()))
    } else {
        None
    };
    let Some((operation_id, path_targets)) = found else {
        return next.call(req).await;
    };
    let reason = req
        .headers()
        .get(HEADER_REASON)
        .and_then(|v| v.to_str().ok())
        .and_then(clean_reason);
    let ctx = Arc::new(Context {
        operation_id,
        method: req.method().as_str().to_owned(),
        path: req.path().to_owned(),
        request_id: crate::request_id::current(),
        source: req.peer_addr().map(|a| a.ip().to_string()),
        reason,
        path_targets,
        actor: Mutex::new(None),
        body_targets: Mutex::new(Vec::new()),
        written: AtomicBool::new(false),
        replayed: AtomicBool::new(false),
    });
    let res = CONTEXT.scope(ctx.clone(), next.call(req)).await?;
    if res.status().is_success() {
        if let Some(state) = res.request().app_data::<Data<AppState>>().cloned() {
            record_unchanged(&state, &ctx).await;
        }
    }
    Ok(res)
}

/// A successful request that committed no audited change (a check answered by POST, or an
/// idempotent replay) still leaves its one event, in a transaction of its own.
async fn record_unchanged(state: &AppState, ctx: &Arc<Context>) {
    let outcome = if ctx.replayed.load(Ordering::Relaxed) {
        "REPLAYED"
    } else {
        "NO_CHANGE"
    };
    let Some(event) = Pending::of(ctx, state.wall_now(), outcome) else {
        return;
    };
    let e = event.clone();
    match state.write_unaudited(move |c| Ok(e.append(c, &[])?)).await {
        Ok(()) => event.done(),
        Err(err) => {
            tracing::error!(error = %err, "audit event of an unchanged request not written")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::clean_reason;

    #[test]
    fn reasons_are_printable_and_bounded() {
        assert_eq!(clean_reason("  "), None);
        assert_eq!(clean_reason("a\nb\u{7}c").as_deref(), Some("abc"));
        assert_eq!(clean_reason(&"x".repeat(999)).map(|s| s.len()), Some(256));
    }
}
