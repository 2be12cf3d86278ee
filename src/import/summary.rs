//! The summary of an import (spec `import.md` §6): one fact per line, each line starting with
//! a word (`import:`, `nodes:`, `inferred:`, `conflict:`, `skipped:`, `note:` …) so it can be
//! filtered.

/// The summary lines, in print order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Every line, without trailing newline.
    pub lines: Vec<String>,
}

impl Summary {
    /// The lines joined, each ending with a newline.
    #[must_use]
    pub fn text(&self) -> String {
        self.lines.iter().fold(String::new(), |mut s, l| {
            s.push_str(l);
            s.push('\n');
            s
        })
    }

    /// The lines that start with `word:`, without it.
    #[must_use]
    pub fn lines_of(&self, word: &str) -> Vec<&str> {
        let prefix = format!("{word}: ");
        self.lines
            .iter()
            .filter_map(|l| l.strip_prefix(prefix.as_str()))
            .collect()
    }
}
