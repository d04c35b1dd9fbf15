//! A small structural validator for the OpenAPI document's schemas: enough to prove that every
//! answer the API gives is documented (types, required and undocumented properties, enums, ranges).

use serde_json::Value;

/// The schema `#/components/schemas/{name}` of `document`.
pub fn component<'a>(document: &'a Value, name: &str) -> &'a Value {
    let schema = &document["components"]["schemas"][name];
    assert!(schema.is_object(), "schema {name} is not documented");
    schema
}

/// Every way `value` departs from `schema` (empty when it fits).
pub fn violations(document: &Value, schema: &Value, value: &Value) -> Vec<String> {
    let mut found = Vec::new();
    check(document, schema, value, "", &mut found);
    found
}

pub fn assert_fits(document: &Value, schema_name: &str, value: &Value) {
    let found = violations(document, component(document, schema_name), value);
    assert!(found.is_empty(), "{value} does not fit {schema_name}: {found:?}");
}

fn resolve<'a>(document: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let pointer = reference.strip_prefix('#').expect("local reference");
            let target = document.pointer(pointer).unwrap_or_else(|| panic!("dangling $ref {reference}"));
            resolve(document, target)
        }
        None => schema,
    }
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn type_allows(declared: &Value, actual: &str) -> bool {
    let allows = |name: &str| name == actual || (name == "number" && actual == "integer");
    match declared {
        Value::String(name) => allows(name),
        Value::Array(names) => names.iter().filter_map(Value::as_str).any(allows),
        _ => true,
    }
}

fn check(document: &Value, schema: &Value, value: &Value, at: &str, found: &mut Vec<String>) {
    let schema = resolve(document, schema);
    if let Some(declared) = schema.get("type")
        && !type_allows(declared, type_name(value))
    {
        found.push(format!("{at}: {} is not of type {declared}", type_name(value)));
        return;
    }
    if let Some(choices) = schema.get("enum").and_then(Value::as_array)
        && !choices.contains(value)
    {
        found.push(format!("{at}: {value} is not one of {choices:?}"));
    }
    if let Some(constant) = schema.get("const")
        && constant != value
    {
        found.push(format!("{at}: {value} is not {constant}"));
    }
    if let Some(number) = value.as_f64() {
        let below = schema.get("minimum").and_then(Value::as_f64).is_some_and(|min| number < min);
        let above = schema.get("maximum").and_then(Value::as_f64).is_some_and(|max| number > max);
        if below || above {
            found.push(format!("{at}: {number} is out of range"));
        }
    }
    match value {
        Value::Object(object) => check_object(document, schema, object, at, found),
        Value::Array(items) => {
            if let Some(max) = schema.get("maxItems").and_then(Value::as_u64)
                && items.len() as u64 > max
            {
                found.push(format!("{at}: more than {max} items"));
            }
            if let Some(item_schema) = schema.get("items") {
                for (i, item) in items.iter().enumerate() {
                    check(document, item_schema, item, &format!("{at}/{i}"), found);
                }
            }
        }
        _ => {}
    }
}

fn check_object(
    document: &Value,
    schema: &Value,
    object: &serde_json::Map<String, Value>,
    at: &str,
    found: &mut Vec<String>,
) {
    let properties = schema.get("properties").and_then(Value::as_object);
    for required in schema.get("required").and_then(Value::as_array).into_iter().flatten() {
        let name = required.as_str().unwrap_or_default();
        if !object.contains_key(name) {
            found.push(format!("{at}/{name}: required but absent"));
        }
    }
    for (name, item) in object {
        match properties.and_then(|p| p.get(name)) {
            Some(property) => check(document, property, item, &format!("{at}/{name}"), found),
            None if schema.get("additionalProperties") == Some(&Value::Bool(false)) => {
                found.push(format!("{at}/{name}: not documented"));
            }
            None => {}
        }
    }
}

#[test]
fn the_validator_catches_undocumented_and_mistyped_properties() {
    let document = serde_json::json!({"components": {"schemas": {"T": {
        "type": "object", "additionalProperties": false, "required": ["a"],
        "properties": {"a": {"type": "string", "enum": ["x"]}, "n": {"type": "number", "maximum": 1}}
    }}}});
    let schema = component(&document, "T");
    assert!(violations(&document, schema, &serde_json::json!({"a": "x", "n": 0.5})).is_empty());
    for wrong in [
        serde_json::json!({"a": "x", "extra": 1}),
        serde_json::json!({"a": "y"}),
        serde_json::json!({"a": 1}),
        serde_json::json!({"n": 0.5}),
        serde_json::json!({"a": "x", "n": 2}),
    ] {
        assert!(!violations(&document, schema, &wrong).is_empty(), "{wrong} passed");
    }
}
