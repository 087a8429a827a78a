//! The metrics listener: `GET /metrics` on its own address (`BSS_METRICS_LISTEN`), so the
//! public listener never serves it. One worker; it stops with the server.

use actix_web::dev::Server;
use actix_web::web::{self, Data};
use actix_web::{App, HttpResponse, HttpServer};
use persistence::Db;
use std::net::SocketAddr;

async fn metrics(db: Data<Db>) -> HttpResponse {
    let db = db.get_ref().clone();
    let text = actix_web::web::block(move || super::render(&db))
        .await
        .unwrap_or_default();
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(text)
}

/// Binds `listen` and returns the server (not yet running) and its address.
pub fn bind(listen: &str, db: Db) -> std::io::Result<(Server, SocketAddr)> {
    super::init();
    let db = Data::new(db);
    let server = HttpServer::new(move || {
        App::new()
            .app_data(db.clone())
            .route("/metrics", web::get().to(metrics))
    })
    .workers(1)
    .disable_signals()
    .shutdown_timeout(1)
    .bind(listen)?;
    let addr = server
        .addrs()
        .first()
        .copied()
        .ok_or_else(|| std::io::Error::other("no address bound"))?;
    Ok((server.run(), addr))
}
