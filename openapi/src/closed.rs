//! Request bodies are closed: the server refuses a field an operation does not define
//! (`CBC.0100` naming it), so every object a request body holds says
//! `additionalProperties: false`.

use serde_json::Value;
use std::collections::BTreeSet;

/// Marks each object schema reachable from a JSON request body, following `$ref`s; a schema
/// composed with `oneOf`/`allOf`/`anyOf` is left open (JSON Schema would judge each branch
/// without the others' properties).
pub fn close_request_bodies(doc: &mut Value) {
    let mut refs = BTreeSet::new();
    if let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) {
        for item in paths.values_mut().filter_map(Value::as_object_mut) {
            for op in item.values_mut() {
                if let Some(schema) =
                    op.pointer_mut("/requestBody/content/application~1json/schema")
                {
                    close(schema, &mut refs);
                }
            }
        }
    }
    let mut done = BTreeSet::new();
    while let Some(name) = refs.pop_first() {
        if !done.insert(name.clone()) {
            continue;
        }
        let pointer = format!("/components/schemas/{name}");
        if let Some(schema) = doc.pointer_mut(&pointer) {
            close(schema, &mut refs);
        }
    }
}

fn close(schema: &mut Value, refs: &mut BTreeSet<String>) {
    let Some(m) = schema.as_object_mut() else {
        return;
    };
    if let Some(r) = m.get("$ref").and_then(Value::as_str) {
        if let Some(name) = r.strip_prefix("#/components/schemas/") {
            refs.insert(name.to_owned());
        }
        return;
    }
    // A composition is judged branch by branch, each without the others' properties: it and
    // its branches stay open, and only objects nested in a branch's properties are closed.
    let mut composed = false;
    for key in ["oneOf", "allOf", "anyOf"] {
        if let Some(Value::Array(parts)) = m.get_mut(key) {
            composed = true;
            for part in parts.iter_mut().filter_map(Value::as_object_mut) {
                if let Some(props) = part.get_mut("properties").and_then(Value::as_object_mut) {
                    props.values_mut().for_each(|p| close(p, refs));
                }
            }
        }
    }
    if let Some(items) = m.get_mut("items") {
        close(items, refs);
    }
    if let Some(props) = m.get_mut("properties").and_then(Value::as_object_mut) {
        props.values_mut().for_each(|p| close(p, refs));
        if !composed {
            m.entry("additionalProperties")
                .or_insert(Value::Bool(false));
        }
    }
}
