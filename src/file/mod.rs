//! Reading and writing topology files: the versioned envelope, migrations, error paths, atomic saves.
//!
//! Loading goes in fixed steps so that every refusal names one place in the file:
//! the text must be JSON; `format` must be `exchange-hybrid-topology`; `format_version` must
//! be one this program knows (older ones are migrated step by step, newer ones refused);
//! then the document is deserialized once into [`Document`] (the model types are the wire
//! format), and finally the structure is checked (unique ids, links between existing nodes,
//! versions on servers, dates). A refused file is refused as a whole: nothing is half-loaded.

mod atomic;
mod error;
mod migrate;
pub mod recovery;

pub use atomic::{write_atomic, write_atomic_with};
pub use error::{LoadError, SaveError};

use crate::model::{Date, DateError, Document, FORMAT_NAME, FORMAT_VERSION, LinkId, YearMonth};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// Read a topology document from JSON text, migrating older format versions.
pub fn from_str(text: &str) -> Result<Document, LoadError> {
    let doc = parse(text)?;
    check_structure(&doc)?;
    Ok(doc)
}

/// JSON text to a [`Document`] of the current version: every step but the structure check.
fn parse(text: &str) -> Result<Document, LoadError> {
    // Some Windows editors start UTF-8 files with a byte-order mark, which JSON does not allow.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LoadError::Empty);
    }
    if let Some(doc) = current_version_fast_path(text) {
        return Ok(doc);
    }
    let value: Value =
        serde_json::from_str(text).map_err(|e| LoadError::NotJson(syntax_reason(&e)))?;
    parse_value(value)
}

/// The envelope fields, read without building the rest of the tree.
#[derive(serde::Deserialize)]
struct Envelope {
    format: Option<Value>,
    format_version: Option<Value>,
}

/// A well-formed file of the current version parses straight into [`Document`], which is
/// several times faster than building a `serde_json::Value` first (large plans load in a
/// fraction of the time). Anything else (an old version, a foreign file, any error) returns
/// `None` and takes the step-by-step path, which alone words the refusals.
fn current_version_fast_path(text: &str) -> Option<Document> {
    let envelope: Envelope = serde_json::from_str(text).ok()?;
    let is_current = envelope.format.as_ref().and_then(Value::as_str) == Some(FORMAT_NAME)
        && envelope.format_version.as_ref().and_then(Value::as_u64)
            == Some(u64::from(FORMAT_VERSION));
    if !is_current {
        return None;
    }
    serde_json::from_str(text).ok()
}

/// Read a topology document from an already parsed JSON value, migrating older format versions.
pub fn from_value(value: Value) -> Result<Document, LoadError> {
    let doc = parse_value(value)?;
    check_structure(&doc)?;
    Ok(doc)
}

/// The envelope, migrations and deserialization of [`from_value`], without the structure check.
fn parse_value(value: Value) -> Result<Document, LoadError> {
    let Value::Object(root) = &value else {
        return Err(LoadError::at(
            "",
            format!("expected a JSON object, found {}", describe(&value)),
        ));
    };
    match root.get("format") {
        Some(Value::String(s)) if s == FORMAT_NAME => {}
        Some(Value::String(s)) => {
            return Err(LoadError::at(
                "/format",
                format!(
                    "not an {FORMAT_NAME} document (its format is \"{}\")",
                    shorten(s)
                ),
            ));
        }
        Some(other) => {
            return Err(LoadError::at(
                "/format",
                format!(
                    "not an {FORMAT_NAME} document (format is {})",
                    describe(other)
                ),
            ));
        }
        None => {
            return Err(LoadError::at(
                "/format",
                format!("not an {FORMAT_NAME} document (there is no \"format\" field)"),
            ));
        }
    }
    let version = match root.get("format_version") {
        None => {
            return Err(LoadError::at(
                "/format_version",
                format!("missing field \"format_version\" (this program writes {FORMAT_VERSION})"),
            ));
        }
        Some(v) => match v.as_u64() {
            Some(n) => n,
            None => {
                return Err(LoadError::at(
                    "/format_version",
                    format!("expected a whole number, found {}", describe(v)),
                ));
            }
        },
    };
    let value = match u32::try_from(version) {
        Ok(v) if v <= FORMAT_VERSION => migrate::upgrade(value, v)?,
        _ => {
            return Err(LoadError::Newer {
                found: version,
                known: FORMAT_VERSION,
            });
        }
    };
    deserialize(value)
}

/// Read a topology document from a file. Errors name the file as well as the place in it.
pub fn load(path: &Path) -> Result<Document, LoadError> {
    read_file(path, from_str)
}

/// A link whose id repeated an earlier link's and was given a fresh one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renumbered {
    /// Its place in `links`.
    pub index: usize,
    /// The id it had in the file.
    pub old: LinkId,
    /// The id it has now.
    pub new: LinkId,
}

/// Reads a file that [`load`] refuses only because links share ids (a hand-edited or
/// generated file), giving every repeat a fresh id (`l8` becomes `l8-2`). The first link
/// with an id keeps it, so views that name it still do. The file itself is not touched, and
/// any other problem is refused as [`load`] refuses it.
pub fn load_renumbering_duplicate_links(
    path: &Path,
) -> Result<(Document, Vec<Renumbered>), LoadError> {
    read_file(path, |text| {
        let mut doc = parse(text)?;
        let renumbered = renumber_duplicate_links(&mut doc);
        check_structure(&doc)?;
        Ok((doc, renumbered))
    })
}

fn renumber_duplicate_links(doc: &mut Document) -> Vec<Renumbered> {
    let mut taken: HashSet<String> = doc.links.iter().map(|l| l.id.to_string()).collect();
    taken.extend(doc.nodes.iter().map(|n| n.id.to_string()));
    let mut seen: HashSet<String> = HashSet::with_capacity(doc.links.len());
    // The next suffix to try for each repeated id, so a thousand repeats of one id cost a
    // thousand tries, not half a million.
    let mut next: HashMap<String, u64> = HashMap::new();
    let mut out = Vec::new();
    for (index, link) in doc.links.iter_mut().enumerate() {
        if seen.insert(link.id.to_string()) {
            continue;
        }
        let n = next.entry(link.id.to_string()).or_insert(2);
        // Ends: `taken` is finite.
        let fresh = loop {
            let id = format!("{}-{n}", link.id);
            *n += 1;
            if !taken.contains(&id) {
                break id;
            }
        };
        taken.insert(fresh.clone());
        seen.insert(fresh.clone());
        let old = std::mem::replace(&mut link.id, LinkId::from(fresh));
        out.push(Renumbered {
            index,
            old,
            new: link.id.clone(),
        });
    }
    out
}

/// Reads `path` as UTF-8 text and hands it to `parse`; errors name the file.
fn read_file<T>(
    path: &Path,
    parse: impl FnOnce(&str) -> Result<T, LoadError>,
) -> Result<T, LoadError> {
    let bytes = std::fs::read(path).map_err(|source| LoadError::Read {
        file: path.to_path_buf(),
        source,
    })?;
    let result = match std::str::from_utf8(&bytes) {
        Ok(text) => parse(text),
        Err(e) => Err(LoadError::NotJson(format!(
            "the file is not UTF-8 text (invalid byte at offset {})",
            e.valid_up_to()
        ))),
    };
    result.map_err(|e| e.in_file(path.to_path_buf()))
}

/// The document as pretty-printed JSON with a trailing newline. Stable: the same document
/// always gives the same bytes (fields in model order, unknown fields in the order they
/// were read), so plans diff well under version control.
#[must_use]
pub fn to_string(doc: &Document) -> String {
    // Serializing the model cannot fail: every map has string keys and every value is plain
    // data. Non-finite numbers (never produced by the editor) would be written as `null`.
    let mut text = serde_json::to_string_pretty(doc).unwrap_or_else(|e| {
        unreachable!("a Document always serializes to JSON: {e}");
    });
    text.push('\n');
    text
}

/// Save the document to a file atomically: the file is either the new document or
/// untouched, never half written.
pub fn save(path: &Path, doc: &Document) -> Result<(), SaveError> {
    write_atomic(path, to_string(doc).as_bytes())
}

/// Deserialize once, keeping the JSON path of the first problem.
fn deserialize(value: Value) -> Result<Document, LoadError> {
    serde_path_to_error::deserialize::<_, Document>(value).map_err(|e| {
        let pointer = pointer_of(e.path());
        let message = explain(&e.inner().to_string(), &pointer);
        LoadError::at(pointer, message)
    })
}

/// A JSON pointer (RFC 6901) for a serde path.
fn pointer_of(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path {
        match segment {
            Segment::Seq { index } => {
                out.push('/');
                out.push_str(&index.to_string());
            }
            Segment::Map { key } => {
                out.push('/');
                out.push_str(&key.replace('~', "~0").replace('/', "~1"));
            }
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    out
}

/// Turn serde's raw message into one a person can act on.
fn explain(raw: &str, pointer: &str) -> String {
    if let Some(rest) = raw.strip_prefix("missing field ") {
        return format!("missing field \"{}\"", rest.trim_matches('`'));
    }
    if let Some(rest) = raw.strip_prefix("unknown variant ") {
        let quoted = backticked(rest);
        if let Some((found, allowed)) = quoted.split_first() {
            let allowed: Vec<String> = allowed.iter().map(|a| format!("\"{a}\"")).collect();
            return format!(
                "unknown {} \"{}\" (expected {})",
                field_noun(pointer),
                shorten(found),
                or_list(&allowed)
            );
        }
    }
    if raw.starts_with("data did not match any variant of untagged enum Build") {
        return "expected {\"cu\": n} for a cumulative update or {\"sp\": n, \"ru\": n} for a service pack and rollup"
            .to_owned();
    }
    if let Some((found, expected)) = raw
        .strip_prefix("invalid type: ")
        .or_else(|| raw.strip_prefix("invalid value: "))
        .and_then(|rest| rest.rsplit_once(", expected "))
    {
        return format!(
            "expected {}, found {}",
            nice_expected(expected),
            nice_found(found)
        );
    }
    raw.to_owned()
}

/// The texts between backticks, in order.
fn backticked(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

/// "a", "b" or "c".
fn or_list(items: &[String]) -> String {
    match items {
        [] => "nothing".to_owned(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// What the value at this pointer is called: the last key, or the singular of the array's key.
fn field_noun(pointer: &str) -> String {
    let mut parts = pointer.rsplit('/');
    let last = parts.next().unwrap_or("");
    let noun = if !last.is_empty() && last.bytes().all(|b| b.is_ascii_digit()) {
        let parent = parts.next().unwrap_or("");
        parent.strip_suffix('s').unwrap_or(parent).to_owned()
    } else {
        last.to_owned()
    };
    if noun.is_empty() {
        "value".to_owned()
    } else {
        noun.replace('_', " ")
    }
}

fn nice_expected(expected: &str) -> String {
    match expected {
        "u16" => "a whole number from 0 to 65535".to_owned(),
        "u8" | "u32" | "u64" | "usize" => "a whole number of 0 or more".to_owned(),
        "i8" | "i16" | "i32" | "i64" | "isize" => "a whole number".to_owned(),
        "f32" | "f64" => "a number".to_owned(),
        "a sequence" => "an array".to_owned(),
        "a map" | "unit" => "an object".to_owned(),
        "string or map" | "variant identifier" | "a borrowed string" => "a string".to_owned(),
        e if e.starts_with("struct ") => "an object".to_owned(),
        e => e.to_owned(),
    }
}

fn nice_found(found: &str) -> String {
    if let Some(s) = found.strip_prefix("string ") {
        return format!("the string {}", shorten(s));
    }
    for prefix in ["integer ", "floating point ", "boolean "] {
        if let Some(v) = found.strip_prefix(prefix) {
            return v.trim_matches('`').to_owned();
        }
    }
    match found {
        "unit value" | "null" => "null".to_owned(),
        "map" => "an object".to_owned(),
        "sequence" => "an array".to_owned(),
        other => other.to_owned(),
    }
}

/// A short description of a JSON value for messages.
fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => format!("the string \"{}\"", shorten(s)),
        Value::Array(_) => "an array".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

/// Long values would drown the message.
fn shorten(text: &str) -> String {
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(MAX).collect();
        format!("{cut}…")
    }
}

/// The JSON parser's syntax message, with its jargon ("EOF") made plain.
fn syntax_reason(err: &serde_json::Error) -> String {
    if err.is_eof() {
        return format!(
            "the text ends too early, at line {} column {}",
            err.line(),
            err.column()
        );
    }
    err.to_string()
}

/// Checks the types cannot express: unique ids, links between existing nodes, versions on
/// servers, dates.
fn check_structure(doc: &Document) -> Result<(), LoadError> {
    let mut nodes: HashMap<&str, usize> = HashMap::with_capacity(doc.nodes.len());
    for (i, node) in doc.nodes.iter().enumerate() {
        let id = node.id.as_str();
        if id.trim().is_empty() {
            return Err(LoadError::at(
                format!("/nodes/{i}/id"),
                "the node id is empty",
            ));
        }
        if let Some(first) = nodes.get(id) {
            return Err(LoadError::at(
                format!("/nodes/{i}/id"),
                format!(
                    "duplicate node id \"{}\" (first used at /nodes/{first})",
                    shorten(id)
                ),
            ));
        }
        nodes.insert(id, i);
        check_node_dates(i, node)?;
        if node.kind.has_version() && node.version.is_none() {
            return Err(LoadError::at(
                format!("/nodes/{i}"),
                format!(
                    "missing field \"version\" (every {} node has one)",
                    node.kind.key()
                ),
            ));
        }
    }
    let mut links: HashMap<&str, usize> = HashMap::with_capacity(doc.links.len());
    for (i, link) in doc.links.iter().enumerate() {
        let id = link.id.as_str();
        if id.trim().is_empty() {
            return Err(LoadError::at(
                format!("/links/{i}/id"),
                "the link id is empty",
            ));
        }
        if let Some(&first) = links.get(id) {
            return Err(LoadError::DuplicateLinkId {
                path: format!("/links/{i}/id"),
                id: shorten(id),
                first,
            });
        }
        links.insert(id, i);
        if !nodes.contains_key(link.from.as_str()) {
            return Err(LoadError::at(
                format!("/links/{i}/from"),
                format!(
                    "link \"{}\" starts at node \"{}\", which does not exist",
                    shorten(id),
                    shorten(link.from.as_str())
                ),
            ));
        }
        if !nodes.contains_key(link.to.as_str()) {
            return Err(LoadError::at(
                format!("/links/{i}/to"),
                format!(
                    "link \"{}\" points to node \"{}\", which does not exist",
                    shorten(id),
                    shorten(link.to.as_str())
                ),
            ));
        }
    }
    if let Some(date) = doc.hybrid.evaluation_date.as_deref() {
        check_date(date, "/hybrid/evaluation_date")?;
    }
    Ok(())
}

/// The dates of format 1.1 on a node: `update_month` and `certificate.not_after`.
fn check_node_dates(i: usize, node: &crate::model::Node) -> Result<(), LoadError> {
    if let Some(month) = node.update_month.as_deref()
        && let Err(e) = YearMonth::parse(month)
    {
        return Err(LoadError::at(
            format!("/nodes/{i}/update_month"),
            date_message(month, "a month of the form YYYY-MM", e),
        ));
    }
    if let Some(date) = node
        .certificate
        .as_ref()
        .and_then(|c| c.not_after.as_deref())
    {
        check_date(date, &format!("/nodes/{i}/certificate/not_after"))?;
    }
    Ok(())
}

/// Refuses a text that is not a calendar date `YYYY-MM-DD`, naming the place.
fn check_date(text: &str, path: &str) -> Result<(), LoadError> {
    Date::parse(text)
        .map(|_| ())
        .map_err(|e| LoadError::at(path, date_message(text, "a date of the form YYYY-MM-DD", e)))
}

/// `"2026-02-30" is not a date of the form YYYY-MM-DD (2026-02 has no day 30)`.
fn date_message(text: &str, what: &str, err: DateError) -> String {
    match err {
        DateError::Form(_) => format!("\"{}\" is not {what}", shorten(text)),
        other => format!("\"{}\" is not {what} ({other})", shorten(text)),
    }
}

/// Whether the text is a real calendar date `YYYY-MM-DD`.
#[cfg(test)]
fn is_date(text: &str) -> bool {
    Date::parse(text).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_exist_on_the_calendar() {
        assert!(is_date("2026-01-15"));
        assert!(is_date("2024-02-29"));
        assert!(!is_date("2026-02-29"));
        assert!(!is_date("2026-13-01"));
        assert!(!is_date("2026-1-15"));
        assert!(!is_date("2026/01/15"));
        assert!(!is_date("２０２６-01-15"));
    }

    #[test]
    fn unknown_variant_lists_the_allowed_values() {
        let msg = explain(
            "unknown variant `2020`, expected one of `2010`, `2013`, `2016`, `2019`, `se`",
            "/nodes/3/version",
        );
        assert_eq!(
            msg,
            "unknown version \"2020\" (expected \"2010\", \"2013\", \"2016\", \"2019\" or \"se\")"
        );
    }

    #[test]
    fn array_elements_are_named_by_the_singular_of_their_array() {
        assert_eq!(field_noun("/nodes/0/roles/2"), "role");
        assert_eq!(field_noun("/links/1/tls_auth"), "tls auth");
        assert_eq!(field_noun(""), "value");
    }
}
