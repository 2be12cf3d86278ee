//! Migrations of older format versions, one step at a time, on raw JSON.
//!
//! `MIGRATIONS[n]` turns a `format_version` n document into a version n + 1 one. The array's
//! length is tied to [`FORMAT_VERSION`], so raising the version without adding its step does
//! not compile. Each step works on the raw JSON value, before the model sees it, so the model
//! only ever knows the current version. See `docs/format.md`, "Older versions".

use super::LoadError;
use crate::model::FORMAT_VERSION;
use serde_json::{Map, Value};

/// One step: a document of version n in, version n + 1 out.
type Migration = fn(Value) -> Result<Value, LoadError>;

/// The chain of steps, indexed by the version they start from.
const MIGRATIONS: [Migration; FORMAT_VERSION as usize] = [v0_to_v1];

/// Bring a document of version `from` up to [`FORMAT_VERSION`].
pub(super) fn upgrade(mut value: Value, from: u32) -> Result<Value, LoadError> {
    for step in MIGRATIONS.iter().skip(from as usize) {
        value = step(value)?;
    }
    Ok(value)
}

/// Version 0, the pre-release draft: links were called `edges`, their ends `source` and
/// `target`, and positions were `[x, y]` arrays.
fn v0_to_v1(mut value: Value) -> Result<Value, LoadError> {
    let Some(root) = value.as_object_mut() else {
        return Err(LoadError::at("", "expected a JSON object"));
    };
    if root.contains_key("edges") {
        if root.contains_key("links") {
            return Err(LoadError::at(
                "/edges",
                "a format_version 0 document has \"edges\" or \"links\", not both",
            ));
        }
        rename_key(root, "edges", "links");
    }
    if let Some(Value::Array(links)) = root.get_mut("links") {
        for link in links.iter_mut().filter_map(Value::as_object_mut) {
            rename_key(link, "source", "from");
            rename_key(link, "target", "to");
        }
    }
    if let Some(Value::Array(nodes)) = root.get_mut("nodes") {
        for (i, node) in nodes.iter_mut().enumerate() {
            let Some(position) = node.get_mut("position") else {
                continue;
            };
            if let Value::Array(xy) = position {
                let (Some(x), Some(y), 2) = (
                    xy.first().and_then(Value::as_f64),
                    xy.get(1).and_then(Value::as_f64),
                    xy.len(),
                ) else {
                    return Err(LoadError::at(
                        format!("/nodes/{i}/position"),
                        "a format_version 0 position is an array of two numbers [x, y]",
                    ));
                };
                *position = serde_json::json!({ "x": x, "y": y });
            }
        }
    }
    root.insert("format_version".to_owned(), Value::from(1));
    Ok(value)
}

/// Rename a key in place, keeping the order of the keys (files diff well after a migration).
fn rename_key(map: &mut Map<String, Value>, old: &str, new: &str) {
    if !map.contains_key(old) || map.contains_key(new) {
        return;
    }
    let entries = std::mem::take(map);
    for (key, value) in entries {
        if key == old {
            map.insert(new.to_owned(), value);
        } else {
            map.insert(key, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn v0_edges_become_links_with_from_and_to() {
        let v0 = json!({
            "format": "exchange-hybrid-topology",
            "format_version": 0,
            "nodes": [{"id": "a", "kind": "hybrid_agent", "name": "A", "position": [1.5, 2]}],
            "edges": [{"id": "e1", "kind": "routes_to", "source": "a", "target": "a", "label": "x"}],
            "x-extra": true
        });
        let v1 = upgrade(v0, 0).expect("a valid v0 document migrates");
        let keys: Vec<&str> = v1
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            ["format", "format_version", "nodes", "links", "x-extra"]
        );
        assert_eq!(v1["format_version"], json!(1));
        assert_eq!(v1["nodes"][0]["position"], json!({"x": 1.5, "y": 2.0}));
        let link_keys: Vec<&str> = v1["links"][0]
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(link_keys, ["id", "kind", "from", "to", "label"]);
    }

    #[test]
    fn v0_position_of_three_numbers_is_refused_at_its_path() {
        let v0 = json!({"format_version": 0, "nodes": [{"id": "a", "position": [1, 2, 3]}]});
        let err = upgrade(v0, 0).expect_err("three coordinates are not a position");
        assert_eq!(err.path(), Some("/nodes/0/position"));
    }

    #[test]
    fn current_version_is_left_alone() {
        let v1 = json!({"format_version": 1, "edges": []});
        assert_eq!(
            upgrade(v1.clone(), FORMAT_VERSION).expect("no step to run"),
            v1
        );
    }
}
