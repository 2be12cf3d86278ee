//! Editing commands with apply and undo, the undo history, the factory of new nodes and
//! links, copy and paste, finding nodes by name, one-click quick fixes, and the bundled
//! templates and sample plan.

pub mod align;
pub mod arrange;
pub mod clipboard;
pub mod command;
pub mod factory;
pub mod find;
pub mod fixes;
pub mod history;
pub mod rezone;
mod selection;
pub mod session;
pub mod templates;

pub use crate::model::{ConnectRefusal, check_ends};
pub use align::{Align, Distribute, SNAP_GRID, align, distribute, snap_to_grid};
pub use arrange::tidy_layout;
pub use clipboard::{Cut, Paste, PasteError, copy, cut, paste};
pub use command::{Command, EditError};
pub use factory::{can_start, connect, delete, duplicate, new_node, new_server, rename};
pub use find::{Match, MatchRank, MatchedField, find};
pub use fixes::{QuickFix, quick_fix};
pub use history::{DEFAULT_LIMIT, History};
pub use rezone::move_with_rezone;
pub use selection::Selection;
pub use session::Session;
pub use templates::{SAMPLE_JSON, Template, sample_plan, templates};
