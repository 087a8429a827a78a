//! A webhook receiver on loopback: a real HTTP server that records every request, answers
//! 500 to the first `fail_first` of them and 200 after, and checks Standard Webhooks
//! signatures with a secret set by the test.

use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::sync::{Arc, Mutex};

/// One request as received.
#[derive(Debug, Clone)]
pub struct Received {
    pub id: String,
    pub timestamp: String,
    pub signature: String,
    pub body: String,
    /// The status the receiver answered.
    pub answered: u16,
}

#[derive(Default)]
struct Inner {
    fail_first: usize,
    seen: Vec<Received>,
}

#[derive(Clone)]
pub struct Receiver {
    pub url: String,
    inner: Arc<Mutex<Inner>>,
    handle: actix_web::dev::ServerHandle,
}

async fn hook(
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
    let answered = if inner.seen.len() < inner.fail_first {
        500
    } else {
        200
    };
    inner.seen.push(Received {
        id: h("webhook-id"),
        timestamp: h("webhook-timestamp"),
        signature: h("webhook-signature"),
        body: String::from_utf8_lossy(&body).into_owned(),
        answered,
    });
    if answered == 500 {
        HttpResponse::InternalServerError().body("try later")
    } else {
        HttpResponse::Ok().body("ok")
    }
}

impl Receiver {
    pub async fn start(fail_first: usize) -> Receiver {
        let inner = Arc::new(Mutex::new(Inner {
            fail_first,
            seen: Vec::new(),
        }));
        let data = web::Data::new(inner.clone());
        let server = HttpServer::new(move || {
            App::new()
                .app_data(data.clone())
                .route("/hook", web::post().to(hook))
        })
        .workers(1)
        .bind("127.0.0.1:0")
        .expect("bind receiver");
        let addr = server.addrs()[0];
        let server = server.run();
        let handle = server.handle();
        tokio::spawn(server);
        Receiver {
            url: format!("http://{addr}/hook"),
            inner,
            handle,
        }
    }

    pub fn seen(&self) -> Vec<Received> {
        self.inner
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .seen
            .clone()
    }

    /// The distinct webhook ids answered 200, in first-success order.
    pub fn delivered_ids(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for r in self.seen() {
            if r.answered == 200 && !out.contains(&r.id) {
                out.push(r.id);
            }
        }
        out
    }

    pub async fn stop(self) {
        self.handle.stop(true).await;
    }
}

/// Whether `r` is signed with `secret` (`whsec_…`) as Standard Webhooks says.
pub fn verify(secret: &str, r: &Received) -> bool {
    let Ok(key) = B64.decode(secret.trim_start_matches("whsec_")) else {
        return false;
    };
    let Ok(mut mac) = <Hmac<Sha256> as Mac>::new_from_slice(&key) else {
        return false;
    };
    mac.update(format!("{}.{}.{}", r.id, r.timestamp, r.body).as_bytes());
    let want = format!("v1,{}", B64.encode(mac.finalize().into_bytes()));
    r.signature.split(' ').any(|s| s == want)
}
