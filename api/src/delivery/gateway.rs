//! The SMS and voice gateway client (#21). Any SMS or telephony provider is bridged by a small
//! adapter that accepts one documented JSON `POST` (docs/gateway.md):
//!
//! - `BSS_SMS_GATEWAY_URL` receives `{"type": "sms", "id", "to", "text"}`;
//! - `BSS_VOICE_GATEWAY_URL` receives `{"type": "voice.bridge", "call_id", "caller", "callee",
//!   "callback_path"}` and later calls back `POST /v2/callbacks/voice/{call_id}`.
//!
//! Every request, both ways, carries `X-Bss-Timestamp` (unix seconds) and `X-Bss-Signature`:
//! `v1,` and base64 of HMAC-SHA256 keyed by `BSS_GATEWAY_SECRET` over `<timestamp>.<body>`.
//! Requests time out, redirects are not followed, and a 2xx answer means accepted. Numbers
//! never reach a log: errors name the URL's host at most, never the body.

use super::guard::check_url;
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::fmt;
use std::time::Duration;

/// The header holding the signing time, unix seconds.
pub const TIMESTAMP_HEADER: &str = "X-Bss-Timestamp";
/// The header holding `v1,<base64 HMAC-SHA256 of "timestamp.body">` (several, space-separated,
/// are accepted on callbacks, for a secret being rotated on the gateway's side).
pub const SIGNATURE_HEADER: &str = "X-Bss-Signature";
/// The id of the message or call: the gateway de-duplicates retries by it.
pub const REQUEST_ID_HEADER: &str = "X-Bss-Request-Id";
/// How far a callback's timestamp may be from the server's clock, in seconds.
pub const MAX_SKEW_SECS: i64 = 300;

/// The shared secret (`BSS_GATEWAY_SECRET`); prints as `***`.
#[derive(Clone, PartialEq, Eq)]
pub struct GatewaySecret(String);

impl GatewaySecret {
    /// A secret of at least 16 bytes.
    pub fn new(s: &str) -> Result<Self, String> {
        if s.len() < 16 {
            return Err("BSS_GATEWAY_SECRET must be at least 16 characters".to_owned());
        }
        Ok(GatewaySecret(s.to_owned()))
    }

    fn key(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl fmt::Debug for GatewaySecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// Where the gateways are; nothing configured means nothing is sent.
#[derive(Debug, Clone)]
pub struct GatewayConfig {
    /// `BSS_SMS_GATEWAY_URL`.
    pub sms_url: Option<String>,
    /// `BSS_VOICE_GATEWAY_URL`.
    pub voice_url: Option<String>,
    /// `BSS_GATEWAY_SECRET`: signs requests to both gateways and verifies their callbacks.
    pub secret: Option<GatewaySecret>,
    /// How long one request may take (`BSS_GATEWAY_TIMEOUT_SECS`).
    pub timeout: Duration,
}

impl Default for GatewayConfig {
    fn default() -> Self {
        GatewayConfig {
            sms_url: None,
            voice_url: None,
            secret: None,
            timeout: Duration::from_secs(10),
        }
    }
}

/// Why a gateway request did not go through. Carries no number and no body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GatewayError {
    /// No URL or no secret for this gateway.
    NotConfigured,
    /// The gateway answered, but not with 2xx.
    Refused { status: u16 },
    /// No answer: connection, timeout, redirect.
    Unreachable(String),
}

impl fmt::Display for GatewayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GatewayError::NotConfigured => f.write_str("gateway not configured"),
            GatewayError::Refused { status } => write!(f, "gateway answered {status}"),
            GatewayError::Unreachable(why) => write!(f, "gateway unreachable: {why}"),
        }
    }
}

/// `v1,<base64 HMAC-SHA256(secret, "timestamp.body")>`.
pub fn signature(secret: &GatewaySecret, timestamp: i64, body: &[u8]) -> String {
    format!(
        "v1,{}",
        B64.encode(mac(secret, timestamp, body).finalize().into_bytes())
    )
}

fn mac(secret: &GatewaySecret, timestamp: i64, body: &[u8]) -> Hmac<Sha256> {
    // HMAC takes a key of any length.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret.key())
        .unwrap_or_else(|_| unreachable!("HMAC accepts keys of every length"));
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac
}

/// Checks a callback's headers against its body: a fresh timestamp and one matching `v1`
/// signature, compared in constant time. The error says which, never the expected value.
pub fn verify(
    secret: &GatewaySecret,
    timestamp: Option<&str>,
    signatures: Option<&str>,
    body: &[u8],
    now: i64,
) -> Result<(), &'static str> {
    let ts: i64 = timestamp
        .and_then(|t| t.trim().parse().ok())
        .ok_or("X-Bss-Timestamp is missing or not unix seconds")?;
    if (now - ts).abs() > MAX_SKEW_SECS {
        return Err("X-Bss-Timestamp is too far from the server's clock");
    }
    let given = signatures.ok_or("X-Bss-Signature is missing")?;
    let matches = given
        .split_whitespace()
        .filter_map(|s| s.strip_prefix("v1,"))
        .filter_map(|s| B64.decode(s).ok())
        .any(|sig| mac(secret, ts, body).verify_slice(&sig).is_ok());
    if matches {
        Ok(())
    } else {
        Err("X-Bss-Signature does not match")
    }
}

/// The bridge request for one outbound call. `Debug` masks both numbers.
pub struct Bridge<'a> {
    pub call_id: &'a str,
    /// The partner user's phone, rung first.
    pub caller: &'a domain::leads::Contact,
    /// The lead's number, which the partner never sees.
    pub callee: &'a domain::leads::Contact,
}

/// The body sent to the voice gateway.
pub fn bridge_body(b: &Bridge<'_>) -> Vec<u8> {
    serde_json::json!({
        "type": "voice.bridge",
        "call_id": b.call_id,
        "caller": b.caller.raw(),
        "callee": b.callee.raw(),
        "callback_path": format!("/v2/callbacks/voice/{}", b.call_id),
    })
    .to_string()
    .into_bytes()
}

/// The body sent to the SMS gateway.
pub fn sms_body(id: &str, to: &str, text: &str) -> Vec<u8> {
    serde_json::json!({"type": "sms", "id": id, "to": to, "text": text})
        .to_string()
        .into_bytes()
}

/// The client of both gateways.
pub struct Gateway {
    config: GatewayConfig,
    client: reqwest::Client,
}

impl fmt::Debug for Gateway {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Gateway")
            .field("sms", &self.config.sms_url.is_some())
            .field("voice", &self.config.voice_url.is_some())
            .finish_non_exhaustive()
    }
}

impl Gateway {
    /// Checks the URLs (http or https; they are the operator's own, so private addresses are
    /// allowed) and builds the client: timeouts, no redirects, no proxy.
    pub fn new(config: GatewayConfig) -> Result<Gateway, String> {
        for (name, url) in [
            ("BSS_SMS_GATEWAY_URL", &config.sms_url),
            ("BSS_VOICE_GATEWAY_URL", &config.voice_url),
        ] {
            if let Some(u) = url {
                check_url(u, true).map_err(|e| format!("{name}: {e}"))?;
            }
        }
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(config.timeout.min(Duration::from_secs(5)))
            .timeout(config.timeout)
            .no_proxy()
            .user_agent(concat!("partner-bss-gateway/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| format!("cannot build the gateway client: {e}"))?;
        Ok(Gateway { config, client })
    }

    /// The secret callbacks are verified with, if one is configured.
    pub fn secret(&self) -> Option<&GatewaySecret> {
        self.config.secret.as_ref()
    }

    /// Whether calls can be placed: a voice URL and a secret.
    pub fn voice_ready(&self) -> bool {
        self.config.voice_url.is_some() && self.config.secret.is_some()
    }

    /// Whether SMS can be sent: an SMS URL and a secret.
    pub fn sms_ready(&self) -> bool {
        self.config.sms_url.is_some() && self.config.secret.is_some()
    }

    /// Sends one SMS; `id` (the outbox message's id) lets the gateway drop a repeat.
    pub async fn send_sms(&self, id: &str, to: &str, text: &str) -> Result<(), GatewayError> {
        let url = self.config.sms_url.as_deref();
        self.post(url, id, sms_body(id, to, text)).await
    }

    /// Asks the voice gateway to ring the caller and bridge the callee.
    pub async fn bridge(&self, b: &Bridge<'_>) -> Result<(), GatewayError> {
        let url = self.config.voice_url.as_deref();
        self.post(url, b.call_id, bridge_body(b)).await
    }

    async fn post(&self, url: Option<&str>, id: &str, body: Vec<u8>) -> Result<(), GatewayError> {
        let (Some(url), Some(secret)) = (url, self.config.secret.as_ref()) else {
            return Err(GatewayError::NotConfigured);
        };
        let ts = chrono::Utc::now().timestamp();
        let sig = signature(secret, ts, &body);
        let sent = self
            .client
            .post(url)
            .header("content-type", "application/json")
            .header(TIMESTAMP_HEADER, ts.to_string())
            .header(SIGNATURE_HEADER, sig)
            .header(REQUEST_ID_HEADER, id)
            .body(body)
            .send()
            .await
            .map_err(|e| GatewayError::Unreachable(super::send::describe(&e)))?;
        let status = sent.status();
        if status.is_success() {
            Ok(())
        } else {
            Err(GatewayError::Refused {
                status: status.as_u16(),
            })
        }
    }
}

/// The outbox's `SMS` channel: each message goes to the SMS gateway, its id letting the
/// gateway drop a repeat.
pub struct SmsSender(Gateway);

impl SmsSender {
    pub fn new(config: GatewayConfig) -> Result<Self, String> {
        Ok(SmsSender(Gateway::new(config)?))
    }
}

impl super::outbox::Sender for SmsSender {
    fn channel(&self) -> &'static str {
        persistence::repo::outbox::SMS
    }

    fn send<'a>(
        &'a self,
        msg: &'a persistence::repo::outbox::OutboxRow,
    ) -> futures_util::future::BoxFuture<'a, Result<(), String>> {
        Box::pin(async move {
            self.0
                .send_sms(&msg.id, &msg.recipient, &msg.content)
                .await
                .map_err(|e| e.to_string())
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn secret() -> GatewaySecret {
        GatewaySecret::new("0123456789abcdef-gateway").unwrap()
    }

    #[test]
    fn signatures_verify_and_expire() {
        let body = br#"{"call_id":"c1","status":"ANSWERED","duration_seconds":3}"#;
        let sig = signature(&secret(), 1_000, body);
        assert!(sig.starts_with("v1,"));
        assert_eq!(
            verify(&secret(), Some("1000"), Some(&sig), body, 1_100),
            Ok(())
        );
        let rotated = format!("v1,AAAA {sig}");
        assert_eq!(
            verify(&secret(), Some("1000"), Some(&rotated), body, 1_000),
            Ok(())
        );
        assert!(verify(
            &secret(),
            Some("1000"),
            Some(&sig),
            body,
            1_000 + MAX_SKEW_SECS + 1
        )
        .is_err());
        assert!(verify(&secret(), Some("1000"), Some(&sig), b"{}", 1_000).is_err());
        assert!(verify(&secret(), Some("1001"), Some(&sig), body, 1_000).is_err());
        assert!(verify(&secret(), None, Some(&sig), body, 1_000).is_err());
        assert!(verify(&secret(), Some("1000"), None, body, 1_000).is_err());
        let other = GatewaySecret::new("another-secret-of-16").unwrap();
        assert!(verify(&other, Some("1000"), Some(&sig), body, 1_000).is_err());
    }

    #[test]
    fn secrets_do_not_print_and_are_long_enough() {
        assert_eq!(format!("{:?}", secret()), "***");
        assert!(GatewaySecret::new("short").is_err());
    }

    #[test]
    fn bridge_debug_masks_numbers() {
        let a = domain::leads::Contact::Phone("13812345678".into());
        let b = domain::leads::Contact::Phone("13987654321".into());
        let body = String::from_utf8(bridge_body(&Bridge {
            call_id: "c1",
            caller: &a,
            callee: &b,
        }))
        .unwrap();
        assert!(body.contains("13987654321") && body.contains("/v2/callbacks/voice/c1"));
    }

    #[test]
    fn gateway_urls_are_http() {
        let bad = GatewayConfig {
            sms_url: Some("ftp://127.0.0.1/x".into()),
            ..GatewayConfig::default()
        };
        assert!(Gateway::new(bad).is_err());
        let ok = Gateway::new(GatewayConfig::default()).unwrap();
        assert!(!ok.voice_ready() && !ok.sms_ready());
    }
}
