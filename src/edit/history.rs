//! The undo history: a stack of inverse commands (a whole gesture is one command, so one
//! step), and the save point for the unsaved-changes mark.

use super::command::{Command, EditError};
use crate::model::Document;

/// How many steps the history keeps before it forgets the oldest.
pub const DEFAULT_LIMIT: usize = 1000;

/// One undoable step: the command that crosses it (the inverse on the undo stack, the
/// original on the redo stack), its label, and the document state it leads to.
#[derive(Debug, Clone)]
struct Step {
    label: String,
    command: Command,
    /// The state the document is in when this step is the top of the undo stack.
    state: u64,
}

/// The undo/redo history of one document. Every change goes through [`History::apply`]
/// so undo, redo and the unsaved-changes mark stay true.
#[derive(Debug, Clone)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// The state of the document when the undo stack is empty.
    base_state: u64,
    next_state: u64,
    saved_state: Option<u64>,
    generation: u64,
    limit: usize,
}

impl Default for History {
    fn default() -> Self {
        Self::new()
    }
}

impl History {
    /// An empty history whose document counts as saved.
    #[must_use]
    pub fn new() -> Self {
        Self::with_limit(DEFAULT_LIMIT)
    }

    /// An empty history that keeps at most `limit` steps (at least one).
    #[must_use]
    pub fn with_limit(limit: usize) -> Self {
        Self {
            undo: Vec::new(),
            redo: Vec::new(),
            base_state: 0,
            next_state: 1,
            saved_state: Some(0),
            generation: 0,
            limit: limit.max(1),
        }
    }

    /// Applies a command and records it as one step. Clears the redo stack. A refused command changes nothing at all.
    pub fn apply(&mut self, doc: &mut Document, command: Command) -> Result<(), EditError> {
        if command.is_noop() {
            return Ok(());
        }
        let label = command.label();
        let inverse = command.apply(doc)?;
        self.generation += 1;
        self.redo.clear();
        self.push(label, inverse);
        Ok(())
    }

    fn push(&mut self, label: String, inverse: Command) {
        let state = self.fresh_state();
        self.undo.push(Step {
            label,
            command: inverse,
            state,
        });
        if self.undo.len() > self.limit {
            let forgotten = self.undo.remove(0);
            self.base_state = forgotten.state;
        }
    }

    fn fresh_state(&mut self) -> u64 {
        let state = self.next_state;
        self.next_state += 1;
        state
    }

    fn current_state(&self) -> u64 {
        self.undo.last().map_or(self.base_state, |s| s.state)
    }

    /// Undoes the last step. Returns whether
    /// anything was undone.
    pub fn undo(&mut self, doc: &mut Document) -> bool {
        self.replay(doc, true)
    }

    /// Redoes the last undone step. Returns whether anything was redone.
    pub fn redo(&mut self, doc: &mut Document) -> bool {
        self.replay(doc, false)
    }

    /// Applies the top step of one stack and pushes its inverse on the other: undo and
    /// redo are the same move in opposite directions.
    fn replay(&mut self, doc: &mut Document, backwards: bool) -> bool {
        let (from, to) = if backwards {
            (&mut self.undo, &mut self.redo)
        } else {
            (&mut self.redo, &mut self.undo)
        };
        let Some(Step {
            label,
            command,
            state,
        }) = from.pop()
        else {
            return false;
        };
        if let Ok(inverse) = command.apply(doc) {
            to.push(Step {
                label,
                command: inverse,
                state,
            });
            self.generation += 1;
            true
        } else {
            self.forget_everything();
            false
        }
    }

    /// A step no longer fits the document, which means it was changed outside the
    /// history; nothing recorded can be trusted, and the save point is lost with it.
    fn forget_everything(&mut self) {
        self.undo.clear();
        self.redo.clear();
        self.base_state = self.fresh_state();
        self.saved_state = None;
        self.generation += 1;
    }

    /// Whether there is a step to undo.
    #[must_use]
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is a step to redo.
    #[must_use]
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The label of the step Undo would undo, e.g. `Move 2 nodes` (the Edit menu shows
    /// "Undo Move 2 nodes").
    #[must_use]
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    /// The label of the step Redo would redo.
    #[must_use]
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// Records that the document as it is now was saved.
    pub fn mark_saved(&mut self) {
        self.saved_state = Some(self.current_state());
    }

    /// Whether the document differs from the last save point (also after undoing past it).
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.saved_state != Some(self.current_state())
    }

    /// Changes on every apply, undo, redo and cancel; the UI reruns the validator and
    /// rebuilds its graph only when it differs from the value it last saw.
    #[must_use]
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// How many steps can be undone and redone.
    #[must_use]
    pub fn steps(&self) -> (usize, usize) {
        (self.undo.len(), self.redo.len())
    }
}
