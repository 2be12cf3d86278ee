//! File → Export…: the small window that chooses a format and its options, and the background
//! jobs that render an export (to a file, or to the clipboard as an image) without holding up
//! a frame. Rendering a big plan to PNG takes a while; the window stays responsive meanwhile.

use super::dialogs::file_name;
use crate::export::{self, Background, ExportFormat, ExportOptions};
use crate::model::Document;
use egui::{Context, Ui};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// What the export window has chosen; kept between openings so a second export starts from
/// the first one's choices.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ExportSettings {
    /// The file format.
    pub(crate) format: ExportFormat,
    /// Export only the selected nodes (and the links between them).
    pub(crate) selection_only: bool,
    /// Draw finding outlines and the legend's counts.
    pub(crate) findings: bool,
    /// PNG pixels per canvas unit: 1 or 2.
    pub(crate) scale: u8,
    /// The picture's background.
    pub(crate) background: Background,
}

impl Default for ExportSettings {
    fn default() -> Self {
        Self {
            format: ExportFormat::Png,
            selection_only: false,
            findings: true,
            scale: 2,
            background: Background::White,
        }
    }
}

impl ExportSettings {
    /// The exporter's options for these choices; `selection` is used only when exporting the
    /// selection was chosen and it is not empty.
    pub(crate) fn options(&self, selection: &crate::edit::Selection) -> ExportOptions {
        ExportOptions {
            scale: f32::from(self.scale),
            findings: self.findings,
            background: self.background,
            selection: (self.selection_only && !selection.is_empty()).then(|| selection.clone()),
            date: None,
        }
    }
}

/// Whether a format is a picture (scale and background mean something).
fn is_picture(format: ExportFormat) -> bool {
    matches!(format, ExportFormat::Svg | ExportFormat::Png)
}

/// What the user did in the export window this frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DialogOutcome {
    /// Still choosing.
    Open,
    /// "Export…": ask where, then export.
    Export,
    /// Closed without exporting.
    Cancel,
}

/// Draws the export window over everything. `selected` is how many nodes and links are
/// selected (exporting the selection is offered only when there is one).
pub(crate) fn show(ctx: &Context, settings: &mut ExportSettings, selected: usize) -> DialogOutcome {
    let mut outcome = DialogOutcome::Open;
    if selected == 0 {
        settings.selection_only = false;
    }
    let modal = egui::Modal::new(egui::Id::new("export_dialog")).show(ctx, |ui| {
        ui.set_width(360.0);
        ui.heading("Export");
        ui.add_space(6.0);
        row(ui, "Format", |ui| {
            for format in ExportFormat::ALL {
                ui.radio_value(&mut settings.format, format, format.label());
            }
        });
        row(ui, "Scope", |ui| {
            ui.radio_value(&mut settings.selection_only, false, "Whole plan");
            let text = if selected == 0 {
                "Selection only (nothing selected)".to_owned()
            } else {
                format!("Selection only ({selected} selected)")
            };
            ui.add_enabled(
                selected > 0,
                egui::RadioButton::new(settings.selection_only, text),
            )
            .clicked()
            .then(|| settings.selection_only = true);
        });
        let picture = !matches!(
            settings.format,
            ExportFormat::Json | ExportFormat::PowerShell
        );
        row(ui, "Findings", |ui| {
            ui.add_enabled(
                picture,
                egui::Checkbox::new(
                    &mut settings.findings,
                    "Outline nodes and links with findings",
                ),
            );
        });
        row(ui, "Scale", |ui| {
            let png = settings.format == ExportFormat::Png;
            ui.horizontal(|ui| {
                for (scale, text) in [(1, "1×"), (2, "2×")] {
                    if ui
                        .add_enabled(png, egui::RadioButton::new(settings.scale == scale, text))
                        .clicked()
                    {
                        settings.scale = scale;
                    }
                }
            });
        });
        row(ui, "Background", |ui| {
            let enabled = is_picture(settings.format);
            ui.horizontal(|ui| {
                for (background, text) in [
                    (Background::White, "White"),
                    (Background::Transparent, "Transparent"),
                ] {
                    if ui
                        .add_enabled(
                            enabled,
                            egui::RadioButton::new(settings.background == background, text),
                        )
                        .clicked()
                    {
                        settings.background = background;
                    }
                }
            });
        });
        ui.add_space(12.0);
        ui.horizontal(|ui| {
            if wide_button(ui, "Export…").clicked() {
                outcome = DialogOutcome::Export;
            }
            if wide_button(ui, "Cancel").clicked() {
                outcome = DialogOutcome::Cancel;
            }
        });
    });
    // Esc or a click outside the window cancels.
    if outcome == DialogOutcome::Open && modal.should_close() {
        outcome = DialogOutcome::Cancel;
    }
    outcome
}

/// One labelled row of the window: the label in a fixed-width column, the choices stacked
/// beside it.
fn row(ui: &mut Ui, label: &str, add: impl FnOnce(&mut Ui)) {
    ui.horizontal_top(|ui| {
        ui.add_sized(
            [84.0, 18.0],
            egui::Label::new(egui::RichText::new(label).strong()),
        );
        ui.vertical(add);
    });
    ui.add_space(6.0);
}

fn wide_button(ui: &mut Ui, text: &str) -> egui::Response {
    ui.add(egui::Button::new(text).min_size(egui::vec2(96.0, 26.0)))
}

/// Where an export goes and in which format, for the name the user typed with `chosen`
/// picked in the window. As on the command line, an extension that names an export format
/// picks that format (`plan.html` is always HTML), so a file's content always matches its
/// extension; any other name gets the chosen format's extension added (`plan` and
/// `plan.v2` become `plan.png` and `plan.v2.png`).
#[must_use]
pub(crate) fn export_target(path: PathBuf, chosen: ExportFormat) -> (PathBuf, ExportFormat) {
    if let Some(format) = ExportFormat::from_path(&path) {
        return (path, format);
    }
    let mut name = path.into_os_string();
    name.push(".");
    name.push(super::dialogs::export_extension(chosen));
    (PathBuf::from(name), chosen)
}

/// A size for people: "850 bytes", "12 KB", "1.2 MB" (decimal units).
#[must_use]
pub(crate) fn human_size(bytes: usize) -> String {
    match bytes {
        0..1_000 => format!("{bytes} bytes"),
        1_000..1_000_000 => format!("{} KB", (bytes + 500) / 1_000),
        _ => format!("{:.1} MB", bytes as f64 / 1_000_000.0),
    }
}

/// How a background job ended.
#[derive(Debug)]
pub(crate) enum JobOutcome {
    /// The export was written.
    Written {
        /// Where.
        path: PathBuf,
        /// How many bytes.
        bytes: usize,
    },
    /// The diagram was rendered for the clipboard.
    Image(egui::ColorImage),
    /// Why it failed, as a sentence to follow "Could not …: ".
    Failed(String),
}

/// An export running on its own thread.
#[derive(Debug)]
pub(crate) struct Job {
    rx: Receiver<JobOutcome>,
    /// What the status bar says it is doing.
    pub(crate) what: String,
}

impl Job {
    /// Exports `doc` in `format` and writes it to `path` (atomically: an error leaves any old
    /// file as it was).
    pub(crate) fn write(
        ctx: &Context,
        doc: Document,
        format: ExportFormat,
        options: ExportOptions,
        path: PathBuf,
    ) -> Self {
        let what = format!("Exporting {}…", file_name(&path));
        Self::spawn(ctx, what, move || {
            let bytes = match export::export_bytes(&doc, format, &options) {
                Ok(bytes) => bytes,
                Err(e) => return JobOutcome::Failed(e.to_string()),
            };
            match crate::file::write_atomic(&path, &bytes) {
                Ok(()) => JobOutcome::Written {
                    path,
                    bytes: bytes.len(),
                },
                Err(e) => JobOutcome::Failed(e.to_string()),
            }
        })
    }

    /// Renders the whole plan as it would export to PNG (1×, findings shown, white), for the
    /// clipboard.
    pub(crate) fn copy_image(ctx: &Context, doc: Document) -> Self {
        Self::spawn(
            ctx,
            "Copying the diagram…".to_owned(),
            move || match render_image(&doc) {
                Ok(image) => JobOutcome::Image(image),
                Err(e) => JobOutcome::Failed(e),
            },
        )
    }

    fn spawn(
        ctx: &Context,
        what: String,
        work: impl FnOnce() -> JobOutcome + Send + 'static,
    ) -> Self {
        let (tx, rx) = channel();
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new().name("export".into()).spawn({
            let tx = tx.clone();
            move || {
                let _ = tx.send(work());
                ctx.request_repaint();
            }
        });
        if spawned.is_err() {
            let _ = tx.send(JobOutcome::Failed(
                "no thread could be started for it".to_owned(),
            ));
        }
        Self { rx, what }
    }

    /// The outcome once the job has ended; `None` while it runs.
    pub(crate) fn poll(&self) -> Option<JobOutcome> {
        match self.rx.try_recv() {
            Ok(outcome) => Some(outcome),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(JobOutcome::Failed(
                "the export stopped unexpectedly".to_owned(),
            )),
        }
    }
}

/// The plan as the PNG export draws it, as an image for the clipboard.
fn render_image(doc: &Document) -> Result<egui::ColorImage, String> {
    let options = ExportOptions {
        scale: 1.0,
        ..ExportOptions::default()
    };
    let png = export::export_bytes(doc, ExportFormat::Png, &options).map_err(|e| e.to_string())?;
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(&png)
        .map_err(|e| format!("the rendered image could not be read back: {e}"))?;
    Ok(egui::ColorImage::from_rgba_premultiplied(
        [pixmap.width() as usize, pixmap.height() as usize],
        pixmap.data(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::Selection;
    use crate::model::NodeId;

    #[test]
    fn sizes_read_like_a_file_manager_shows_them() {
        assert_eq!(human_size(850), "850 bytes");
        assert_eq!(human_size(12_345), "12 KB");
        assert_eq!(human_size(1_234_567), "1.2 MB");
    }

    #[test]
    fn a_bare_name_gets_the_format_extension_and_plans_the_topology_one() {
        assert_eq!(
            export_target(PathBuf::from("/x/plan"), ExportFormat::Png),
            (PathBuf::from("/x/plan.png"), ExportFormat::Png)
        );
        assert_eq!(
            export_target(PathBuf::from("/x/plan"), ExportFormat::Json),
            (PathBuf::from("/x/plan.hybrid.json"), ExportFormat::Json)
        );
    }

    #[test]
    fn a_typed_export_extension_picks_the_format_and_any_other_gets_one_added() {
        assert_eq!(
            export_target(PathBuf::from("/x/gui.html"), ExportFormat::Png),
            (PathBuf::from("/x/gui.html"), ExportFormat::Html)
        );
        assert_eq!(
            export_target(PathBuf::from("/x/plan.SVG"), ExportFormat::Markdown),
            (PathBuf::from("/x/plan.SVG"), ExportFormat::Svg)
        );
        assert_eq!(
            export_target(PathBuf::from("/x/plan.txt"), ExportFormat::Markdown),
            (PathBuf::from("/x/plan.txt.md"), ExportFormat::Markdown)
        );
        assert_eq!(
            export_target(PathBuf::from("/x/plan.v2"), ExportFormat::Png),
            (PathBuf::from("/x/plan.v2.png"), ExportFormat::Png)
        );
    }

    #[test]
    fn selection_scope_needs_a_selection() {
        let settings = ExportSettings {
            selection_only: true,
            ..ExportSettings::default()
        };
        assert_eq!(settings.options(&Selection::default()).selection, None);
        let one = Selection::node(NodeId::from("ex1"));
        assert_eq!(settings.options(&one).selection, Some(one.clone()));
        let whole = ExportSettings::default();
        assert_eq!(whole.options(&one).selection, None);
    }

    #[test]
    fn the_clipboard_image_has_the_png_exports_size() {
        let doc = crate::edit::sample_plan();
        let image = render_image(&doc).expect("the sample renders");
        let png =
            export::export_bytes(&doc, ExportFormat::Png, &ExportOptions::default()).expect("png");
        let pixmap = resvg::tiny_skia::Pixmap::decode_png(&png).expect("decode");
        assert_eq!(
            image.size,
            [pixmap.width() as usize, pixmap.height() as usize]
        );
        assert!(image.pixels.iter().any(|p| *p != egui::Color32::WHITE));
    }
}
