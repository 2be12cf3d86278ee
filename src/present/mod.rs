//! Presentation views: built-in walkthroughs generated from the plan, and camera framing.
//!
//! Everything here is plain data and arithmetic, so the presentation mode of the window
//! (`ui::present`) is a thin layer: it asks a [`Deck`] for the current [`View`], eases the
//! canvas camera towards it with [`interpolate`], and turns the view list edits of the
//! designer ([`add_view`], [`move_view`], ...) into `SetViews` commands.
//!
//! [`View`]: crate::model::View

mod camera;
mod deck;
mod views;
mod walkthrough;

pub use camera::{
    DEFAULT_MARGIN, MIN_FRAME_HEIGHT, MIN_FRAME_WIDTH, card_rect, clear_of_overlays, ease_in_out,
    fit_aspect, frame_nodes, interpolate, whole_plan,
};
pub use deck::{Deck, DeckSource};
pub use views::{
    add_view, delete, follow_moves, move_view, next_view_title, recapture, rename, set_caption,
    set_highlight,
};
pub use walkthrough::{Walkthrough, overview, walkthrough};
