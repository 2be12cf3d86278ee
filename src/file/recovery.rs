//! The designer's crash-recovery copies.
//!
//! While a plan has unsaved changes the designer writes a copy now and then with
//! [`write_recovery`]; on a clean save or exit it calls [`clear_recovery`]. At start-up
//! [`find_recovery`] offers the newest copy left behind by a designer that did not exit
//! cleanly. Each process writes its own file (`recovery-<pid>.json`), so two designer windows
//! never overwrite each other's copy, and copies of windows still running are left alone.
//!
//! A copy is one JSON object: `{"original": path or null, "saved_at_ms": n, "pid": n,
//! "document": {...}}`, the document being an ordinary topology document.

use super::{SaveError, from_value, write_atomic};
use crate::model::Document;
use serde_json::{Value, json};
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The environment variable that moves the recovery directory (tests, portable installs).
pub const RECOVERY_DIR_ENV: &str = "HYBRID_DESIGNER_RECOVERY_DIR";

/// A recovery copy found on disk.
#[derive(Debug, Clone, PartialEq)]
pub struct Recovery {
    /// The recovery file itself.
    pub path: PathBuf,
    /// The file the plan was opened from or last saved to; `None` for a plan never saved.
    pub original: Option<PathBuf>,
    /// When the copy was written.
    pub saved_at: SystemTime,
    /// The plan as it was.
    pub document: Document,
}

impl Recovery {
    /// Delete this copy (once the user restored or declined it). Errors are ignored: a copy
    /// that cannot be deleted is offered again next time, which is harmless.
    pub fn discard(&self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// Where recovery copies live: `$HYBRID_DESIGNER_RECOVERY_DIR` if set, else
/// `$XDG_DATA_HOME/hybrid-designer/recovery`, else `~/.local/share/hybrid-designer/recovery`.
#[must_use]
pub fn recovery_dir() -> PathBuf {
    recovery_dir_from(|key| std::env::var_os(key))
}

/// [`recovery_dir`] with the environment given, so the rules can be tested without touching
/// the process environment.
pub fn recovery_dir_from(env: impl Fn(&str) -> Option<OsString>) -> PathBuf {
    let set = |key: &str| env(key).filter(|v| !v.is_empty()).map(PathBuf::from);
    if let Some(dir) = set(RECOVERY_DIR_ENV) {
        return dir;
    }
    // The XDG spec says relative values are invalid and must be ignored.
    let data = set("XDG_DATA_HOME")
        .filter(|p| p.is_absolute())
        .or_else(|| set("HOME").map(|home| home.join(".local").join("share")))
        .unwrap_or_else(std::env::temp_dir);
    data.join("hybrid-designer").join("recovery")
}

/// Write this process's recovery copy of `doc` (atomically) into [`recovery_dir`]; returns
/// the file written.
pub fn write_recovery(doc: &Document, original: Option<&Path>) -> Result<PathBuf, SaveError> {
    write_recovery_in(&recovery_dir(), doc, original)
}

/// The newest recovery copy left by a designer that is no longer running, if any.
#[must_use]
pub fn find_recovery() -> Option<Recovery> {
    find_recovery_in(&recovery_dir())
}

/// Remove the recovery copies in [`recovery_dir`], except those of other designer windows
/// that are still running. Errors are ignored: at worst a copy is offered again.
pub fn clear_recovery() {
    clear_recovery_in(&recovery_dir());
}

/// [`write_recovery`] into a given directory (created if needed).
pub fn write_recovery_in(
    dir: &Path,
    doc: &Document,
    original: Option<&Path>,
) -> Result<PathBuf, SaveError> {
    fs::create_dir_all(dir).map_err(|source| SaveError::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    let path = dir.join(file_name(std::process::id()));
    let saved_at_ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX));
    let envelope = json!({
        "original": original.map(|p| p.to_string_lossy().into_owned()),
        "saved_at_ms": saved_at_ms,
        "pid": std::process::id(),
        "document": doc,
    });
    let mut text = serde_json::to_string_pretty(&envelope).unwrap_or_default();
    text.push('\n');
    write_atomic(&path, text.as_bytes())?;
    Ok(path)
}

/// [`find_recovery`] in a given directory. Unreadable or damaged copies are skipped.
#[must_use]
pub fn find_recovery_in(dir: &Path) -> Option<Recovery> {
    copies(dir)
        .filter_map(|(path, _)| read_copy(&path))
        .max_by_key(|r| r.saved_at)
}

/// [`clear_recovery`] in a given directory.
pub fn clear_recovery_in(dir: &Path) {
    for (path, _) in copies(dir) {
        let _ = fs::remove_file(path);
    }
}

fn file_name(pid: u32) -> String {
    format!("recovery-{pid}.json")
}

/// The copies in `dir` that belong to no other running designer, with their writer's pid.
fn copies(dir: &Path) -> impl Iterator<Item = (PathBuf, u32)> {
    let entries = fs::read_dir(dir).into_iter().flatten().flatten();
    entries.filter_map(|entry| {
        let name = entry.file_name();
        let pid = name
            .to_str()?
            .strip_prefix("recovery-")?
            .strip_suffix(".json")?
            .parse::<u32>()
            .ok()?;
        (!another_designer_runs_as(pid)).then(|| (entry.path(), pid))
    })
}

fn read_copy(path: &Path) -> Option<Recovery> {
    let text = fs::read_to_string(path).ok()?;
    let Value::Object(mut envelope) = serde_json::from_str::<Value>(&text).ok()? else {
        return None;
    };
    let document = from_value(envelope.remove("document")?).ok()?;
    let original = envelope
        .get("original")
        .and_then(Value::as_str)
        .map(PathBuf::from);
    let saved_at = envelope
        .get("saved_at_ms")
        .and_then(Value::as_u64)
        .map(|ms| UNIX_EPOCH + Duration::from_millis(ms))
        .or_else(|| fs::metadata(path).and_then(|m| m.modified()).ok())
        .unwrap_or(UNIX_EPOCH);
    Some(Recovery {
        path: path.to_path_buf(),
        original,
        saved_at,
        document,
    })
}

/// Whether `pid` is another live process running this same program. A copy whose writer is
/// gone (or whose pid now belongs to some other program) was left by a crash. Where this
/// cannot be told (no `/proc`), every copy counts as left behind.
fn another_designer_runs_as(pid: u32) -> bool {
    if pid == std::process::id() {
        return false;
    }
    let Ok(theirs) = fs::read_link(format!("/proc/{pid}/exe")) else {
        return false;
    };
    std::env::current_exe().is_ok_and(|mine| mine == theirs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Node, NodeKind};

    fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<OsString> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        move |key| {
            pairs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| OsString::from(v))
        }
    }

    #[test]
    fn the_override_variable_wins() {
        let env = env_of(&[
            (RECOVERY_DIR_ENV, "/tmp/r"),
            ("XDG_DATA_HOME", "/x"),
            ("HOME", "/h"),
        ]);
        assert_eq!(recovery_dir_from(env), PathBuf::from("/tmp/r"));
    }

    #[test]
    fn xdg_data_home_comes_before_home() {
        let env = env_of(&[("XDG_DATA_HOME", "/x"), ("HOME", "/h")]);
        assert_eq!(
            recovery_dir_from(env),
            PathBuf::from("/x/hybrid-designer/recovery")
        );
    }

    #[test]
    fn a_relative_xdg_data_home_is_ignored() {
        let env = env_of(&[("XDG_DATA_HOME", "rel"), ("HOME", "/h")]);
        assert_eq!(
            recovery_dir_from(env),
            PathBuf::from("/h/.local/share/hybrid-designer/recovery")
        );
    }

    #[test]
    fn a_written_copy_is_found_with_its_original_and_then_cleared() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut doc = Document::new("Unsaved work");
        doc.nodes
            .push(Node::new("n1", NodeKind::HybridAgent, "Agent"));
        let before = SystemTime::now() - Duration::from_secs(1);
        let written = write_recovery_in(
            dir.path(),
            &doc,
            Some(Path::new("/plans/contoso.hybrid.json")),
        )
        .expect("writable dir");
        assert!(written.starts_with(dir.path()));

        let found = find_recovery_in(dir.path()).expect("the copy is offered");
        assert_eq!(found.document, doc);
        assert_eq!(
            found.original,
            Some(PathBuf::from("/plans/contoso.hybrid.json"))
        );
        assert!(found.saved_at >= before);
        assert_eq!(found.path, written);

        clear_recovery_in(dir.path());
        assert!(find_recovery_in(dir.path()).is_none());
        assert!(!written.exists());
    }

    #[test]
    fn the_newest_copy_wins_and_damaged_copies_are_skipped() {
        let dir = tempfile::tempdir().expect("temp dir");
        let old = json!({"original": null, "saved_at_ms": 1_000, "pid": 1,
            "document": {"format": "exchange-hybrid-topology", "format_version": 1, "title": "old"}});
        let new = json!({"original": null, "saved_at_ms": 2_000, "pid": 2,
            "document": {"format": "exchange-hybrid-topology", "format_version": 1, "title": "new"}});
        // Pids that cannot belong to a running designer: far above any pid_max.
        fs::write(dir.path().join("recovery-4000000001.json"), old.to_string()).expect("seed");
        fs::write(dir.path().join("recovery-4000000002.json"), new.to_string()).expect("seed");
        fs::write(dir.path().join("recovery-4000000003.json"), "{ not json").expect("seed");
        let found = find_recovery_in(dir.path()).expect("a copy");
        assert_eq!(found.document.title.as_deref(), Some("new"));
        assert_eq!(found.original, None);
        found.discard();
        let next = find_recovery_in(dir.path()).expect("the older copy remains");
        assert_eq!(next.document.title.as_deref(), Some("old"));
    }

    #[test]
    fn an_empty_or_missing_directory_has_no_copy() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert!(find_recovery_in(dir.path()).is_none());
        assert!(find_recovery_in(&dir.path().join("missing")).is_none());
    }
}
