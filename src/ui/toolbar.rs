//! The toolbar under the menu: the actions people reach for most, generated from the command
//! table (glyph, tooltip and shortcut come from there).

use super::command::{Action, AppCommand, PanelCtx};
use egui::Ui;

/// The toolbar's buttons, in groups separated by a line.
const GROUPS: [&[Action]; 4] = [
    &[Action::New, Action::Open, Action::Save],
    &[Action::Undo, Action::Redo],
    &[Action::Tidy, Action::Fit, Action::ZoomIn, Action::ZoomOut],
    &[Action::Export, Action::Present],
];

/// Draws the toolbar.
pub(crate) fn toolbar_ui(ui: &mut Ui, ctx: &PanelCtx<'_>, out: &mut Vec<AppCommand>) {
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 2.0;
        for (i, group) in GROUPS.iter().enumerate() {
            if i > 0 {
                ui.add_space(4.0);
                ui.separator();
                ui.add_space(4.0);
            }
            for action in *group {
                action.toolbar_button(ui, ctx, out);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_toolbar_action_has_a_glyph() {
        for action in GROUPS.iter().flat_map(|g| g.iter()) {
            assert!(action.icon().is_some(), "{action:?} has no glyph");
        }
    }
}
