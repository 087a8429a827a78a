//! One attempt: a signed POST with timeouts, no redirects, and a short excerpt of the answer.

use super::guard::{check_url, GuardedResolver};
use super::sign::signature;
use crate::service::delivery::worker::{Attempt, Job};
use domain::webhooks::EXCERPT_BYTES;
use std::sync::Arc;
use std::time::Duration;

/// The HTTP client of the worker.
pub fn client(allow_private: bool, timeout: Duration) -> Result<reqwest::Client, String> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(timeout.min(Duration::from_secs(5)))
        .timeout(timeout)
        .no_proxy()
        .user_agent(concat!("partner-bss-webhooks/", env!("CARGO_PKG_VERSION")))
        .dns_resolver(Arc::new(GuardedResolver { allow_private }))
        .build()
        .map_err(|e| format!("cannot build the webhook client: {e}"))
}

/// The body every attempt of an event sends.
pub fn body(job: &Job) -> Vec<u8> {
    let e = &job.event;
    serde_json::json!({
        "id": e.id,
        "type": e.kind.as_str(),
        "timestamp": crate::wire::utc(e.created_at),
        "partner_id": e.partner_id,
        "data": e.subjects,
    })
    .to_string()
    .into_bytes()
}

/// Sends one attempt; `secret` is the webhook's secret in clear.
pub async fn attempt(
    client: &reqwest::Client,
    job: &Job,
    secret: &str,
    allow_private: bool,
) -> Attempt {
    let failed = |error: String| Attempt::Failed { error };
    let url = match check_url(&job.url, allow_private) {
        Ok(u) => u,
        Err(e) => return failed(e),
    };
    let body = body(job);
    let ts = chrono::Utc::now().timestamp();
    let sig = match signature(secret, &job.event.id, ts, &body) {
        Ok(s) => s,
        Err(e) => return failed(e),
    };
    let sent = client
        .post(url)
        .header("content-type", "application/json")
        .header("webhook-id", &job.event.id)
        .header("webhook-timestamp", ts.to_string())
        .header("webhook-signature", sig)
        .body(body)
        .send()
        .await;
    let mut resp = match sent {
        Ok(r) => r,
        Err(e) => return failed(describe(&e)),
    };
    let status = resp.status().as_u16();
    let mut kept: Vec<u8> = Vec::new();
    while kept.len() < EXCERPT_BYTES {
        match resp.chunk().await {
            Ok(Some(c)) => kept.extend_from_slice(&c[..c.len().min(EXCERPT_BYTES - kept.len())]),
            _ => break,
        }
    }
    Attempt::Answered {
        status,
        excerpt: String::from_utf8_lossy(&kept).into_owned(),
    }
}

/// A short reason without the URL (which may hold a token in its query).
pub(crate) fn describe(e: &reqwest::Error) -> String {
    let kind = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "could not connect"
    } else if e.is_redirect() {
        "redirect not followed"
    } else {
        "request failed"
    };
    let mut source = std::error::Error::source(e);
    let mut why = String::new();
    while let Some(s) = source {
        why = s.to_string();
        source = s.source();
    }
    if why.is_empty() {
        kind.to_owned()
    } else {
        format!("{kind}: {}", why.chars().take(200).collect::<String>())
    }
}
