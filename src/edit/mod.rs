//! Editing commands with apply and undo, and the undo history.

mod selection;

pub use selection::Selection;
