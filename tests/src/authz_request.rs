//! Builds a request for any documented operation with one id parameter set to a chosen value
//! and every other parameter filled with the caller's own ids or plausible values.

use crate::authz::{fixture_for, Fixture, Side};
use crate::openapi_walk::{body_schema, id_like, resolve, sample, type_of, IdParam, Place};
use crate::Client;
use serde_json::{json, Map, Value};

#[derive(Clone)]
pub struct Request {
    pub path: String,
    pub query: Vec<(String, String)>,
    pub body: Option<String>,
}

impl Request {
    pub async fn send(&self, client: &Client, method: &str) -> crate::Response {
        let q: Vec<(&str, &str)> = self
            .query
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        client.send(method, &self.path, &q, self.body.clone()).await
    }
}

/// The caller's own id for a parameter, if it names an object.
fn own_id(own: &Side, name: &str, path: &str) -> Option<String> {
    match fixture_for(name, path) {
        Some(Fixture::Object(kind)) => own.ids.get(kind).cloned(),
        _ => None,
    }
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

pub fn build(
    doc: &Value,
    path: &str,
    op: &Value,
    target: &IdParam,
    value: &str,
    own: &Side,
) -> Request {
    let mut concrete = path.to_owned();
    let mut query = Vec::new();
    for p in op["parameters"].as_array().into_iter().flatten() {
        let name = p["name"].as_str().unwrap_or_default();
        let place = match p["in"].as_str() {
            Some("path") => Place::Path,
            Some("query") => Place::Query,
            _ => continue,
        };
        let is_target = target.place == place && target.name == name;
        let v = if is_target {
            Some(value.to_owned())
        } else if place == Place::Path || p["required"] == true {
            Some(if id_like(name, &place) {
                own_id(own, name, path).unwrap_or_else(|| "x".into())
            } else {
                text(&first_of(sample(doc, name, &p["schema"])))
            })
        } else {
            None
        };
        let Some(v) = v else { continue };
        match place {
            Place::Path => {
                concrete = concrete.replace(&format!("{{{name}}}"), &Client::path(&[&v]));
            }
            _ => query.push((name.to_owned(), v)),
        }
    }
    let body = body_schema(op).map(|s| {
        let target_path = (target.place == Place::Body).then_some(target.name.as_str());
        body_value(doc, s, "", target_path, value, own, path).to_string()
    });
    Request {
        path: concrete,
        query,
        body,
    }
}

fn first_of(v: Value) -> Value {
    match v {
        Value::Array(mut a) if !a.is_empty() => a.swap_remove(0),
        other => other,
    }
}

/// A body with the required fields, the target field set to `value`, and id fields holding the
/// caller's own ids.
fn body_value(
    doc: &Value,
    s: &Value,
    prefix: &str,
    target: Option<&str>,
    value: &str,
    own: &Side,
    path: &str,
) -> Value {
    let s = resolve(doc, s);
    match type_of(s) {
        "array" => json!([body_value(
            doc,
            &s["items"],
            &format!("{prefix}[]"),
            target,
            value,
            own,
            path
        )]),
        "object" => {
            let required: Vec<&str> = s["required"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            let mut m = Map::new();
            for (k, field) in s["properties"].as_object().into_iter().flatten() {
                let here = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                let on_target_path = target.is_some_and(|t| {
                    t == here
                        || t.starts_with(&format!("{here}."))
                        || t.starts_with(&format!("{here}["))
                });
                if !required.contains(&k.as_str()) && !on_target_path {
                    continue;
                }
                let fs = resolve(doc, field);
                let leaf = if target == Some(here.as_str()) {
                    Some(value.to_owned())
                } else if id_like(k, &Place::Body) && !on_target_path {
                    own_id(own, &here, path).or_else(|| own_id(own, k, path))
                } else {
                    None
                };
                let v = match leaf {
                    Some(id) if type_of(fs) == "array" => json!([id]),
                    Some(id) => json!(id),
                    None if on_target_path || matches!(type_of(fs), "object" | "array") => {
                        body_value(doc, field, &here, target, value, own, path)
                    }
                    None => sample(doc, k, field),
                };
                m.insert(k.clone(), v);
            }
            Value::Object(m)
        }
        _ => sample(doc, prefix, s),
    }
}
