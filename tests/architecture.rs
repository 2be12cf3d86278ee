//! ARCHITECTURE.md says which module may import which; this test reads that table and every
//! `crate::` path in `src/`, and fails on an import against it. It also fails when the
//! designer's files import each other in a circle, when a file of `src/ui` imports the app
//! that wires them, and when a window crate is used outside `src/ui`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The crates that need a display; the core and the command line build without them.
const WINDOW_CRATES: [&str; 5] = ["egui", "eframe", "egui_graphs", "petgraph", "rfd"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.rs` file below `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("readable source folder") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The lines of a file that are code, not comments.
fn code_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim_start)
        .filter(|l| !l.starts_with("//"))
}

/// The identifier that starts `s` (letters, digits, `_`).
fn ident(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// The "May import" table of ARCHITECTURE.md: module → the modules it may import.
fn allowed() -> BTreeMap<String, BTreeSet<String>> {
    let text = std::fs::read_to_string(root().join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let table = text
        .split("## May import")
        .nth(1)
        .expect("ARCHITECTURE.md has a \"May import\" section");
    let mut map = BTreeMap::new();
    for line in table.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let module = cells[1].trim_matches('`').to_owned();
        let may: BTreeSet<String> = cells[2]
            .split(',')
            .map(|m| m.trim().trim_matches('`').to_owned())
            .filter(|m| !m.is_empty())
            .collect();
        map.insert(module, may);
    }
    map
}

/// The top-level module a file of `src/` belongs to (`None` for lib.rs and main.rs).
fn top_module(file: &Path) -> Option<String> {
    let rel = file.strip_prefix(root().join("src")).ok()?;
    let first = rel.components().next()?.as_os_str().to_string_lossy();
    let name = first.trim_end_matches(".rs").to_owned();
    (name != "lib" && name != "main").then_some(name)
}

/// The top-level modules named by `crate::` paths in a file.
fn crate_imports(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in code_lines(text) {
        for (i, _) in line.match_indices("crate::") {
            // `hybrid_crate::x` is not ours: the match must start a path.
            let before = line[..i].chars().next_back();
            if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
                continue;
            }
            let name = ident(&line[i + "crate::".len()..]);
            if !name.is_empty() {
                out.insert(name.to_owned());
            }
        }
    }
    out
}

#[test]
fn architecture_md_lists_every_top_level_module() {
    let allowed = allowed();
    let modules: BTreeSet<String> = rust_files(&root().join("src"))
        .iter()
        .filter_map(|f| top_module(f))
        .collect();
    for module in &modules {
        assert!(
            allowed.contains_key(module),
            "src/{module} is not in ARCHITECTURE.md's \"May import\" table"
        );
    }
    for module in allowed.keys() {
        assert!(
            modules.contains(module),
            "ARCHITECTURE.md names `{module}`, which src/ does not have"
        );
    }
}

#[test]
fn every_import_follows_the_stated_direction() {
    let allowed = allowed();
    let mut wrong = Vec::new();
    for file in rust_files(&root().join("src")) {
        let Some(module) = top_module(&file) else {
            continue;
        };
        let text = std::fs::read_to_string(&file).expect("readable source");
        let may = allowed.get(&module).cloned().unwrap_or_default();
        for imported in crate_imports(&text) {
            if imported != module && !may.contains(&imported) {
                wrong.push(format!(
                    "{} ({module}) imports {imported}",
                    file.strip_prefix(root()).unwrap_or(&file).display()
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against ARCHITECTURE.md:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn window_crates_are_used_only_in_the_designer() {
    let mut wrong = Vec::new();
    for file in rust_files(&root().join("src")) {
        if top_module(&file).as_deref() == Some("ui") {
            continue;
        }
        let text = std::fs::read_to_string(&file).expect("readable source");
        for line in code_lines(&text) {
            for name in WINDOW_CRATES {
                let used = line.match_indices(name).any(|(i, _)| {
                    let before = line[..i].chars().next_back();
                    let after = &line[i + name.len()..];
                    !before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':')
                        && (after.starts_with("::") || after.starts_with(';'))
                        && (line.starts_with("use ") || after.starts_with("::"))
                });
                if used {
                    wrong.push(format!(
                        "{}: {line}",
                        file.strip_prefix(root()).unwrap_or(&file).display()
                    ));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "window crates outside src/ui:\n{}",
        wrong.join("\n")
    );
}

/// The module path of a file below `src/ui` (`["ui", "app", "run"]` for src/ui/app/run.rs).
fn module_path(file: &Path) -> Vec<String> {
    let rel = file
        .strip_prefix(root().join("src"))
        .expect("a file of src/");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| {
            c.as_os_str()
                .to_string_lossy()
                .trim_end_matches(".rs")
                .to_owned()
        })
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The absolute module paths a line names through `crate::ui::` or `super::` (braces
/// expanded one level: `use super::{a, b}` names `a` and `b`).
fn ui_references(line: &str, here: &[String]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some((i, prefix)) = ["crate::ui::", "super::"]
        .iter()
        .filter_map(|p| line[pos..].find(p).map(|i| (pos + i, *p)))
        .min()
    {
        let before = line[..i].chars().next_back();
        let mut path = &line[i + prefix.len()..];
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':') {
            pos = i + prefix.len();
            continue;
        }
        let mut base: Vec<String> = if prefix == "crate::ui::" {
            vec!["ui".to_owned()]
        } else {
            here[..here.len().saturating_sub(1)].to_vec()
        };
        while let Some(more) = path.strip_prefix("super::") {
            base.pop();
            path = more;
        }
        pos = line.len() - path.len();
        if let Some(group) = path.strip_prefix('{') {
            let group = group.split('}').next().unwrap_or_default();
            for item in group.split(',') {
                let name = ident(item.trim());
                if !name.is_empty() && name != "self" {
                    let mut p = base.clone();
                    p.push(name.to_owned());
                    out.push(p);
                }
            }
        } else {
            let name = ident(path);
            if !name.is_empty() {
                base.push(name.to_owned());
                out.push(base);
            }
        }
    }
    out
}

/// Which of the designer's units (a file or folder right below src/ui) import which.
fn ui_graph() -> BTreeMap<String, BTreeSet<String>> {
    let ui = root().join("src").join("ui");
    let units: BTreeSet<String> = std::fs::read_dir(&ui)
        .expect("src/ui")
        .map(|e| {
            let name = e.expect("entry").file_name().to_string_lossy().into_owned();
            name.trim_end_matches(".rs").to_owned()
        })
        .filter(|n| n != "mod")
        .collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in rust_files(&ui) {
        let here = module_path(&file);
        let Some(unit) = here.get(1).cloned() else {
            continue; // src/ui/mod.rs declares the units and re-exports; it is not one.
        };
        let text = std::fs::read_to_string(&file).expect("readable source");
        for line in code_lines(&text) {
            for path in ui_references(line, &here) {
                if path.first().is_some_and(|p| p == "ui")
                    && let Some(target) = path.get(1)
                    && units.contains(target)
                    && *target != unit
                {
                    graph
                        .entry(unit.clone())
                        .or_default()
                        .insert(target.clone());
                }
            }
        }
        graph.entry(unit).or_default();
    }
    graph
}

#[test]
fn no_file_of_the_designer_imports_the_app() {
    let graph = ui_graph();
    let importers: Vec<&String> = graph
        .iter()
        .filter(|(_, targets)| targets.contains("app"))
        .map(|(unit, _)| unit)
        .collect();
    assert!(importers.is_empty(), "these import ui/app: {importers:?}");
}

/// Depth-first search with colours: grey on the current path, black when finished. Returns
/// a cycle through `unit`, if there is one.
fn visit<'a>(
    unit: &'a str,
    graph: &'a BTreeMap<String, BTreeSet<String>>,
    grey: &mut Vec<&'a str>,
    black: &mut BTreeSet<&'a str>,
) -> Option<Vec<String>> {
    if black.contains(unit) {
        return None;
    }
    if let Some(i) = grey.iter().position(|u| *u == unit) {
        let mut cycle: Vec<String> = grey[i..].iter().map(|u| (*u).to_owned()).collect();
        cycle.push(unit.to_owned());
        return Some(cycle);
    }
    grey.push(unit);
    for next in graph.get(unit).into_iter().flatten() {
        if let Some(cycle) = visit(next, graph, grey, black) {
            return Some(cycle);
        }
    }
    grey.pop();
    black.insert(unit);
    None
}

#[test]
fn the_designers_files_import_each_other_in_no_circle() {
    let graph = ui_graph();
    let mut black = BTreeSet::new();
    for unit in graph.keys() {
        let cycle = visit(unit, &graph, &mut Vec::new(), &mut black);
        assert!(cycle.is_none(), "import cycle in src/ui: {cycle:?}");
    }
}

#[test]
fn the_reference_reader_understands_the_forms_used_in_src() {
    let here: Vec<String> = ["ui", "app", "run"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    let refs = ui_references("use super::super::command::{Action, AppCommand};", &here);
    assert_eq!(refs, vec![vec!["ui".to_owned(), "command".to_owned()]]);
    let refs = ui_references("use super::{DesignerApp, dialog_button};", &here);
    assert_eq!(refs.len(), 2);
    assert!(refs.iter().all(|r| r[..2] == ["ui", "app"]));
    let refs = ui_references("x: crate::ui::theme::ARROW,", &here);
    assert_eq!(refs, vec![vec!["ui".to_owned(), "theme".to_owned()]]);
    let imports = crate_imports(
        "use crate::model::{Document};\nlet x = crate::rules::validate(d);\n// crate::ui",
    );
    assert_eq!(
        imports.into_iter().collect::<Vec<_>>(),
        vec!["model".to_owned(), "rules".to_owned()]
    );
}
