//! Extractors that turn raw requests into typed input, answering `CBC.0100` with the parameter's
//! name when something is wrong.

pub mod body;
pub mod clean;
mod integral;
pub mod json;
mod path;
pub mod query;
mod strict;

use crate::ApiError;
pub use body::{body_of, read_body};
pub use json::{Json, LegacyJson};
pub use path::Path;
pub use query::{LegacyQuery, Query};

/// Makes serde's messages readable: drops the line/column suffix.
pub(crate) fn tidy_serde_message(msg: &str) -> String {
    let msg = match msg.find(" at line ") {
        Some(i) => &msg[..i],
        None => msg,
    };
    domain::text::clip(msg, 200)
}

/// A typed parse's error, naming the field's path.
pub(crate) fn typed_error<E: std::fmt::Display>(e: serde_path_to_error::Error<E>) -> ApiError {
    let path = e.path().to_string();
    let inner = tidy_serde_message(&e.inner().to_string());
    if path == "." || path.is_empty() {
        ApiError::param(format!("request body is invalid: {inner}"))
    } else {
        ApiError::param(format!("{path}: {inner}"))
    }
}

/// Turns validator's errors into one message naming the first offending field, with its full
/// path for nested values (`customer_infos[0].customer_id`).
pub(crate) fn validation_message(errors: &validator::ValidationErrors) -> String {
    let mut all = Vec::new();
    flatten("", errors, &mut all);
    all.sort_by(|a, b| a.0.cmp(&b.0));
    let Some((field, e)) = all.first() else {
        return "request body is invalid".to_owned();
    };
    let param = |k: &str| e.params.get(k).map(|v| v.to_string());
    match e.code.as_ref() {
        "length" => match (param("min"), param("max")) {
            (Some(min), Some(max)) => format!("{field} must be {min} to {max} long"),
            (None, Some(max)) => format!("{field} is too long (at most {max})"),
            (Some(min), None) => format!("{field} must be at least {min} long"),
            _ => format!("{field} has an invalid length"),
        },
        "range" => match (param("min"), param("max")) {
            (Some(min), Some(max)) => format!("{field} must be between {min} and {max}"),
            (None, Some(max)) => format!("{field} must be at most {max}"),
            (Some(min), None) => format!("{field} must be at least {min}"),
            _ => format!("{field} is out of range"),
        },
        "email" => format!("{field} must be an e-mail address"),
        _ => match &e.message {
            Some(m) => format!("{field} {m}"),
            None => format!("{field} is invalid"),
        },
    }
}

fn flatten<'a>(
    prefix: &str,
    errors: &'a validator::ValidationErrors,
    out: &mut Vec<(String, &'a validator::ValidationError)>,
) {
    use validator::ValidationErrorsKind as K;
    for (name, kind) in errors.errors() {
        let path = if prefix.is_empty() {
            name.to_string()
        } else {
            format!("{prefix}.{name}")
        };
        match kind {
            K::Field(list) => out.extend(list.iter().map(|e| (path.clone(), e))),
            K::Struct(inner) => flatten(&path, inner, out),
            K::List(items) => {
                for (i, inner) in items {
                    flatten(&format!("{path}[{i}]"), inner, out);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};
    use validator::Validate;

    #[derive(Deserialize, Serialize, Validate)]
    struct Inner {
        #[validate(length(min = 1, max = 64))]
        customer_id: String,
    }

    #[derive(Deserialize, Validate)]
    struct Outer {
        #[validate(length(min = 1, max = 100), nested)]
        customer_infos: Vec<Inner>,
    }

    #[test]
    fn nested_errors_name_their_path() {
        let bad = Outer {
            customer_infos: vec![
                Inner {
                    customer_id: "ok".into(),
                },
                Inner {
                    customer_id: String::new(),
                },
            ],
        };
        let msg = super::validation_message(&bad.validate().err().unwrap_or_default());
        assert_eq!(msg, "customer_infos[1].customer_id must be 1 to 64 long");
    }
}
