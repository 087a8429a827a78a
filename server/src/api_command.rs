//! `partner-bss api METHOD PATH [--data JSON] [--query k=v]…`: one request signed with
//! BSS_AK/BSS_SK exactly as the Huawei SDK signs it (the `signing` crate). The answer goes to
//! stdout, the status and request id to stderr; an error answer exits non-zero.

use clap::Args;
use std::io::{Read, Write};
use std::time::Duration;

#[derive(Args)]
pub struct ApiArgs {
    /// GET, POST, PUT, DELETE or PATCH.
    method: String,
    /// Path such as /v2/partners/sub-customers; a query string here is kept.
    path: String,
    /// JSON body; `@file` reads it from a file, `@-` from standard input.
    #[arg(long)]
    data: Option<String>,
    /// A query parameter `name=value` (repeatable).
    #[arg(long = "query", value_name = "NAME=VALUE")]
    query: Vec<String>,
    /// Print only this field of the answer, raw (dot path: `partner_id`, `coupons.0.id`).
    #[arg(long, value_name = "PATH")]
    field: Option<String>,
    /// Idempotency-Key header (money-moving POSTs).
    #[arg(long)]
    idempotency_key: Option<String>,
    /// Server address.
    #[arg(long, env = "BSS_ENDPOINT", default_value = "http://127.0.0.1:8080")]
    endpoint: String,
}

/// The credential comes from the environment only, so the secret never shows in `ps`.
struct Credential {
    ak: String,
    sk: String,
    domain_id: Option<String>,
}

impl Credential {
    fn from_env() -> Result<Credential, String> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        match (var("BSS_AK"), var("BSS_SK")) {
            (Some(ak), Some(sk)) => Ok(Credential {
                ak: ak.trim().to_owned(),
                sk: sk.trim().to_owned(),
                domain_id: var("BSS_DOMAIN_ID").map(|d| d.trim().to_owned()),
            }),
            _ => Err("set BSS_AK and BSS_SK (and BSS_DOMAIN_ID if the key has a domain) in the environment".into()),
        }
    }
}

pub fn run(args: &ApiArgs) -> Result<(), String> {
    let cred = Credential::from_env()?;
    let method = args.method.to_ascii_uppercase();
    if !["GET", "POST", "PUT", "DELETE", "PATCH"].contains(&method.as_str()) {
        return Err(format!(
            "METHOD must be GET, POST, PUT, DELETE or PATCH, not {}",
            args.method
        ));
    }
    let base = endpoint(&args.endpoint)?;
    let (path, query) = path_and_query(&args.path, &args.query)?;
    let body = match &args.data {
        Some(d) => body_of(d)?,
        None => Vec::new(),
    };
    let host = match (base.host_str(), base.port()) {
        (Some(h), Some(p)) => format!("{h}:{p}"),
        (Some(h), None) => h.to_owned(),
        (None, _) => return Err(format!("BSS_ENDPOINT {} has no host", args.endpoint)),
    };
    let date = signing::format_sdk_date(chrono::Utc::now().timestamp());
    let mut headers: Vec<(&str, &str)> = vec![
        ("Content-Type", "application/json"),
        ("Host", &host),
        ("X-Sdk-Date", &date),
    ];
    if let Some(d) = &cred.domain_id {
        headers.push(("X-Domain-Id", d));
    }
    let authorization = signing::sign(&method, &path, &query, &headers, &body, &cred.ak, &cred.sk);
    let mut url = format!("{}{path}", base.as_str().trim_end_matches('/'));
    if !query.is_empty() {
        url = format!("{url}?{query}");
    }
    let client = reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs(60))
        .build()
        .map_err(|e| e.to_string())?;
    let m = reqwest::Method::from_bytes(method.as_bytes()).map_err(|e| e.to_string())?;
    let mut req = client.request(m, &url).body(body);
    // Host is set by the client from the URL, the same value as signed.
    for (k, v) in headers.iter().filter(|(k, _)| *k != "Host") {
        req = req.header(*k, *v);
    }
    req = req.header("Authorization", authorization);
    if let Some(k) = &args.idempotency_key {
        req = req.header("Idempotency-Key", k);
    }
    let resp = req
        .send()
        .map_err(|e| format!("no answer from {}: {e}", base.as_str()))?;
    let status = resp.status();
    let request_id = resp
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-")
        .to_owned();
    let text = resp.text().map_err(|e| e.to_string())?;
    eprintln!("{method} {path}: {status}, request id {request_id}");
    let ok = status.is_success() || status.is_redirection();
    let shown = match &args.field {
        Some(field) if ok => pick(&text, field)?,
        _ => pretty(&text),
    };
    if shown.is_empty() {
        // 204: nothing to print.
    } else if ok || args.field.is_none() {
        emit(&shown);
    } else {
        // `X=$(partner-bss api … --field id)` must not capture an error body.
        eprintln!("{shown}");
    }
    if ok {
        Ok(())
    } else {
        Err(format!("the server answered {status}"))
    }
}

/// To stdout; a reader that went away (`| head`) is not an error.
fn emit(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{text}").and_then(|()| out.flush());
}

fn endpoint(raw: &str) -> Result<reqwest::Url, String> {
    let url = reqwest::Url::parse(raw).map_err(|e| {
        format!("BSS_ENDPOINT {raw} is not a URL ({e}); e.g. http://127.0.0.1:8080")
    })?;
    match url.scheme() {
        "http" => Ok(url),
        "https" => Err("this build speaks plain HTTP only; reach the server over http:// (e.g. through an SSH tunnel) or use the SDK for https".into()),
        other => Err(format!("BSS_ENDPOINT must start with http://, not {other}://")),
    }
}

/// The path encoded segment by segment and the query built the way the SDK builds them.
fn path_and_query(raw: &str, extra: &[String]) -> Result<(String, String), String> {
    let (path, inline) = raw.split_once('?').unwrap_or((raw, ""));
    if !path.starts_with('/') {
        return Err(format!(
            "PATH must start with /, e.g. /v2/partners/sub-customers, not {path}"
        ));
    }
    let encoded = path
        .split('/')
        .map(|seg| signing::encode_component(&decode(seg)))
        .collect::<Vec<_>>()
        .join("/");
    let mut pairs: Vec<(String, String)> = Vec::new();
    for item in inline.split('&').filter(|s| !s.is_empty()) {
        let (k, v) = item.split_once('=').unwrap_or((item, ""));
        pairs.push((decode(k), decode(v)));
    }
    for item in extra {
        let (k, v) = item
            .split_once('=')
            .ok_or_else(|| format!("--query takes name=value, not {item}"))?;
        pairs.push((k.to_owned(), v.to_owned()));
    }
    let refs: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    Ok((encoded, signing::build_query(&refs)))
}

fn body_of(data: &str) -> Result<Vec<u8>, String> {
    let text = match data.strip_prefix('@') {
        Some("-") => {
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .map_err(|e| format!("cannot read the body from standard input: {e}"))?;
            s
        }
        Some(file) => std::fs::read_to_string(file)
            .map_err(|e| format!("cannot read the body from {file}: {e}"))?,
        None => data.to_owned(),
    };
    serde_json::from_str::<serde_json::Value>(&text)
        .map_err(|e| format!("--data is not JSON: {e}"))?;
    Ok(text.into_bytes())
}

fn pretty(text: &str) -> String {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(v) => serde_json::to_string_pretty(&v).unwrap_or_else(|_| text.to_owned()),
        Err(_) => text.trim_end().to_owned(),
    }
}

/// One field by dot path; strings raw (for `X=$(partner-bss api … --field id)`), others as JSON.
fn pick(text: &str, path: &str) -> Result<String, String> {
    let mut v: &serde_json::Value =
        &serde_json::from_str(text).map_err(|_| format!("the answer is not JSON:\n{text}"))?;
    let root = v;
    for key in path.split('.') {
        let next = match key.parse::<usize>() {
            Ok(i) => v.get(i),
            Err(_) => v.get(key),
        };
        v = next
            .ok_or_else(|| format!("the answer has no {path}:\n{}", pretty(&root.to_string())))?;
    }
    Ok(match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    })
}

fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| char::from(c).to_digit(16);
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push(u8::try_from(h * 16 + l).unwrap_or(b'?'));
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn paths_and_queries_are_built_like_the_sdk() {
        let (p, q) = path_and_query(
            "/v2/a b/x%2Fy?limit=10",
            &["name=Zhang San".into(), "offset=0".into()],
        )
        .unwrap();
        assert_eq!(p, "/v2/a%20b/x%2Fy");
        assert_eq!(
            q,
            signing::build_query(&[("limit", "10"), ("name", "Zhang San"), ("offset", "0")])
        );
        assert!(path_and_query("v2/x", &[]).is_err());
        assert!(path_and_query("/v2/x", &["novalue".into()]).is_err());
    }

    #[test]
    fn a_field_is_printed_raw() {
        let t = r#"{"id":"abc","items":[{"n":1}]}"#;
        assert_eq!(pick(t, "id").unwrap(), "abc");
        assert_eq!(pick(t, "items.0.n").unwrap(), "1");
        assert!(pick(t, "nope").unwrap_err().contains("no nope"));
    }

    #[test]
    fn only_plain_http_endpoints() {
        assert!(endpoint("http://127.0.0.1:8080").is_ok());
        assert!(endpoint("https://x").unwrap_err().contains("plain HTTP"));
        assert!(endpoint("127.0.0.1:8080").is_err());
    }
}
