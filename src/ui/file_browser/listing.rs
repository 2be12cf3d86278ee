//! What the in-app file dialog knows about folders and paths, without drawing anything:
//! listing a folder, resolving what the user typed, and deciding whether a path answers.

use crate::ui::dialogs::Mode;
use std::path::{Path, PathBuf};

/// One entry of a folder listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The file or folder name.
    pub name: String,
    /// Whether it is a folder.
    pub is_dir: bool,
}

/// Whether a file name has the extension `ext` (without the dot; case-insensitive).
#[must_use]
pub fn matches_filter(name: &str, ext: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.len() > ext.len() + 1 && name.ends_with(&format!(".{}", ext.to_ascii_lowercase()))
}

/// The entries of `dir` worth showing: its folders, then its files with extension `ext`, each
/// group sorted by name ignoring case; hidden entries (a leading dot) are left out.
pub fn list_dir(dir: &Path, ext: &str) -> std::io::Result<Vec<Entry>> {
    let mut entries: Vec<Entry> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                return None;
            }
            // Follow symbolic links, so a linked folder opens like a folder.
            let is_dir = e.path().is_dir();
            (is_dir || matches_filter(&name, ext)).then_some(Entry { name, is_dir })
        })
        .collect();
    entries.sort_by(|a, b| {
        b.is_dir
            .cmp(&a.is_dir)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    Ok(entries)
}

/// The path the user means by `typed` while looking at `dir`: absolute paths as they are,
/// `~/…` in the home folder, anything else inside `dir`.
#[must_use]
pub fn resolve(dir: &Path, typed: &str, home: Option<&Path>) -> PathBuf {
    let typed = typed.trim();
    if typed.is_empty() {
        return dir.to_path_buf();
    }
    if let (Some(rest), Some(home)) = (typed.strip_prefix('~'), home)
        && (rest.is_empty() || rest.starts_with('/'))
    {
        return home.join(rest.trim_start_matches('/'));
    }
    let path = Path::new(typed);
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        dir.join(path)
    }
}

/// What accepting a path leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// It is a folder: show it.
    Enter(PathBuf),
    /// The answer.
    Accept(PathBuf),
    /// Not acceptable, and why.
    Refuse(String),
}

/// What accepting `path` means in `mode`.
#[must_use]
pub fn decide(mode: Mode, path: &Path) -> Decision {
    if mode == Mode::Folder {
        // The folder shown (or typed) is the answer; a click on a folder in the list enters it.
        return if path.is_dir() || path.is_file() {
            Decision::Accept(path.to_path_buf())
        } else {
            Decision::Refuse(format!("There is no folder or file {}", path.display()))
        };
    }
    if path.is_dir() {
        return Decision::Enter(path.to_path_buf());
    }
    match mode {
        Mode::Open if path.is_file() => Decision::Accept(path.to_path_buf()),
        Mode::Open => Decision::Refuse(format!("There is no file {}", path.display())),
        Mode::Folder => Decision::Accept(path.to_path_buf()),
        Mode::Save => match path.parent() {
            Some(parent) if parent.as_os_str().is_empty() || parent.is_dir() => {
                Decision::Accept(path.to_path_buf())
            }
            Some(parent) => Decision::Refuse(format!(
                "There is no folder {}; choose one that exists",
                parent.display()
            )),
            None => Decision::Refuse("Type a file name".to_owned()),
        },
    }
}

/// The user's home folder, for `~`.
pub(super) fn home() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A folder with plans, other files, hidden entries and subfolders.
    pub(in crate::ui::file_browser) fn tree() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        for name in [
            "b.hybrid.json",
            "A.HYBRID.JSON",
            "notes.txt",
            ".hidden.json",
            "c.png",
        ] {
            std::fs::write(dir.path().join(name), "x").expect("write");
        }
        for name in ["zeta", "Alpha", ".git"] {
            std::fs::create_dir(dir.path().join(name)).expect("mkdir");
        }
        dir
    }

    pub(in crate::ui::file_browser) fn names(entries: &[Entry]) -> Vec<&str> {
        entries.iter().map(|e| e.name.as_str()).collect()
    }

    #[test]
    fn listing_puts_folders_first_then_matching_files_by_name() {
        let dir = tree();
        let entries = list_dir(dir.path(), "json").expect("listing");
        assert_eq!(
            names(&entries),
            ["Alpha", "zeta", "A.HYBRID.JSON", "b.hybrid.json"]
        );
        assert!(entries[0].is_dir && !entries[2].is_dir);
    }

    #[test]
    fn listing_for_an_export_shows_that_formats_files() {
        let dir = tree();
        let entries = list_dir(dir.path(), "png").expect("listing");
        assert_eq!(names(&entries), ["Alpha", "zeta", "c.png"]);
    }

    #[test]
    fn a_folder_that_cannot_be_read_is_an_error_not_an_empty_list() {
        assert!(list_dir(Path::new("/no/such/folder/here"), "json").is_err());
    }

    #[test]
    fn the_filter_wants_a_name_before_the_extension() {
        assert!(matches_filter("plan.hybrid.json", "json"));
        assert!(matches_filter("PLAN.PNG", "png"));
        assert!(!matches_filter(".json", "json"));
        assert!(!matches_filter("json", "json"));
        assert!(!matches_filter("plan.jsonx", "json"));
    }

    #[test]
    fn typed_paths_are_joined_to_the_folder_unless_absolute_or_home() {
        let dir = Path::new("/work/plans");
        let home = Some(Path::new("/home/me"));
        assert_eq!(
            resolve(dir, "a.hybrid.json", home),
            PathBuf::from("/work/plans/a.hybrid.json")
        );
        assert_eq!(
            resolve(dir, " /tmp/x.png ", home),
            PathBuf::from("/tmp/x.png")
        );
        assert_eq!(
            resolve(dir, "~/x.png", home),
            PathBuf::from("/home/me/x.png")
        );
        assert_eq!(resolve(dir, "~", home), PathBuf::from("/home/me"));
        assert_eq!(resolve(dir, "", home), PathBuf::from("/work/plans"));
        assert_eq!(
            resolve(dir, "sub/y.md", None),
            PathBuf::from("/work/plans/sub/y.md")
        );
    }

    #[test]
    fn accepting_a_folder_enters_it_and_open_needs_an_existing_file() {
        let dir = tree();
        let folder = dir.path().join("Alpha");
        assert_eq!(decide(Mode::Open, &folder), Decision::Enter(folder.clone()));
        let file = dir.path().join("b.hybrid.json");
        assert_eq!(decide(Mode::Open, &file), Decision::Accept(file));
        assert!(matches!(
            decide(Mode::Open, &dir.path().join("missing.hybrid.json")),
            Decision::Refuse(_)
        ));
    }

    #[test]
    fn an_import_accepts_the_folder_or_a_file_but_nothing_missing() {
        let dir = tree();
        let folder = dir.path().join("Alpha");
        assert_eq!(decide(Mode::Folder, &folder), Decision::Accept(folder));
        let file = dir.path().join("notes.txt");
        assert_eq!(decide(Mode::Folder, &file), Decision::Accept(file));
        assert!(matches!(
            decide(Mode::Folder, &dir.path().join("missing")),
            Decision::Refuse(r) if r.contains("missing")
        ));
    }

    #[test]
    fn save_needs_an_existing_folder_but_not_an_existing_file() {
        let dir = tree();
        let new = dir.path().join("new.hybrid.json");
        assert_eq!(decide(Mode::Save, &new), Decision::Accept(new));
        let nowhere = dir.path().join("missing").join("new.hybrid.json");
        assert!(
            matches!(decide(Mode::Save, &nowhere), Decision::Refuse(r) if r.contains("missing"))
        );
    }
}
