//! Requests signed exactly like the Huawei SDK signs them.

use serde_json::Value;

#[derive(Clone)]
pub struct Signer {
    pub base: String,
    pub host: String,
    pub http: reqwest::Client,
}

pub struct Reply {
    pub status: u16,
    pub body: Vec<u8>,
}

impl Signer {
    pub fn new(base: &str) -> Self {
        let host = base
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_owned();
        let http = reqwest::Client::builder()
            .pool_max_idle_per_host(64)
            .tcp_nodelay(true)
            .build()
            .unwrap_or_else(|_| reqwest::Client::new());
        Signer {
            base: base.trim_end_matches('/').to_owned(),
            host,
            http,
        }
    }

    pub async fn call(
        &self,
        ak: &str,
        sk: &str,
        method: &str,
        path: &str,
        query: &[(&str, &str)],
        body: Option<&Value>,
    ) -> Result<Reply, String> {
        let qs = signing::build_query(query);
        let payload = body.map(|b| b.to_string()).unwrap_or_default();
        let date = signing::format_sdk_date(chrono::Utc::now().timestamp());
        let headers = [
            ("Content-Type", "application/json"),
            ("Host", self.host.as_str()),
            ("X-Sdk-Date", date.as_str()),
        ];
        let auth = signing::sign(method, path, &qs, &headers, payload.as_bytes(), ak, sk);
        let url = if qs.is_empty() {
            format!("{}{path}", self.base)
        } else {
            format!("{}{path}?{qs}", self.base)
        };
        let m = reqwest::Method::from_bytes(method.as_bytes()).map_err(|e| e.to_string())?;
        let resp = self
            .http
            .request(m, url)
            .header("Content-Type", "application/json")
            .header("X-Sdk-Date", &date)
            .header("Authorization", auth)
            .body(payload)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        let status = resp.status().as_u16();
        let body = resp.bytes().await.map_err(|e| e.to_string())?.to_vec();
        Ok(Reply { status, body })
    }
}
