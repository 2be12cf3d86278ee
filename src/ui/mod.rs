//! The designer window: a thin egui layer that turns gestures into edit commands and draws the model.

mod app;
pub mod as_of;
pub mod canvas;
pub mod command;
pub mod dialogs;
mod export_dialog;
mod file_browser;
pub mod files;
mod find;
mod findings;
pub mod findings_cache;
pub mod hcw;
pub mod hcw_cache;
mod help;
pub mod import_summary;
mod inspector;
mod menu;
mod paint;
mod palette;
pub mod present;
pub mod status;
mod status_bar;
mod theme;
mod toolbar;
pub mod views;
mod widgets;

pub use app::{DesignerApp, Startup};
pub use command::{Action, AppCommand, Continuation};
pub use status::{Status, StatusKind};

use std::path::PathBuf;

/// Open the designer window on a file, or on the embedded sample plan when `file` is `None`.
/// A file that cannot be opened is explained in the window, over the sample plan. With
/// `import`, that inventory is imported as File → Import organization… would.
pub fn run(file: Option<PathBuf>, import: Option<PathBuf>) -> anyhow::Result<()> {
    let options = eframe::NativeOptions {
        renderer: eframe::Renderer::Glow,
        viewport: egui::ViewportBuilder::default()
            .with_title("Hybrid Topology Designer")
            .with_app_id("hybrid-designer")
            .with_inner_size([1600.0, 1000.0])
            .with_min_inner_size([900.0, 600.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "hybrid-designer",
        options,
        Box::new(move |cc| {
            let dialogs = Box::new(files::NativeDialogs::new(cc.egui_ctx.clone()));
            let startup = Startup {
                file,
                offer_recovery: true,
            };
            let mut app = DesignerApp::new(
                &cc.egui_ctx,
                startup,
                dialogs,
                Some(crate::file::recovery::recovery_dir()),
            );
            if let Some(text) = cc.storage.and_then(|s| s.get_string(files::RECENT_KEY)) {
                app.set_recent(files::RecentFiles::from_json(&text));
            }
            if let Some(text) = cc.storage.and_then(|s| s.get_string(SNAP_KEY)) {
                app.set_snap(text != "false");
            }
            if let Some(path) = import {
                app.run(AppCommand::Request(Continuation::ImportPath(path)));
            }
            Ok(Box::new(Window(app)))
        }),
    )
    .map_err(|e| anyhow::anyhow!("could not open the designer window: {e}"))
}

/// The storage key of View ▸ Snap to grid in eframe's persistence ("true" or "false").
const SNAP_KEY: &str = "snap_to_grid";

/// The designer as an eframe application.
struct Window(DesignerApp);

impl eframe::App for Window {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.0.ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        storage.set_string(files::RECENT_KEY, self.0.recent().to_json());
        storage.set_string(SNAP_KEY, self.0.snap().to_string());
    }
}
