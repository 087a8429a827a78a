//! Text that can never be valid anywhere: NUL and other control characters in path and query
//! parameters, NUL in JSON strings, invalid UTF-8. Refused with `CBC.0100` naming the parameter
//! before any of it reaches the database (PostgreSQL refuses NUL in text with an error).

use crate::ApiError;
use percent_encoding::percent_decode;

/// Checks every `key=value` pair of a raw query string.
pub fn check_query(raw: &str) -> Result<(), ApiError> {
    for pair in raw.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let key = decode(k).map_err(|why| ApiError::param(format!("a query key {why}")))?;
        let name = domain::text::clip(&key, 64);
        if let Some(why) = control_problem(&key) {
            return Err(ApiError::param(format!("query key {name:?} {why}")));
        }
        let value = decode(v).map_err(|why| ApiError::param(format!("{name} {why}")))?;
        if let Some(why) = control_problem(&value) {
            return Err(ApiError::param(format!("{name} {why}")));
        }
    }
    Ok(())
}

/// Checks decoded path parameters, `(name, value)`.
pub fn check_path<'a>(params: impl Iterator<Item = (&'a str, &'a str)>) -> Result<(), ApiError> {
    for (name, value) in params {
        let decoded =
            decode(value).map_err(|why| ApiError::param(format!("path parameter {name} {why}")))?;
        if let Some(why) = control_problem(&decoded) {
            return Err(ApiError::param(format!("path parameter {name} {why}")));
        }
    }
    Ok(())
}

/// Finds the first string (key or value) holding NUL in a parsed JSON body and names its path.
pub fn check_json(value: &serde_json::Value) -> Result<(), ApiError> {
    match find_nul(value, String::new()) {
        Some(path) => Err(ApiError::param(format!(
            "{path} must not contain NUL characters"
        ))),
        None => Ok(()),
    }
}

fn find_nul(value: &serde_json::Value, path: String) -> Option<String> {
    use serde_json::Value;
    match value {
        Value::String(s) if s.contains('\0') => Some(if path.is_empty() {
            "request body".to_owned()
        } else {
            path
        }),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| find_nul(v, format!("{path}[{i}]"))),
        Value::Object(map) => map.iter().find_map(|(k, v)| {
            let here = if path.is_empty() {
                domain::text::clip(k, 64)
            } else {
                format!("{path}.{}", domain::text::clip(k, 64))
            };
            if k.contains('\0') {
                Some(here.replace('\0', "\\0"))
            } else {
                find_nul(v, here)
            }
        }),
        _ => None,
    }
}

/// Form decoding (`+` is a space) that refuses bytes that are not UTF-8.
fn decode(s: &str) -> Result<String, &'static str> {
    let spaced = s.replace('+', " ");
    percent_decode(spaced.as_bytes())
        .decode_utf8()
        .map(|c| c.into_owned())
        .map_err(|_| "is not valid UTF-8")
}

fn control_problem(s: &str) -> Option<&'static str> {
    if s.contains('\0') {
        Some("must not contain NUL characters")
    } else if s.chars().any(char::is_control) {
        Some("must not contain control characters")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn msg(r: Result<(), ApiError>) -> String {
        r.err().map(|e| e.message()).unwrap_or_default()
    }

    #[test]
    fn refuses_nul_control_and_bad_utf8_naming_the_parameter() {
        assert!(check_query("a=1&b=x+y%20z&c=%E4%B8%AD").is_ok());
        assert_eq!(
            msg(check_query("offset=0&order_id=CS%00")),
            "order_id must not contain NUL characters"
        );
        assert_eq!(
            msg(check_query("order_id=%1B")),
            "order_id must not contain control characters"
        );
        assert_eq!(
            msg(check_query("customer_id=%FF")),
            "customer_id is not valid UTF-8"
        );
        assert_eq!(
            msg(check_path([("order_id", "a\0b")].into_iter())),
            "path parameter order_id must not contain NUL characters"
        );
        assert!(check_json(&json!({"a": ["x", {"b": "ok\n"}]})).is_ok());
        assert_eq!(
            msg(check_json(&json!({"a": ["x", {"b": "n\u{0}"}]}))),
            "a[1].b must not contain NUL characters"
        );
    }
}
