//! The audit log (#20): every successful state-changing request writes one event in the same
//! transaction as its change. The middleware opens the request's [`Context`] (operation,
//! targets from the path, request id, source, `X-Audit-Reason`); the `Caller` extractor adds
//! the actor and the ids named in the body; [`crate::AppState::write`] appends the event when
//! the work succeeded, so a refused or rolled-back change writes none.

pub mod chain;
pub mod middleware;
pub mod verify;

use crate::auth::{Caller, Principal};
use persistence::repo::audit::{self as repo, EventRow};
use persistence::{DbConnection, StoreError};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

pub use middleware::{middleware, Operations};

pub const HEADER_REASON: &str = "x-audit-reason";
/// The longest reason kept; longer ones are cut.
pub const MAX_REASON: usize = 256;
const MAX_TARGETS: usize = 32;

/// Who acted.
#[derive(Debug, Clone, Default)]
pub struct Actor {
    /// `operator`, `partner_user`, `customer` or `anonymous`.
    pub kind: &'static str,
    pub partner_id: Option<String>,
    pub user_id: Option<String>,
    pub customer_id: Option<String>,
    /// `ak:<access key>` or `token:<token id>`, never a secret.
    pub credential: Option<String>,
}

impl Actor {
    fn anonymous() -> Self {
        Actor {
            kind: "anonymous",
            ..Actor::default()
        }
    }

    /// One hash chain per acting party.
    fn chain(&self) -> String {
        match (self.kind, &self.partner_id, &self.customer_id) {
            ("partner_user", Some(p), _) => format!("partner:{p}"),
            ("customer", _, Some(c)) => format!("customer:{c}"),
            (kind, _, _) => kind.to_owned(),
        }
    }
}

/// The audit facts of one state-changing request.
#[derive(Debug)]
pub struct Context {
    pub operation_id: String,
    pub method: String,
    pub path: String,
    pub request_id: String,
    pub source: Option<String>,
    pub reason: Option<String>,
    path_targets: Vec<String>,
    actor: Mutex<Option<Actor>>,
    body_targets: Mutex<Vec<String>>,
    written: AtomicBool,
    /// Set when the request was answered from an idempotency record.
    replayed: AtomicBool,
}

tokio::task_local! {
    static CONTEXT: Arc<Context>;
}

/// Called by the `Caller` extractor once it knows who calls.
pub fn note_caller(caller: &Caller, body: &[u8]) {
    let _ = CONTEXT.try_with(|ctx| {
        let actor = match &caller.principal {
            Principal::Operator => Actor {
                kind: "operator",
                ..Actor::default()
            },
            Principal::PartnerUser(u) => Actor {
                kind: "partner_user",
                partner_id: Some(u.partner_id.clone()),
                user_id: Some(u.user_id.clone()),
                ..Actor::default()
            },
            Principal::Customer(c) => Actor {
                kind: "customer",
                customer_id: Some(c.customer_id.clone()),
                ..Actor::default()
            },
        };
        let actor = Actor {
            credential: Some(caller.credential_id.clone()),
            ..actor
        };
        *lock(&ctx.actor) = Some(actor);
        *lock(&ctx.body_targets) = body_ids(body);
    });
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// The ids a JSON body names: top-level `*_id` strings and `*_ids` lists of strings.
fn body_ids(body: &[u8]) -> Vec<String> {
    let Ok(serde_json::Value::Object(map)) = serde_json::from_slice(body) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let id_like = |s: &str| !s.is_empty() && s.len() <= 64;
    for (k, v) in &map {
        match v {
            serde_json::Value::String(s) if k.ends_with("_id") && id_like(s) => out.push(s.clone()),
            serde_json::Value::Array(items) if k.ends_with("_ids") => out.extend(
                items
                    .iter()
                    .filter_map(|i| i.as_str())
                    .filter(|s| id_like(s))
                    .map(str::to_owned),
            ),
            _ => {}
        }
    }
    out.truncate(MAX_TARGETS);
    out
}

thread_local! {
    /// Ids a use case adds while it runs (an object it created).
    static CREATED: RefCell<Option<Vec<String>>> = const { RefCell::new(None) };
    /// Set by a use case that commits and yet refuses (it records a failed attempt, or
    /// returns every failing rule as a value): the request changed nothing it asked for.
    static REFUSED: Cell<bool> = const { Cell::new(false) };
}

/// The running write refuses the request although it commits: no event is written for it.
pub fn refused() {
    REFUSED.with(|r| r.set(true));
}

/// `Ok(Err(why))`, marking the running write as refused (see [`refused`]).
pub fn refusing<T, E, F>(why: E) -> Result<Result<T, E>, F> {
    refused();
    Ok(Err(why))
}

/// Names an object the running write created as one of the event's targets.
pub fn add_target(id: &str) {
    CREATED.with(|c| {
        if let Some(v) = c.borrow_mut().as_mut() {
            if v.len() < MAX_TARGETS {
                v.push(id.to_owned());
            }
        }
    });
}

/// An event to append, fixed before the transaction starts.
#[derive(Debug, Clone)]
pub struct Pending {
    ctx: Arc<Context>,
    actor: Actor,
    at: i64,
    /// `SUCCEEDED` (a change committed with it), `NO_CHANGE` (a successful request that wrote
    /// nothing, e.g. a check) or `REPLAYED` (an idempotent retry answered from its record).
    outcome: &'static str,
    /// Whether the last run of [`Pending::around`] appended the event.
    appended: Arc<AtomicBool>,
}

/// The event the current request still owes, if it is a state-changing request.
pub fn pending(now: i64) -> Option<Pending> {
    CONTEXT
        .try_with(|ctx| Pending::of(ctx, now, "SUCCEEDED"))
        .ok()
        .flatten()
}

/// The request is answered from its idempotency record: it changes nothing.
pub fn note_replay() {
    let _ = CONTEXT.try_with(|ctx| ctx.replayed.store(true, Ordering::Relaxed));
}

impl Pending {
    fn of(ctx: &Arc<Context>, now: i64, outcome: &'static str) -> Option<Pending> {
        (!ctx.written.load(Ordering::Relaxed)).then(|| Pending {
            ctx: ctx.clone(),
            actor: lock(&ctx.actor).clone().unwrap_or_else(Actor::anonymous),
            at: now,
            outcome,
            appended: Arc::new(AtomicBool::new(true)),
        })
    }
}

impl Pending {
    /// Runs `f` collecting the targets it adds, then appends the event if it succeeded.
    pub fn around<T, E: From<StoreError>>(
        &self,
        conn: &mut DbConnection,
        f: impl FnOnce(&mut DbConnection) -> Result<T, E>,
    ) -> Result<T, E> {
        CREATED.with(|c| *c.borrow_mut() = Some(Vec::new()));
        REFUSED.with(|r| r.set(false));
        let result = f(conn);
        let created = CREATED.with(|c| c.borrow_mut().take()).unwrap_or_default();
        let refused = REFUSED.with(|r| r.replace(false));
        let value = result?;
        self.appended.store(!refused, Ordering::Relaxed);
        if !refused {
            self.append(conn, &created)?;
        }
        Ok(value)
    }

    /// Appends the event to its chain (in the caller's transaction).
    pub fn append(&self, conn: &mut DbConnection, created: &[String]) -> Result<(), StoreError> {
        let mut targets: Vec<String> = self.ctx.path_targets.clone();
        for t in lock(&self.ctx.body_targets).iter().chain(created) {
            if !targets.contains(t) && targets.len() < MAX_TARGETS {
                targets.push(t.clone());
            }
        }
        let chain = self.actor.chain();
        repo::lock_chain(conn, &chain)?;
        let (seq, prev_hash) = match repo::head(conn, &chain)? {
            Some((seq, hash)) => (seq + 1, hash),
            None => (1, String::new()),
        };
        let mut row = EventRow {
            id: None,
            chain,
            seq,
            at: self.at,
            actor_kind: self.actor.kind.to_owned(),
            actor_partner_id: self.actor.partner_id.clone(),
            actor_user_id: self.actor.user_id.clone(),
            actor_customer_id: self.actor.customer_id.clone(),
            actor_credential: self.actor.credential.clone(),
            operation_id: self.ctx.operation_id.clone(),
            method: self.ctx.method.clone(),
            path: self.ctx.path.clone(),
            target_ids: serde_json::to_string(&targets).unwrap_or_else(|_| "[]".into()),
            request_id: self.ctx.request_id.clone(),
            source: self.ctx.source.clone(),
            outcome: self.outcome.to_owned(),
            reason: self.ctx.reason.clone(),
            prev_hash,
            hash: String::new(),
        };
        row.hash = chain::hash(&row);
        repo::insert(conn, &row)
    }

    /// After the transaction committed: the request owes no more events (unless its write
    /// turned out to be a refusal, which wrote none).
    pub fn done(&self) {
        if self.appended.load(Ordering::Relaxed) {
            self.ctx.written.store(true, Ordering::Relaxed);
        }
    }
}

/// Operation ids by method and path pattern, from the OpenAPI document.
pub(crate) type OperationMap = HashMap<(String, String), String>;
