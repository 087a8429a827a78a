//! Binding the HTTP server; shared by the binary and the integration tests.

use crate::{build_app, openapi_document, AppState};
use actix_web::dev::Server;
use actix_web::web::Data;
use actix_web::HttpServer;
use std::net::SocketAddr;
use std::sync::Arc;

/// Binds `listen` (port 0 picks a free port) and returns the server future and its address.
/// The server stops gracefully on SIGINT/SIGTERM, finishing requests in flight.
pub fn bind(
    state: AppState,
    listen: &str,
    workers: usize,
) -> std::io::Result<(Server, SocketAddr)> {
    let state = Data::new(state);
    let doc = Arc::new(openapi_document());
    let server = HttpServer::new(move || build_app(state.clone(), doc.clone()))
        .workers(workers.max(1))
        .shutdown_timeout(30)
        .bind(listen)?;
    let addr = server
        .addrs()
        .first()
        .copied()
        .ok_or_else(|| std::io::Error::other("no address bound"))?;
    Ok((server.run(), addr))
}

/// Like [`bind`], for a process that handles its own signals (a graceful stop that first
/// turns `/readyz` to 503: `partner-bss serve`). Requests in flight get `shutdown_secs`.
pub fn bind_managed(
    state: AppState,
    listen: &str,
    workers: usize,
    shutdown_secs: u64,
) -> std::io::Result<(Server, SocketAddr)> {
    let state = Data::new(state);
    // Expiry and auto-renewal follow time even when nobody calls.
    tokio::spawn(crate::service::time_driven::every(state.clone()));
    let doc = Arc::new(openapi_document());
    let server = HttpServer::new(move || build_app(state.clone(), doc.clone()))
        .workers(workers.max(1))
        .disable_signals()
        .shutdown_timeout(shutdown_secs)
        .bind(listen)?;
    let addr = server
        .addrs()
        .first()
        .copied()
        .ok_or_else(|| std::io::Error::other("no address bound"))?;
    Ok((server.run(), addr))
}
