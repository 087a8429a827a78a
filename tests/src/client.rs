//! An HTTP client that signs requests exactly like the Huawei SDK (SDK-HMAC-SHA256), or sends
//! a token, or nothing.

use crate::server::{NowTs, TestServer, OPERATOR_AK, OPERATOR_SK};
use domain::ManualClock;
use serde_json::Value;

#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base: String,
    host: String,
    clock: ManualClock,
    auth: Auth,
    pub domain_id: Option<String>,
    pub idempotency_key: Option<String>,
    /// Sent unsigned after the signed ones (e.g. `X-Audit-Reason`).
    pub extra_headers: Vec<(String, String)>,
}

#[derive(Clone)]
enum Auth {
    None,
    AkSk { ak: String, sk: String },
    Token(String),
}

#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub text: String,
}

impl Response {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or(Value::Null)
    }
    pub fn code(&self) -> String {
        self.json()["error_code"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }
    pub fn msg(&self) -> String {
        self.json()["error_msg"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }
    pub fn request_id(&self) -> String {
        self.headers
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    }
    /// Asserts the status and, for errors, the code; returns the JSON body.
    #[track_caller]
    pub fn expect(&self, status: u16, code: &str) -> Value {
        assert_eq!(
            self.status, status,
            "unexpected status; body: {}",
            self.text
        );
        if !code.is_empty() {
            assert_eq!(self.code(), code, "unexpected code; body: {}", self.text);
        }
        self.json()
    }
}

impl TestServer {
    /// A client holding the operator credential.
    pub fn operator(&self) -> Client {
        Client::new(self, OPERATOR_AK, OPERATOR_SK)
    }

    /// A client with no credential at all.
    pub fn anonymous(&self) -> Client {
        Client::anonymous(self)
    }
}

impl Client {
    fn build(srv: &TestServer, auth: Auth) -> Self {
        Client {
            http: reqwest::Client::builder().build().expect("client"),
            base: srv.base.clone(),
            host: srv.addr.to_string(),
            clock: srv.clock.clone(),
            auth,
            domain_id: None,
            idempotency_key: None,
            extra_headers: Vec::new(),
        }
    }

    /// A client of a server running elsewhere (a spawned binary), signing with the real time.
    pub fn remote(addr: std::net::SocketAddr, ak: &str, sk: &str) -> Self {
        Client {
            http: reqwest::Client::builder()
                .timeout(std::time::Duration::from_secs(60))
                .build()
                .expect("client"),
            base: format!("http://{addr}"),
            host: addr.to_string(),
            clock: ManualClock::new(chrono::Utc::now()),
            auth: Auth::AkSk {
                ak: ak.into(),
                sk: sk.into(),
            },
            domain_id: None,
            idempotency_key: None,
            extra_headers: Vec::new(),
        }
    }

    pub fn new(srv: &TestServer, ak: &str, sk: &str) -> Self {
        Self::build(
            srv,
            Auth::AkSk {
                ak: ak.into(),
                sk: sk.into(),
            },
        )
    }

    pub fn anonymous(srv: &TestServer) -> Self {
        Self::build(srv, Auth::None)
    }

    pub fn with_token(srv: &TestServer, token: &str) -> Self {
        Self::build(srv, Auth::Token(token.into()))
    }

    /// Signs with another clock (to test clock skew and expiry).
    pub fn set_clock(&mut self, clock: ManualClock) {
        self.clock = clock;
    }

    pub fn access_key(&self) -> Option<String> {
        match &self.auth {
            Auth::AkSk { ak, .. } => Some(ak.clone()),
            _ => None,
        }
    }

    pub fn with_domain(mut self, d: &str) -> Self {
        self.domain_id = Some(d.into());
        self
    }

    pub fn with_idempotency_key(mut self, k: &str) -> Self {
        self.idempotency_key = Some(k.into());
        self
    }

    pub async fn get(&self, path: &str, query: &[(&str, &str)]) -> Response {
        self.send("GET", path, query, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Response {
        self.send("POST", path, &[], Some(body.to_string())).await
    }

    pub async fn delete(&self, path: &str) -> Response {
        self.send("DELETE", path, &[], None).await
    }

    pub async fn put(&self, path: &str, body: Value) -> Response {
        self.send("PUT", path, &[], Some(body.to_string())).await
    }

    /// Encodes `path_segments` the way the SDK does and joins them under `/`.
    pub fn path(segments: &[&str]) -> String {
        segments
            .iter()
            .map(|s| signing::encode_component(s))
            .collect::<Vec<_>>()
            .join("/")
    }

    /// Sends with `path` as given (already encoded) and the query built like the SDK builds it.
    pub async fn send(
        &self,
        method: &str,
        path: &str,
        query: &[(&str, &str)],
        body: Option<String>,
    ) -> Response {
        let qs = signing::build_query(query);
        self.send_raw(
            method,
            path,
            &qs,
            body.unwrap_or_default().into_bytes(),
            "application/json",
        )
        .await
    }

    /// A signed GET whose body is read by the caller, chunk by chunk.
    pub async fn get_stream(&self, path: &str, query: &[(&str, &str)]) -> reqwest::Response {
        let qs = signing::build_query(query);
        let (url, headers) = self.signed("GET", path, &qs, b"", "application/json");
        let mut req = self.http.get(url);
        for (k, v) in headers {
            req = req.header(k, v);
        }
        req.send().await.expect("the server must answer")
    }

    /// Full control: raw path, raw query, raw body bytes and content type; still signed.
    pub async fn send_raw(
        &self,
        method: &str,
        path: &str,
        raw_query: &str,
        body: Vec<u8>,
        content_type: &str,
    ) -> Response {
        self.try_send_raw(method, path, raw_query, body, content_type)
            .await
            .expect("the server must answer, not drop the connection")
    }

    /// Like [`Client::send`], but a dropped connection or a refused connect is an `Err` (for
    /// tests that kill the server).
    pub async fn try_send(
        &self,
        method: &str,
        path: &str,
        query: &[(&str, &str)],
        body: Option<String>,
    ) -> Result<Response, String> {
        let qs = signing::build_query(query);
        let body = body.unwrap_or_default().into_bytes();
        self.try_send_raw(method, path, &qs, body, "application/json")
            .await
    }

    async fn try_send_raw(
        &self,
        method: &str,
        path: &str,
        raw_query: &str,
        body: Vec<u8>,
        content_type: &str,
    ) -> Result<Response, String> {
        let (url, headers) = self.signed(method, path, raw_query, &body, content_type);
        let m = reqwest::Method::from_bytes(method.as_bytes()).map_err(|e| e.to_string())?;
        let mut req = self.http.request(m, url).body(body);
        for (k, v) in headers {
            req = req.header(k, v);
        }
        for (k, v) in &self.extra_headers {
            req = req.header(k, v);
        }
        let resp = req.send().await.map_err(|e| e.to_string())?;
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let text = resp.text().await.map_err(|e| e.to_string())?;
        Ok(Response {
            status,
            headers,
            text,
        })
    }

    /// The URL and the headers of a request signed like the SDK signs it (Host is implied).
    fn signed(
        &self,
        method: &str,
        path: &str,
        raw_query: &str,
        body: &[u8],
        content_type: &str,
    ) -> (String, Vec<(String, String)>) {
        let date = signing::format_sdk_date(self.clock.now_ts());
        let mut headers: Vec<(String, String)> = vec![
            ("Content-Type".into(), content_type.into()),
            ("Host".into(), self.host.clone()),
            ("X-Sdk-Date".into(), date),
        ];
        if let Some(d) = &self.domain_id {
            headers.push(("X-Domain-Id".into(), d.clone()));
        }
        // As the SDK: another Content-Type is signed with the body left out.
        if !content_type.starts_with("application/json")
            && !content_type.starts_with("application/bson")
        {
            headers.push(("X-Sdk-Content-Sha256".into(), "UNSIGNED-PAYLOAD".into()));
        }
        match &self.auth {
            Auth::AkSk { ak, sk } => {
                let h: Vec<(&str, &str)> = headers
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect();
                let authz = signing::sign(method, path, raw_query, &h, body, ak, sk);
                headers.push(("Authorization".into(), authz));
            }
            Auth::Token(t) => headers.push(("X-Auth-Token".into(), t.clone())),
            Auth::None => {}
        }
        if let Some(k) = &self.idempotency_key {
            headers.push(("Idempotency-Key".into(), k.clone()));
        }
        headers.retain(|(k, _)| k != "Host");
        let url = if raw_query.is_empty() {
            format!("{}{}", self.base, path)
        } else {
            format!("{}{}?{}", self.base, path, raw_query)
        };
        (url, headers)
    }
}
