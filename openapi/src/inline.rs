//! Folds the wire contract's value types into the places that use them. Their component names
//! start with [`PREFIX`]; each reference becomes the type's own schema (a nullable one where
//! the field is an `Option`), with what the field adds (its description, examples) on top, so
//! every field states its rule where it stands.

use serde_json::{Map, Value};

pub const PREFIX: &str = "wire.";
const REF: &str = "#/components/schemas/";

/// Inlines every `wire.*` component and removes them from `components.schemas`.
pub fn inline_wire_types(doc: &mut Value) {
    let Some(schemas) = doc
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    let names: Vec<String> = schemas
        .keys()
        .filter(|k| k.starts_with(PREFIX))
        .cloned()
        .collect();
    let mut wire = Map::new();
    for n in names {
        if let Some(s) = schemas.remove(&n) {
            wire.insert(n, s);
        }
    }
    // A wire type may refer to another (a list of ids): resolve them among themselves first.
    for _ in 0..4 {
        let snapshot = wire.clone();
        for s in wire.values_mut() {
            fold(s, &snapshot);
        }
    }
    fold(doc, &wire);
}

fn wire_ref<'a>(v: &Value, wire: &'a Map<String, Value>) -> Option<&'a Value> {
    let name = v.get("$ref")?.as_str()?.strip_prefix(REF)?;
    wire.get(name)
}

fn is_null_type(v: &Value) -> bool {
    v.as_object()
        .is_some_and(|o| o.len() == 1 && o.get("type") == Some(&Value::String("null".into())))
}

fn fold(v: &mut Value, wire: &Map<String, Value>) {
    match v {
        Value::Array(items) => items.iter_mut().for_each(|i| fold(i, wire)),
        Value::Object(o) => {
            if let Some(replaced) = replacement(o, wire) {
                *v = replaced;
                return;
            }
            o.values_mut().for_each(|i| fold(i, wire));
        }
        _ => {}
    }
}

/// The inlined schema for `o`, if `o` refers to a wire type (directly, as `allOf: [ref]`, or
/// as `oneOf: [null, ref]`).
fn replacement(o: &Map<String, Value>, wire: &Map<String, Value>) -> Option<Value> {
    let whole = Value::Object(o.clone());
    if let Some(target) = wire_ref(&whole, wire) {
        return Some(merged(target, o, &["$ref"], false));
    }
    for (key, nullable) in [("allOf", false), ("oneOf", true)] {
        let Some(Value::Array(parts)) = o.get(key) else {
            continue;
        };
        let refs: Vec<&Value> = parts.iter().filter(|p| !is_null_type(p)).collect();
        let has_null = parts.len() == refs.len() + 1;
        let [only] = refs.as_slice() else {
            continue;
        };
        let Some(target) = wire_ref(only, wire) else {
            continue;
        };
        if (nullable && !has_null) || (!nullable && parts.len() != 1) {
            continue;
        }
        return Some(merged(target, o, &[key], nullable));
    }
    None
}

fn merged(target: &Value, at: &Map<String, Value>, drop: &[&str], nullable: bool) -> Value {
    let mut out = target.as_object().cloned().unwrap_or_default();
    if nullable {
        make_nullable(&mut out);
    }
    for (k, v) in at {
        if !drop.contains(&k.as_str()) {
            out.insert(k.clone(), v.clone());
        }
    }
    Value::Object(out)
}

fn make_nullable(o: &mut Map<String, Value>) {
    match o.get_mut("type") {
        Some(Value::String(t)) => {
            let t = std::mem::take(t);
            o.insert("type".into(), serde_json::json!([t, "null"]));
        }
        Some(Value::Array(ts)) if !ts.contains(&Value::String("null".into())) => {
            ts.push("null".into());
        }
        _ => {}
    }
    if let Some(Value::Array(values)) = o.get_mut("enum") {
        values.push(Value::Null);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn references_become_the_types_schema() {
        let mut doc = json!({
            "paths": {"/x": {"get": {"parameters": [
                {"name": "order_id", "schema": {"$ref": "#/components/schemas/wire.OrderId"}}
            ]}}},
            "components": {"schemas": {
                "wire.OrderId": {"type": "string", "maxLength": 64},
                "wire.Status": {"type": "integer", "enum": [4, 6]},
                "Body": {"properties": {
                    "a": {"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/wire.Status"}]},
                    "b": {"allOf": [{"$ref": "#/components/schemas/wire.OrderId"}], "description": "mine"},
                    "c": {"$ref": "#/components/schemas/Other"}
                }}
            }}
        });
        inline_wire_types(&mut doc);
        assert_eq!(
            doc["paths"]["/x"]["get"]["parameters"][0]["schema"],
            json!({"type": "string", "maxLength": 64})
        );
        let props = &doc["components"]["schemas"]["Body"]["properties"];
        assert_eq!(
            props["a"],
            json!({"type": ["integer", "null"], "enum": [4, 6, null]})
        );
        assert_eq!(
            props["b"],
            json!({"type": "string", "maxLength": 64, "description": "mine"})
        );
        assert_eq!(props["c"], json!({"$ref": "#/components/schemas/Other"}));
        assert!(doc["components"]["schemas"].get("wire.OrderId").is_none());
    }
}
