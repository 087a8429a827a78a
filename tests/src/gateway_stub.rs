//! An SMS/voice gateway on loopback: a real HTTP server that records every request the server
//! sends it (headers of docs/gateway.md and the body) and answers a status set by the test.
//! Signatures are checked here independently of the server's code.

use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::sync::{Arc, Mutex};

/// One request as received.
#[derive(Debug, Clone)]
pub struct GatewayRequest {
    pub path: String,
    pub timestamp: String,
    pub signature: String,
    pub request_id: String,
    pub content_type: String,
    pub body: String,
}

#[derive(Default)]
struct Inner {
    status: u16,
    seen: Vec<GatewayRequest>,
}

#[derive(Clone)]
pub struct GatewayStub {
    /// The base URL; the server is configured with `{base}/sms` and `{base}/voice`.
    pub base: String,
    inner: Arc<Mutex<Inner>>,
    handle: actix_web::dev::ServerHandle,
}

async fn take(
    req: HttpRequest,
    body: web::Bytes,
    state: web::Data<Arc<Mutex<Inner>>>,
) -> HttpResponse {
    let h = |n: &str| {
        req.headers()
            .get(n)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let mut inner = state.lock().unwrap_or_else(|p| p.into_inner());
    inner.seen.push(GatewayRequest {
        path: req.path().to_owned(),
        timestamp: h("x-bss-timestamp"),
        signature: h("x-bss-signature"),
        request_id: h("x-bss-request-id"),
        content_type: h("content-type"),
        body: String::from_utf8_lossy(&body).into_owned(),
    });
    let status = actix_web::http::StatusCode::from_u16(inner.status)
        .unwrap_or(actix_web::http::StatusCode::OK);
    HttpResponse::build(status).body("{}")
}

impl GatewayStub {
    pub async fn start() -> GatewayStub {
        let inner = Arc::new(Mutex::new(Inner {
            status: 200,
            seen: Vec::new(),
        }));
        let data = web::Data::new(inner.clone());
        let server = HttpServer::new(move || {
            App::new()
                .app_data(data.clone())
                .default_service(web::post().to(take))
        })
        .workers(1)
        .bind("127.0.0.1:0")
        .expect("bind gateway stub");
        let addr = server.addrs()[0];
        let server = server.run();
        let handle = server.handle();
        tokio::spawn(server);
        GatewayStub {
            base: format!("http://{addr}"),
            inner,
            handle,
        }
    }

    /// The status later requests are answered with.
    pub fn answer(&self, status: u16) {
        self.inner.lock().unwrap_or_else(|p| p.into_inner()).status = status;
    }

    pub fn seen(&self) -> Vec<GatewayRequest> {
        self.inner
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .seen
            .clone()
    }

    pub async fn stop(self) {
        self.handle.stop(true).await;
    }
}

/// `v1,` and base64 of HMAC-SHA256 over `timestamp.body` keyed by `secret`'s bytes.
pub fn sign(secret: &str, timestamp: i64, body: &str) -> String {
    let Ok(mut mac) = <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes()) else {
        return String::new();
    };
    mac.update(format!("{timestamp}.{body}").as_bytes());
    format!("v1,{}", B64.encode(mac.finalize().into_bytes()))
}

/// Whether the request is signed with `secret` as docs/gateway.md says.
pub fn verify(secret: &str, r: &GatewayRequest) -> bool {
    r.timestamp
        .parse::<i64>()
        .is_ok_and(|ts| r.signature == sign(secret, ts, &r.body))
}
