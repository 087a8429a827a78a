//! What a JSON body may not do even when it parses: name a key twice in one object (JSON
//! parsers disagree on which one wins), or hold a field the operation does not define (a
//! misspelt optional field would otherwise be dropped and its default used).

use crate::ApiError;
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::collections::HashSet;
use std::fmt;

/// Refuses a body whose objects repeat a key, naming the first one found.
pub fn check_duplicate_keys(text: &str) -> Result<(), ApiError> {
    match serde_json::from_str::<NoDuplicates>(text) {
        Ok(_) => Ok(()),
        Err(e) => match e.to_string().strip_prefix(DUPLICATE) {
            Some(rest) => {
                let key = rest.split(" at line ").next().unwrap_or(rest);
                Err(ApiError::param(format!(
                    "request body names the key {key} twice in one object"
                )))
            }
            // Syntax errors are reported by the typed parse, which names where they are.
            None => Ok(()),
        },
    }
}

const DUPLICATE: &str = "duplicate key ";

/// Any JSON value, read only to see that no object repeats a key.
struct NoDuplicates;

impl<'de> Deserialize<'de> for NoDuplicates {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NoDuplicatesVisitor)
    }
}

struct NoDuplicatesVisitor;

impl<'de> Visitor<'de> for NoDuplicatesVisitor {
    type Value = NoDuplicates;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<NoDuplicates, E> {
        Ok(NoDuplicates)
    }
    fn visit_i64<E>(self, _: i64) -> Result<NoDuplicates, E> {
        Ok(NoDuplicates)
    }
    fn visit_u64<E>(self, _: u64) -> Result<NoDuplicates, E> {
        Ok(NoDuplicates)
    }
    fn visit_f64<E>(self, _: f64) -> Result<NoDuplicates, E> {
        Ok(NoDuplicates)
    }
    fn visit_str<E>(self, _: &str) -> Result<NoDuplicates, E> {
        Ok(NoDuplicates)
    }
    fn visit_unit<E>(self) -> Result<NoDuplicates, E> {
        Ok(NoDuplicates)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<NoDuplicates, A::Error> {
        while seq.next_element::<NoDuplicates>()?.is_some() {}
        Ok(NoDuplicates)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<NoDuplicates, A::Error> {
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            map.next_value::<NoDuplicates>()?;
            if !seen.insert(key.clone()) {
                let shown = domain::text::clip(&key, 64);
                return Err(serde::de::Error::custom(format!("{DUPLICATE}{shown:?}")));
            }
        }
        Ok(NoDuplicates)
    }
}

/// Deserializes `value` into `T`, refusing fields `T` does not define; errors name their path.
pub fn typed<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> Result<T, ApiError> {
    let mut unknown = Vec::new();
    let mut note = |path: serde_ignored::Path<'_>| unknown.push(render(&path));
    let de = serde_ignored::Deserializer::new(value, &mut note);
    let parsed: Result<T, _> = serde_path_to_error::deserialize(de);
    let value = parsed.map_err(super::typed_error)?;
    match unknown.first() {
        None => Ok(value),
        Some(first) => Err(ApiError::param(format!(
            "{} is not a field of this operation",
            domain::text::clip(first, 100)
        ))),
    }
}

/// `coupon_infos[0].amount`: the path as the body writes it (options and newtypes are no
/// steps of their own).
fn render(path: &serde_ignored::Path<'_>) -> String {
    use serde_ignored::Path;
    match path {
        Path::Root => String::new(),
        Path::Seq { parent, index } => format!("{}[{index}]", render(parent)),
        Path::Map { parent, key } => match render(parent) {
            p if p.is_empty() => key.clone(),
            p => format!("{p}.{key}"),
        },
        Path::Some { parent }
        | Path::NewtypeStruct { parent }
        | Path::NewtypeVariant { parent } => render(parent),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_keys_are_found_at_any_depth() {
        assert!(check_duplicate_keys(r#"{"a": 1, "b": {"c": [1, {"d": 2}]}}"#).is_ok());
        for bad in [
            r#"{"a": 1, "a": 1}"#,
            r#"{"a": {"b": 1, "b": 2}}"#,
            r#"{"a": [{"b": 1, "b": 2}]}"#,
        ] {
            assert!(check_duplicate_keys(bad).is_err(), "{bad}");
        }
        // A number with many digits is still one value (arbitrary_precision).
        assert!(check_duplicate_keys(r#"{"a": 12345678901234567890.123}"#).is_ok());
    }

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Body {
        amount: Option<String>,
        inner: Option<Inner>,
    }

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Inner {
        id: String,
    }

    #[test]
    fn unknown_fields_are_named() {
        let ok: Result<Body, _> = typed(serde_json::json!({"amount": "1", "inner": {"id": "x"}}));
        assert!(ok.is_ok());
        let e = typed::<Body>(serde_json::json!({"amout": "1"})).err();
        assert!(format!("{e:?}").contains("amout is not a field"), "{e:?}");
        let e = typed::<Body>(serde_json::json!({"inner": {"id": "x", "idd": 1}})).err();
        assert!(format!("{e:?}").contains("inner.idd"), "{e:?}");
    }
}
