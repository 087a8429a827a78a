//! Whole numbers written with a fraction or an exponent (`265.0`, `1e2`) are integers in JSON
//! Schema, and Huawei's own gateway (Jackson) takes them for integer fields; serde does not.
//! The body's numbers are rewritten in integer form before typed parsing, so `265.0` fills an
//! `i32` while `265.5` still fails naming its field. Decimal amounts keep their value.

use rust_decimal::Decimal;
use serde_json::{Number, Value};

/// Rewrites every whole number of `value` that has a fraction or exponent in integer form.
pub fn normalize(value: &mut Value) {
    match value {
        Value::Number(n) => {
            if let Some(whole) = whole(n) {
                *n = whole;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(normalize),
        Value::Object(map) => map.values_mut().for_each(normalize),
        _ => {}
    }
}

fn whole(n: &Number) -> Option<Number> {
    let text = n.to_string();
    if !text.contains(['.', 'e', 'E']) {
        return None;
    }
    let d = if text.contains(['e', 'E']) {
        Decimal::from_scientific(&text).ok()?
    } else {
        Decimal::from_str_exact(&text).ok()?
    };
    if !d.fract().is_zero() {
        return None;
    }
    let i = i64::try_from(d.trunc()).ok()?;
    Some(Number::from(i))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn norm(s: &str) -> String {
        let mut v: Value = serde_json::from_str(s).unwrap();
        normalize(&mut v);
        v.to_string()
    }

    #[test]
    fn whole_numbers_become_integers_and_fractions_stay() {
        assert_eq!(
            norm(r#"{"a":265.0,"b":[1e2,0.0,-3.00]}"#),
            r#"{"a":265,"b":[100,0,-3]}"#
        );
        assert_eq!(
            norm(r#"{"a":265.5,"b":"1.0","c":10.25}"#),
            r#"{"a":265.5,"b":"1.0","c":10.25}"#
        );
        // Beyond i64 or unreadable: left for the typed parse to refuse.
        assert!(norm(r#"{"a":1e400}"#).contains("e"));
    }
}
