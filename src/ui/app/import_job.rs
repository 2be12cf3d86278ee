//! File → Import organization…: the import of a folder of PowerShell exports running on a
//! worker thread with its progress in the status bar, the plan it makes opened as a new
//! unsaved document, and the window with its summary (or the reason it failed, the open plan
//! untouched).

use super::super::dialogs::file_name;
use super::super::import_summary::{self, ImportReport, WindowOutcome};
use super::DesignerApp;
use crate::edit;
use crate::import::{self, Imported};
use crate::model::Date;
use egui::Context;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// The collection script the importer reads the output of (spec `import.md` §2).
const COLLECT_SCRIPT: &str = include_str!("../../../assets/collect/Collect-HybridInventory.ps1");

/// The name Help → Collection script… suggests.
pub(super) const COLLECT_SCRIPT_NAME: &str = "Collect-HybridInventory.ps1";

/// The import running, the one waiting to be opened, and the window after it.
#[derive(Default)]
pub(super) struct Importer {
    job: Option<ImportJob>,
    /// A finished import waiting for the answer to "save the changes first?".
    ready: Option<Imported>,
    /// The summary or failure window, while open.
    report: Option<ImportReport>,
}

impl Importer {
    pub(super) fn is_running(&self) -> bool {
        self.job.is_some()
    }

    pub(super) fn report(&self) -> Option<&ImportReport> {
        self.report.as_ref()
    }

    /// Closes the summary window (Esc).
    pub(super) fn close_window(&mut self) -> bool {
        self.report.take().is_some()
    }
}

/// Files read and files to read, written by the worker, read by the frame.
#[derive(Default)]
struct Progress {
    done: AtomicUsize,
    total: AtomicUsize,
}

/// An import on its worker thread.
struct ImportJob {
    rx: Receiver<Result<Imported, String>>,
    progress: Arc<Progress>,
    /// The folder or file, as the status bar names it.
    name: String,
    /// The open plan's change key when the import started: if the plan changes meanwhile,
    /// opening the import asks about unsaved changes again.
    started: (u64, u64),
}

impl ImportJob {
    fn spawn(ctx: &Context, path: PathBuf, date: Date, started: (u64, u64)) -> Self {
        let (tx, rx) = channel();
        let progress = Arc::new(Progress::default());
        let name = file_name(&path);
        let shared = Arc::clone(&progress);
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new().name("import".into()).spawn({
            let tx = tx.clone();
            move || {
                let result = import::import_paths(&[path], &import::Options::on(date), |d, t| {
                    shared.total.store(t, Ordering::Relaxed);
                    shared.done.store(d, Ordering::Relaxed);
                    ctx.request_repaint();
                })
                .map(laid_out)
                .map_err(|e| e.to_string());
                let _ = tx.send(result);
                ctx.request_repaint();
            }
        });
        if let Err(e) = spawned {
            let _ = tx.send(Err(format!("the import could not start: {e}")));
        }
        Self {
            rx,
            progress,
            name,
            started,
        }
    }

    /// The status bar's words while the import runs.
    fn status(&self) -> String {
        let done = self.progress.done.load(Ordering::Relaxed);
        let total = self.progress.total.load(Ordering::Relaxed);
        match total {
            0 => format!("Importing {}…", self.name),
            t if done >= t => format!("Importing {}: {t} files read, making the plan…", self.name),
            t => format!("Importing {}: {done} of {t} files read…", self.name),
        }
    }
}

/// The imported plan with every node at its place in the tidy layout, worked out here on the
/// worker rather than by the canvas in a frame.
fn laid_out(mut imported: Imported) -> Imported {
    let places = edit::arrange::tidy_positions(&imported.doc);
    for node in &mut imported.doc.nodes {
        if node.position.is_none() {
            node.position = places.get(&node.id).copied();
        }
    }
    imported
}

impl DesignerApp {
    /// Imports `path` (a folder of exports or one file) in the background.
    pub(super) fn start_import(&mut self, path: PathBuf) {
        if let Some(job) = &self.importer.job {
            let text = format!("{} (please wait)", job.status());
            self.info(text);
            return;
        }
        self.importer.report = None;
        self.importer.ready = None;
        let job = ImportJob::spawn(&self.ctx, path, Date::today(), self.session.change_key());
        self.info(job.status());
        self.importer.job = Some(job);
    }

    /// Whether an import is still running.
    #[must_use]
    pub fn is_importing(&self) -> bool {
        self.importer.is_running()
    }

    /// What the import window shows, while it is open.
    #[must_use]
    pub fn import_report(&self) -> Option<&ImportReport> {
        self.importer.report()
    }

    /// Called every frame: the import's progress, or its outcome once it ends.
    pub(super) fn poll_import(&mut self) {
        let Some(job) = &self.importer.job else {
            return;
        };
        // While another question waits (Quit, New…), the result stays in the channel: opening
        // it may need a question of its own.
        if self.files.confirm.is_some() {
            return;
        }
        let outcome = match job.rx.try_recv() {
            Ok(outcome) => outcome,
            Err(TryRecvError::Empty) => {
                let text = job.status();
                if self.status.as_ref().is_none_or(|s| s.text != text) {
                    self.info(text);
                }
                return;
            }
            Err(TryRecvError::Disconnected) => Err("the import stopped unexpectedly".to_owned()),
        };
        let started = job.started;
        self.importer.job = None;
        match outcome {
            Ok(imported) => {
                self.importer.ready = Some(imported);
                // The user agreed to replace the plan before the import; ask again only if it
                // has changed since.
                if self.is_dirty() && self.session.change_key() != started {
                    self.files.confirm = Some(super::super::command::Continuation::TakeImport);
                } else {
                    self.take_import();
                }
            }
            Err(reason) => {
                self.problem("The import failed; the plan you had open is unchanged");
                self.importer.report = Some(ImportReport::Failed { reason });
            }
        }
    }

    /// Opens the finished import as a new, unsaved plan and shows its summary.
    pub(super) fn take_import(&mut self) {
        let Some(Imported { doc, summary }) = self.importer.ready.take() else {
            return;
        };
        let report = ImportReport::Done {
            title: doc.display_title().to_owned(),
            nodes: doc.nodes.len(),
            links: doc.links.len(),
            summary,
        };
        self.replace_document(doc, None);
        // No file yet, and closing the window asks first: Save As suggests `<title>.hybrid.json`.
        self.session.mark_unsaved();
        self.banner = None;
        self.info(format!(
            "Imported “{}” as a new plan; save it to keep it",
            self.session.doc().display_title()
        ));
        self.importer.report = Some(report);
    }

    /// Writes the collection script to `path` (`.ps1` added to a bare name).
    pub(super) fn write_collect_script(&mut self, path: PathBuf) {
        let path = if path.extension().is_some() {
            path
        } else {
            path.with_extension("ps1")
        };
        match crate::file::write_atomic(&path, COLLECT_SCRIPT.as_bytes()) {
            Ok(()) => self.info(format!(
                "Saved {}: run it in the Exchange Management Shell, then File → Import organization…",
                path.display()
            )),
            Err(e) => self.problem(format!("Could not save the collection script: {e}")),
        }
    }

    /// Forgets a finished import the user chose not to open.
    pub(super) fn drop_import(&mut self) {
        if self.importer.ready.take().is_some() {
            self.info("The imported plan was not opened");
        }
    }

    /// The summary or failure window, while open.
    pub(super) fn show_import_window(&mut self, ctx: &Context) {
        let Some(report) = &self.importer.report else {
            return;
        };
        match import_summary::import_window(ctx, report) {
            WindowOutcome::Open => {}
            WindowOutcome::Copy => {
                ctx.copy_text(report.text());
                self.info("Copied the import summary");
            }
            WindowOutcome::Close => self.importer.report = None,
        }
    }
}
