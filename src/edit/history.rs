//! The undo history: a stack of inverse commands, transactions that make a whole gesture
//! one step, and the save point for the unsaved-changes mark.

use super::command::{Command, EditError, rollback};
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

/// An open transaction: the inverses of what was applied since [`History::begin`].
#[derive(Debug, Clone)]
struct Transaction {
    label: String,
    inverses: Vec<Command>,
    depth: usize,
}

/// The undo/redo history of one document. Every change goes through [`History::apply`]
/// (or a transaction), so undo, redo and the unsaved-changes mark stay true.
#[derive(Debug, Clone)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// The state of the document when the undo stack is empty.
    base_state: u64,
    next_state: u64,
    saved_state: Option<u64>,
    generation: u64,
    open: Option<Transaction>,
    limit: usize,
    /// The key of the last [`History::apply_merging`] while its step is still on top.
    merge_key: Option<String>,
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
            open: None,
            limit: limit.max(1),
            merge_key: None,
        }
    }

    /// Applies a command and records it (inside an open transaction, as part of that
    /// transaction). Clears the redo stack. A refused command changes nothing at all.
    pub fn apply(&mut self, doc: &mut Document, command: Command) -> Result<(), EditError> {
        if command.is_noop() {
            return Ok(());
        }
        let label = command.label();
        let inverse = command.apply(doc)?;
        self.generation += 1;
        self.redo.clear();
        match &mut self.open {
            Some(transaction) => transaction.inverses.push(inverse),
            None => self.push(label, inverse),
        }
        Ok(())
    }

    /// Applies a command like [`History::apply`], but consecutive calls with the same
    /// `key` make one undo step (typing a name letter by letter, nudging with the arrow
    /// keys). Any other edit, undo or redo in between starts a new step. The key names what
    /// is being edited, e.g. `"name:ex01"`.
    pub fn apply_merging(
        &mut self,
        doc: &mut Document,
        command: Command,
        key: impl Into<String>,
    ) -> Result<(), EditError> {
        let key = key.into();
        if command.is_noop() {
            return Ok(());
        }
        let mergeable = self.open.is_none() && self.merge_key.as_deref() == Some(key.as_str());
        if !mergeable || self.undo.is_empty() {
            self.apply(doc, command)?;
            if self.open.is_none() {
                self.merge_key = Some(key);
            }
            return Ok(());
        }
        let label = command.label();
        let inverse = command.apply(doc)?;
        self.generation += 1;
        self.redo.clear();
        // The merged step leads to a document no save point has seen.
        let state = self.fresh_state();
        if let Some(top) = self.undo.last_mut() {
            let older = std::mem::replace(&mut top.command, Command::SetViews(Vec::new()));
            top.command = if supersedes(&older, &inverse) {
                // The same thing edited again: the step is named after its latest form.
                top.label = label;
                older
            } else {
                Command::Batch {
                    label: top.label.clone(),
                    commands: vec![inverse, older],
                }
            };
            top.state = state;
        }
        Ok(())
    }

    fn push(&mut self, label: String, inverse: Command) {
        self.merge_key = None;
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

    /// Starts a transaction: everything applied until the matching [`History::commit`]
    /// becomes one undo step named `label` (e.g. a drag, or a dialog's several edits).
    /// Transactions nest; the outermost label wins.
    pub fn begin(&mut self, label: impl Into<String>) {
        self.merge_key = None;
        match &mut self.open {
            Some(transaction) => transaction.depth += 1,
            None => {
                self.open = Some(Transaction {
                    label: label.into(),
                    inverses: Vec::new(),
                    depth: 1,
                });
            }
        }
    }

    /// Ends a transaction. The outermost commit records one step (none if nothing was
    /// applied). Without an open transaction it does nothing.
    pub fn commit(&mut self) {
        let Some(transaction) = &mut self.open else {
            return;
        };
        transaction.depth -= 1;
        if transaction.depth > 0 {
            return;
        }
        let Some(Transaction {
            label,
            mut inverses,
            ..
        }) = self.open.take()
        else {
            return;
        };
        let inverse = match inverses.len() {
            0 => return,
            1 => inverses.remove(0),
            _ => {
                inverses.reverse();
                Command::Batch {
                    label: label.clone(),
                    commands: inverses,
                }
            }
        };
        self.push(label, inverse);
    }

    /// Abandons the open transaction (all levels), undoing what it applied (Escape during
    /// a drag). Returns whether the document changed.
    pub fn cancel(&mut self, doc: &mut Document) -> bool {
        let Some(transaction) = self.open.take() else {
            return false;
        };
        if transaction.inverses.is_empty() {
            return false;
        }
        rollback(doc, transaction.inverses);
        self.generation += 1;
        true
    }

    /// Whether a transaction is open.
    #[must_use]
    pub fn in_transaction(&self) -> bool {
        self.open.is_some()
    }

    /// Undoes the last step (committing an open transaction first). Returns whether
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
        self.commit_all();
        self.merge_key = None;
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

    fn commit_all(&mut self) {
        while self.open.is_some() {
            self.commit();
        }
    }

    /// Whether there is a step to undo (an open transaction that changed something counts).
    #[must_use]
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty() || self.open.as_ref().is_some_and(|t| !t.inverses.is_empty())
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
        match &self.open {
            Some(t) if !t.inverses.is_empty() => Some(&t.label),
            _ => self.undo.last().map(|s| s.label.as_str()),
        }
    }

    /// The label of the step Redo would redo.
    #[must_use]
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// Records that the document as it is now was saved.
    pub fn mark_saved(&mut self) {
        self.commit_all();
        self.saved_state = Some(self.current_state());
    }

    /// Whether the document differs from the last save point (also after undoing past it).
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        let pending = self.open.as_ref().is_some_and(|t| !t.inverses.is_empty());
        pending || self.saved_state != Some(self.current_state())
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

/// Whether undoing `older` alone also undoes what `newer` would undo: both restore the
/// same thing wholesale (the same node, link, setting, or a superset of positions).
fn supersedes(older: &Command, newer: &Command) -> bool {
    match (older, newer) {
        (Command::UpdateNode { node: a }, Command::UpdateNode { node: b }) => a.id == b.id,
        (Command::UpdateLink { link: a }, Command::UpdateLink { link: b }) => a.id == b.id,
        (Command::SetPositions { positions: a }, Command::SetPositions { positions: b }) => b
            .iter()
            .all(|(id, _)| a.iter().any(|(other, _)| other == id)),
        (Command::SetTitle(_), Command::SetTitle(_))
        | (Command::SetDescription(_), Command::SetDescription(_))
        | (Command::SetHybrid(_), Command::SetHybrid(_))
        | (Command::SetViews(_), Command::SetViews(_)) => true,
        _ => false,
    }
}
