//! The partner console at `/console/`: static files embedded in the binary (no build step), a
//! single page that calls only the public API with a token from `POST /v2/auth/tokens`.
//!
//! Only the files listed here are served; anything else under `/console/` is a 404 with the
//! usual error body. The answers carry a Content-Security-Policy that allows this origin's
//! scripts, styles and API only (no inline script or style, no framing).

use crate::ApiError;
use actix_web::http::header;
use actix_web::web::{self, ServiceConfig};
use actix_web::{HttpRequest, HttpResponse, ResponseError};

/// Scripts, styles and API calls of this origin only; nothing inline, nothing framed.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
connect-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; \
frame-ancestors 'none'";

macro_rules! assets {
    ($($name:literal => $mime:literal),* $(,)?) => {
        /// Every served file: its name under `/console/`, media type and bytes.
        pub const ASSETS: &[(&str, &str, &[u8])] = &[
            $(($name, $mime, include_bytes!(concat!("../console/", $name)))),*
        ];
    };
}

assets! {
    "index.html" => "text/html; charset=utf-8",
    "style.css" => "text/css; charset=utf-8",
    "app.js" => "text/javascript; charset=utf-8",
    "api.js" => "text/javascript; charset=utf-8",
    "i18n.js" => "text/javascript; charset=utf-8",
    "ui.js" => "text/javascript; charset=utf-8",
    "screens/common.js" => "text/javascript; charset=utf-8",
    "screens/funds.js" => "text/javascript; charset=utf-8",
    "screens/customers.js" => "text/javascript; charset=utf-8",
    "screens/resellers.js" => "text/javascript; charset=utf-8",
    "screens/coupons.js" => "text/javascript; charset=utf-8",
    "screens/payments.js" => "text/javascript; charset=utf-8",
    "screens/sales.js" => "text/javascript; charset=utf-8",
    "screens/customer.js" => "text/javascript; charset=utf-8",
    "screens/operator.js" => "text/javascript; charset=utf-8",
}

fn asset(name: &str) -> HttpResponse {
    match ASSETS.iter().find(|(n, _, _)| *n == name) {
        Some((_, mime, bytes)) => HttpResponse::Ok()
            .insert_header((header::CONTENT_TYPE, *mime))
            .insert_header((header::CONTENT_SECURITY_POLICY, CSP))
            .body(*bytes),
        None => ApiError::RouteNotFound.error_response(),
    }
}

async fn file(req: HttpRequest) -> HttpResponse {
    let name = req.match_info().query("file");
    asset(if name.is_empty() { "index.html" } else { name })
}

/// `/console` redirects to `/console/`, which serves the page; `/console/{file}` its assets.
pub fn register(cfg: &mut ServiceConfig) {
    cfg.route(
        "/console",
        web::get().to(|| async {
            HttpResponse::Found()
                .insert_header((header::LOCATION, "/console/"))
                .finish()
        }),
    )
    .route("/console/{file:.*}", web::get().to(file));
}
