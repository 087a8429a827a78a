//! Extractors that turn raw requests into typed input, answering `CBC.0100` with the parameter's
//! name when something is wrong.

pub mod body;
pub mod json;
pub mod query;

pub use body::read_body;
pub use json::Json;
pub use query::Query;

/// Makes serde's messages readable: drops the line/column suffix.
pub(crate) fn tidy_serde_message(msg: &str) -> String {
    let msg = match msg.find(" at line ") {
        Some(i) => &msg[..i],
        None => msg,
    };
    domain::text::clip(msg, 200)
}

/// Turns validator's errors into one message naming the first offending field.
pub(crate) fn validation_message(errors: &validator::ValidationErrors) -> String {
    let mut fields: Vec<_> = errors.field_errors().into_iter().collect();
    fields.sort_by(|a, b| a.0.cmp(&b.0));
    let Some((field, errs)) = fields.first() else {
        return "request body is invalid".to_owned();
    };
    let Some(e) = errs.first() else {
        return format!("{field} is invalid");
    };
    let param = |k: &str| e.params.get(k).map(|v| v.to_string());
    match e.code.as_ref() {
        "length" => match (param("min"), param("max")) {
            (Some(min), Some(max)) => format!("{field} must be {min} to {max} characters long"),
            (None, Some(max)) => format!("{field} is too long (at most {max} characters)"),
            (Some(min), None) => format!("{field} must be at least {min} characters long"),
            _ => format!("{field} has an invalid length"),
        },
        "range" => match (param("min"), param("max")) {
            (Some(min), Some(max)) => format!("{field} must be between {min} and {max}"),
            (None, Some(max)) => format!("{field} must be at most {max}"),
            (Some(min), None) => format!("{field} must be at least {min}"),
            _ => format!("{field} is out of range"),
        },
        _ => match &e.message {
            Some(m) => format!("{field} {m}"),
            None => format!("{field} is invalid"),
        },
    }
}
