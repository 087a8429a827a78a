//! Schemas of voucher fields whose Rust type says less than the handlers check.

use utoipa::openapi::schema::{Array, ArrayBuilder, Object, ObjectBuilder, SchemaType, Type};

/// A UTC time, or an empty value, which these list filters read as absent.
pub fn utc_time_or_empty() -> Object {
    let mut o = crate::schemas::utc_time();
    o.pattern = o.pattern.map(|p| {
        let inner = p.trim_start_matches('^').trim_end_matches('$');
        format!("^({inner})?$")
    });
    o
}

/// An id as `domain::vouchers::check_ids` takes it (1–64 characters, no comma or control
/// character); an empty value is left out of the list before the check.
fn id_or_empty() -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::Type(Type::String))
        .pattern(Some(r"^[^,\x00-\x1f\x7f-\x9f]{0,64}$"))
        .examples([serde_json::json!("0c1d2e3f4a5b46c7d8e9f0a1b2c3d4e5")])
        .build()
}

/// A repeated-key id list of at most `max` distinct ids.
pub fn id_list(max: usize) -> Array {
    ArrayBuilder::new()
        .items(id_or_empty())
        .max_items(Some(max))
        .unique_items(true)
        .examples([serde_json::json!(["0c1d2e3f4a5b46c7d8e9f0a1b2c3d4e5"])])
        .build()
}

/// Distinct ids as `check_ids` takes them, `min..=max` of them.
pub fn ids(min: usize, max: usize) -> Array {
    let mut a = crate::handlers::programs::schemas::ids(min, max);
    a.examples = vec![serde_json::json!(["0c1d2e3f4a5b46c7d8e9f0a1b2c3d4e5"])];
    a
}

/// Free text of at most `max` characters without control characters.
pub fn text(max: usize, example: &str) -> Object {
    crate::handlers::programs::schemas::optional_text(max, example)
}

/// Operation types of coupon records, "1" to "9" (an empty value is left out).
pub fn operation_types() -> Array {
    let types = ["", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
    let mut item = crate::schemas::strings(types);
    item.examples = vec![serde_json::json!("1")];
    ArrayBuilder::new()
        .items(item)
        .max_items(Some(8))
        .unique_items(true)
        .examples([serde_json::json!(["1", "2"])])
        .build()
}
