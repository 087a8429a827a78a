//! Every parameter and every request-body property of every operation carries an example
//! (on the property, on the schema it refers to, or an enum to pick one from), so the
//! document shows callers — and Schemathesis — a realistic request. The document walked is
//! the one `/openapi.json` serves (`openapi_routes` asserts the two are the same).

use serde_json::Value;

/// The document's `#/components/...` target of a `$ref`.
fn resolve<'a>(doc: &'a Value, v: &'a Value) -> &'a Value {
    match v.get("$ref").and_then(Value::as_str) {
        Some(r) => r
            .strip_prefix('#')
            .and_then(|p| doc.pointer(p))
            .unwrap_or(&Value::Null),
        None => v,
    }
}

/// An example, non-empty examples or an enum at this level.
fn has_own_example(v: &Value) -> bool {
    v.get("example").is_some()
        || v.get("examples")
            .and_then(Value::as_array)
            .is_some_and(|a| !a.is_empty())
        || v.get("examples")
            .and_then(Value::as_object)
            .is_some_and(|m| !m.is_empty())
        || v.get("enum")
            .and_then(Value::as_array)
            .is_some_and(|a| !a.is_empty())
}

fn is_null_type(v: &Value) -> bool {
    v.get("type").and_then(Value::as_str) == Some("null")
}

/// Calls `visit(path, property, depth)` for each property of an object schema, through
/// `$ref`, `allOf`, `oneOf`, `anyOf` and list items; paths are `prefix.name` (`[]` for items).
fn visit_properties(
    doc: &Value,
    schema: &Value,
    prefix: &str,
    depth: usize,
    visit: &mut dyn FnMut(&str, &Value, usize),
) {
    if depth > 16 {
        return;
    }
    let schema = resolve(doc, schema);
    for key in ["allOf", "oneOf", "anyOf"] {
        for branch in schema
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            visit_properties(doc, branch, prefix, depth + 1, visit);
        }
    }
    if let Some(items) = schema.get("items") {
        visit_properties(doc, items, &format!("{prefix}[]"), depth + 1, visit);
    }
    for (name, prop) in schema
        .get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let path = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}.{name}")
        };
        visit(&path, prop, depth + 1);
    }
}

/// The properties of an object schema lacking an example, as `prefix.name`.
fn properties_without_example(
    doc: &Value,
    schema: &Value,
    prefix: &str,
    out: &mut Vec<String>,
    depth: usize,
) {
    visit_properties(doc, schema, prefix, depth, &mut |path, prop, d| {
        value_without_example(doc, prop, path, out, d)
    });
}

/// The paths of properties that carry an example somewhere in the composition.
fn properties_with_example(
    doc: &Value,
    schema: &Value,
    prefix: &str,
    out: &mut Vec<String>,
    depth: usize,
) {
    visit_properties(doc, schema, prefix, depth, &mut |path, prop, d| {
        if has_own_example(prop) || has_own_example(resolve(doc, prop)) {
            out.push(path.to_owned());
        }
        properties_with_example(doc, prop, path, out, d);
    });
}

/// One property's schema: fine when it or the schema it refers to has an example; otherwise
/// an object, array or composite is fine when everything inside it is.
fn value_without_example(
    doc: &Value,
    prop: &Value,
    path: &str,
    out: &mut Vec<String>,
    depth: usize,
) {
    let target = resolve(doc, prop);
    // `{}` accepts anything and describes no field (a rule's placeholder for list items).
    let unconstrained = target.as_object().is_some_and(|o| o.is_empty());
    if has_own_example(prop) || has_own_example(target) || is_null_type(target) || unconstrained {
        return;
    }
    let composite: Vec<&Value> = ["allOf", "oneOf", "anyOf"]
        .iter()
        .filter_map(|k| target.get(*k).and_then(Value::as_array))
        .flatten()
        .filter(|b| !is_null_type(resolve(doc, b)))
        .collect();
    if !composite.is_empty() {
        for b in composite {
            value_without_example(doc, b, path, out, depth + 1);
        }
        return;
    }
    if target.get("properties").is_some() {
        properties_without_example(doc, target, path, out, depth);
        return;
    }
    if let Some(items) = target.get("items") {
        value_without_example(doc, items, &format!("{path}[]"), out, depth + 1);
        return;
    }
    out.push(path.to_owned());
}

/// `METHOD path: what lacks an example`, for every operation with such a parameter or field.
fn operations_without_examples(doc: &Value) -> Vec<String> {
    let mut failures = Vec::new();
    for (path, item) in doc["paths"].as_object().into_iter().flatten() {
        for (method, op) in item.as_object().into_iter().flatten() {
            let mut missing = Vec::new();
            for p in op
                .get("parameters")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let p = resolve(doc, p);
                let name = p["name"].as_str().unwrap_or("?");
                let where_ = p["in"].as_str().unwrap_or("?");
                if has_own_example(p) {
                    continue;
                }
                let mut inner = Vec::new();
                value_without_example(doc, &p["schema"], name, &mut inner, 0);
                if !inner.is_empty() {
                    missing.push(format!("{where_} parameter {name}"));
                }
            }
            let body = op.get("requestBody").map(|b| resolve(doc, b));
            for media in body
                .and_then(|b| b.get("content"))
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
                .map(|(_, m)| m)
            {
                // A whole-body example serves where field examples together would break a rule
                // between fields (exactly one of two, a value by the form another names).
                if has_own_example(media) || has_own_example(resolve(doc, &media["schema"])) {
                    continue;
                }
                let mut inner = Vec::new();
                properties_without_example(doc, &media["schema"], "", &mut inner, 0);
                // A branch of a composition that only restates a field for a rule between
                // fields (`allOf` of the fields and `oneOf` rules) leans on the field's own
                // example elsewhere in the composition.
                let mut covered = Vec::new();
                properties_with_example(doc, &media["schema"], "", &mut covered, 0);
                // (An example of a list or object shows its items and fields too.)
                inner.retain(|f| {
                    !covered.iter().any(|c| {
                        f == c
                            || f.starts_with(&format!("{c}[]"))
                            || f.starts_with(&format!("{c}."))
                    })
                });
                missing.extend(inner.into_iter().map(|f| format!("body {f}")));
            }
            if !missing.is_empty() {
                missing.sort();
                missing.dedup();
                failures.push(format!(
                    "{} {path}: {}",
                    method.to_uppercase(),
                    missing.join(", ")
                ));
            }
        }
    }
    failures.sort();
    failures
}

#[test]
fn every_parameter_and_body_field_has_an_example() {
    let doc = serde_json::to_value(api::openapi_document()).unwrap();
    let failures = operations_without_examples(&doc);
    assert!(
        failures.is_empty(),
        "{} operations lack examples:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The walk finds what is missing through `$ref`, `allOf` and nullable `oneOf`, and accepts
/// examples, enums and examples on the referenced schema.
#[test]
fn the_walk_sees_through_references_and_composition() {
    let doc = serde_json::json!({
        "components": {"schemas": {
            "Amount": {"type": "string", "examples": ["1.00"]},
            "Bare": {"type": "string"},
            "Inner": {"type": "object", "properties": {"x": {"type": "integer"}, "y": {"enum": ["A"]}}},
            "Body": {"allOf": [
                {"$ref": "#/components/schemas/Inner"},
                {"type": "object", "properties": {
                    "a": {"oneOf": [{"$ref": "#/components/schemas/Amount"}, {"type": "null"}]},
                    "b": {"oneOf": [{"$ref": "#/components/schemas/Bare"}, {"type": "null"}]},
                    "c": {"type": "string", "example": "c"},
                    "d": {"type": "array", "items": {"$ref": "#/components/schemas/Inner"}}
                }}
            ]}
        }},
        "paths": {"/p/{id}": {"post": {
            "parameters": [
                {"name": "id", "in": "path", "schema": {"type": "string"}},
                {"name": "q", "in": "query", "schema": {"type": "string"}, "example": "q"}
            ],
            "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Body"}}}}
        }}}
    });
    assert_eq!(
        operations_without_examples(&doc),
        vec!["POST /p/{id}: body b, body d[].x, body x, path parameter id".to_owned()]
    );
}
