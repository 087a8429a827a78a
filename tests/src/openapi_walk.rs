//! Reads the served OpenAPI document for generated tests: operations, their id-like parameters
//! (path, query, body fields at any depth) and plausible values for everything else.

use serde_json::{json, Map, Value};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    Path,
    Query,
    /// Body field path, `a.b[].c` style (`[]` marks array items).
    Body,
}

#[derive(Debug, Clone)]
pub struct IdParam {
    pub place: Place,
    /// Parameter name, or the body field path (`customer_infos[].customer_id`).
    pub name: String,
}

impl IdParam {
    /// The registry names to try: the full body path, then its last segment.
    pub fn lookup_names(&self) -> Vec<String> {
        let last = self
            .name
            .rsplit('.')
            .next()
            .unwrap_or(&self.name)
            .to_owned();
        if last == self.name {
            vec![last]
        } else {
            vec![self.name.clone(), last]
        }
    }
}

pub struct Op {
    pub method: String,
    pub path: String,
    pub op: Value,
}

pub fn document() -> Value {
    serde_json::to_value(api::openapi_document()).expect("document")
}

pub fn operations(doc: &Value) -> Vec<Op> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().into_iter().flatten() {
        for (method, op) in item.as_object().into_iter().flatten() {
            out.push(Op {
                method: method.to_uppercase(),
                path: path.clone(),
                op: op.clone(),
            });
        }
    }
    out
}

/// `_id`, `_ids`, `id`, or a path `…_code`.
pub fn id_like(name: &str, place: &Place) -> bool {
    let last = name.rsplit(['.', ']']).next().unwrap_or(name);
    let last = last.trim_start_matches('.');
    last == "id"
        || last.ends_with("_id")
        || last.ends_with("_ids")
        || (*place == Place::Path && last.ends_with("_code"))
}

pub fn resolve<'a>(doc: &'a Value, mut s: &'a Value) -> &'a Value {
    for _ in 0..10 {
        match s.get("$ref").and_then(Value::as_str) {
            Some(r) => {
                let name = r.rsplit('/').next().unwrap_or_default();
                s = &doc["components"]["schemas"][name];
            }
            None => break,
        }
    }
    if let Some(first) = s
        .get("oneOf")
        .or_else(|| s.get("anyOf"))
        .and_then(Value::as_array)
        .and_then(|a| a.iter().find(|x| x.get("type") != Some(&json!("null"))))
    {
        return resolve(doc, first);
    }
    s
}

pub fn body_schema(op: &Value) -> Option<&Value> {
    op.get("requestBody")?
        .get("content")?
        .get("application/json")?
        .get("schema")
}

pub fn id_params(doc: &Value, op: &Value) -> Vec<IdParam> {
    let mut out = Vec::new();
    for p in op["parameters"].as_array().into_iter().flatten() {
        let place = match p["in"].as_str() {
            Some("path") => Place::Path,
            Some("query") => Place::Query,
            _ => continue,
        };
        let name = p["name"].as_str().unwrap_or_default().to_owned();
        if id_like(&name, &place) {
            out.push(IdParam { place, name });
        }
    }
    if let Some(s) = body_schema(op) {
        body_ids(doc, s, "", &mut out, 0);
    }
    out
}

fn body_ids(doc: &Value, s: &Value, prefix: &str, out: &mut Vec<IdParam>, depth: u32) {
    if depth > 6 {
        return;
    }
    let s = resolve(doc, s);
    if let Some(items) = s.get("items") {
        body_ids(doc, items, &format!("{prefix}[]"), out, depth + 1);
    }
    for (k, v) in s["properties"].as_object().into_iter().flatten() {
        let here = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        if id_like(k, &Place::Body) {
            out.push(IdParam {
                place: Place::Body,
                name: here.clone(),
            });
        }
        body_ids(doc, v, &here, out, depth + 1);
    }
}

/// The first JSON type of a schema that is not `null`.
pub fn type_of(s: &Value) -> &str {
    match &s["type"] {
        Value::String(t) => t.as_str(),
        Value::Array(ts) => ts
            .iter()
            .filter_map(Value::as_str)
            .find(|t| *t != "null")
            .unwrap_or(""),
        _ if s.get("properties").is_some() => "object",
        _ => "",
    }
}

/// A plausible value for a parameter or field that is not the id under test.
pub fn sample(doc: &Value, name: &str, s: &Value) -> Value {
    let s = resolve(doc, s);
    if let Some(v) = hint(name) {
        return v;
    }
    if let Some(e) = s.get("example") {
        return e.clone();
    }
    if let Some(first) = s["enum"].as_array().and_then(|a| a.first()) {
        return first.clone();
    }
    match type_of(s) {
        "integer" | "number" => {
            json!(s["minimum"]
                .as_i64()
                .unwrap_or(1)
                .max(s["minimum"].as_i64().unwrap_or(0)))
        }
        "boolean" => json!(false),
        "array" => {
            let item = sample(doc, name, &s["items"]);
            json!([item])
        }
        "object" => {
            let mut m = Map::new();
            for r in s["required"].as_array().into_iter().flatten() {
                let k = r.as_str().unwrap_or_default();
                m.insert(k.to_owned(), sample(doc, k, &s["properties"][k]));
            }
            Value::Object(m)
        }
        _ => {
            let min = s["minLength"].as_u64().unwrap_or(1).max(1);
            json!("x".repeat(usize::try_from(min).unwrap_or(1)))
        }
    }
}

/// Values the schema cannot say well enough (decimal amounts, codes checked by rules).
fn hint(name: &str) -> Option<Value> {
    Some(match name {
        "amount" | "quota_amount" | "face_value" | "annual_scale" | "credit_limit" => json!("1.00"),
        "association_type" => json!("2"),
        "use_coupon" | "use_discount" => json!("NO"),
        "country_code" => json!("CN"),
        "currency" => json!("CNY"),
        "limit" => json!(10),
        "offset" => json!(0),
        "path_type" => json!("SOFTWARE"),
        "role" => json!("PROJECT_MANAGER"),
        "purpose" | "business_plan" | "project_name" | "reason" | "remark" => json!("test"),
        "search_type" => json!("email"),
        "search_value" => json!("nobody@example.com"),
        "balance_type" => json!("BALANCE_TYPE_DEBIT"),
        _ => return None,
    })
}
