//! One open plan and what belongs to it whatever the screen: the document, its undo history,
//! the file it lives in, and whether it has unsaved changes. The designer window drives a
//! session with commands; nothing here knows about egui.

use super::command::{Command, EditError};
use super::history::History;
use crate::model::Document;
use std::path::{Path, PathBuf};

/// An open plan with its history and file.
#[derive(Debug, Clone)]
pub struct Session {
    doc: Document,
    history: History,
    /// Bumped when another document replaces this one, so caches keyed on the history's
    /// generation notice even when the new history starts at the same number.
    epoch: u64,
    path: Option<PathBuf>,
    /// The plan is unsaved work the history does not know about (a restored recovery copy,
    /// a renumbered copy of a refused file).
    unsaved_outside_history: bool,
}

impl Session {
    /// A session on `doc`, saved as `path` (or not yet saved anywhere).
    #[must_use]
    pub fn new(doc: Document, path: Option<PathBuf>) -> Self {
        Self {
            doc,
            history: History::default(),
            epoch: 0,
            path,
            unsaved_outside_history: false,
        }
    }

    /// The open plan.
    #[must_use]
    pub fn doc(&self) -> &Document {
        &self.doc
    }

    /// The undo history.
    #[must_use]
    pub fn history(&self) -> &History {
        &self.history
    }

    /// The file the plan was opened from or saved to.
    #[must_use]
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Changes whenever the document does (an edit, an undo, another document): what caches
    /// of derived data (findings, the window title) are keyed on.
    #[must_use]
    pub fn change_key(&self) -> (u64, u64) {
        (self.epoch, self.history.generation())
    }

    /// Whether there are changes not saved to a file.
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty() || self.unsaved_outside_history
    }

    /// Applies a command through the history, so it can be undone. A refused command
    /// changes nothing.
    pub fn apply(&mut self, command: Command) -> Result<(), EditError> {
        self.history.apply(&mut self.doc, command)
    }

    /// Undoes the last step; returns its label, or `None` when there was nothing to undo.
    pub fn undo(&mut self) -> Option<String> {
        let label = self.history.undo_label()?.to_owned();
        self.history.undo(&mut self.doc).then_some(label)
    }

    /// Redoes the last undone step; returns its label, or `None` when there was none.
    pub fn redo(&mut self) -> Option<String> {
        let label = self.history.redo_label()?.to_owned();
        self.history.redo(&mut self.doc).then_some(label)
    }

    /// Puts another plan in place of this one, with a fresh history.
    pub fn replace(&mut self, doc: Document, path: Option<PathBuf>) {
        self.doc = doc;
        self.history = History::default();
        self.unsaved_outside_history = false;
        self.epoch += 1;
        self.path = path;
    }

    /// Marks the plan as unsaved work that no undo step explains (a restored recovery copy).
    pub fn mark_unsaved(&mut self) {
        self.unsaved_outside_history = true;
    }

    /// Records that the plan was written to `path` as it is now.
    pub fn saved_as(&mut self, path: &Path) {
        self.history.mark_saved();
        self.unsaved_outside_history = false;
        self.path = Some(path.to_path_buf());
    }

    /// Forgets the unsaved changes without writing them (the user chose "Don't save").
    pub fn discard_changes_mark(&mut self) {
        self.history.mark_saved();
        self.unsaved_outside_history = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Pos;

    fn titled(title: &str) -> Command {
        Command::SetTitle(Some(title.to_owned()))
    }

    #[test]
    fn an_edit_makes_the_session_dirty_and_undo_makes_it_clean_again() {
        let mut session = Session::new(Document::new("Plan"), None);
        assert!(!session.is_dirty());
        session.apply(titled("Other")).expect("applies");
        assert!(session.is_dirty());
        assert!(session.undo().is_some());
        assert!(!session.is_dirty());
        assert_eq!(session.doc().title.as_deref(), Some("Plan"));
        assert!(session.redo().is_some());
        assert_eq!(session.doc().title.as_deref(), Some("Other"));
    }

    #[test]
    fn undo_with_nothing_to_undo_says_so() {
        let mut session = Session::new(Document::default(), None);
        assert_eq!(session.undo(), None);
        assert_eq!(session.redo(), None);
    }

    #[test]
    fn replacing_the_document_changes_the_key_even_at_the_same_generation() {
        let mut session = Session::new(Document::default(), None);
        let before = session.change_key();
        session.replace(
            Document::new("Next"),
            Some(PathBuf::from("next.hybrid.json")),
        );
        assert_ne!(session.change_key(), before);
        assert_eq!(session.path(), Some(Path::new("next.hybrid.json")));
        assert!(!session.is_dirty());
    }

    #[test]
    fn a_restored_copy_is_unsaved_until_saved() {
        let mut session = Session::new(Document::default(), None);
        session.mark_unsaved();
        assert!(session.is_dirty());
        session.saved_as(Path::new("a.hybrid.json"));
        assert!(!session.is_dirty());
        assert_eq!(session.path(), Some(Path::new("a.hybrid.json")));
    }

    #[test]
    fn a_refused_edit_leaves_the_session_clean() {
        let mut session = Session::new(Document::default(), None);
        let moves = vec![(
            crate::model::NodeId::from("missing"),
            Pos { x: 1.0, y: 1.0 },
        )];
        assert!(session.apply(Command::MoveNodes { moves }).is_err());
        assert!(!session.is_dirty());
    }
}
