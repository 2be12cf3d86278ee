//! What the designer asks of a file dialog, native or in-app: the [`Dialogs`] trait, the
//! answer still to come ([`Pending`]), and the kinds and names of the files it lists.
//!
//! Dialogs sit behind the trait so tests answer them without ever opening one.

use crate::export::ExportFormat;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};

/// The file name extension of topology files.
pub const EXTENSION: &str = "hybrid.json";

/// A file dialog that has been asked and may not have been answered yet.
#[derive(Debug)]
pub struct Pending(Receiver<Option<PathBuf>>);

impl Pending {
    /// An answer that is already known (fake dialogs in tests, platforms without dialogs).
    #[must_use]
    pub fn ready(answer: Option<PathBuf>) -> Self {
        let (tx, rx) = channel();
        // The receiver is alive, so this cannot fail.
        let _ = tx.send(answer);
        Self(rx)
    }

    /// A dialog to be answered through the sender.
    #[must_use]
    pub fn channel() -> (Sender<Option<PathBuf>>, Self) {
        let (tx, rx) = channel();
        (tx, Self(rx))
    }

    /// `Some(answer)` once the user has answered (`Some(None)` = cancelled); `None` while waiting.
    /// A dialog thread that died counts as a cancel.
    #[must_use]
    pub fn poll(&self) -> Option<Option<PathBuf>> {
        match self.0.try_recv() {
            Ok(answer) => Some(answer),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(None),
        }
    }
}

/// Asks the user for file paths. The real implementation shows native dialogs on a background
/// thread; tests inject their own answers.
pub trait Dialogs {
    /// Asks for a topology file to open, starting in `dir` when given.
    fn pick_open(&mut self, dir: Option<&Path>) -> Pending;
    /// Asks where to save, starting in `dir` with `file_name` suggested.
    fn pick_save(&mut self, dir: Option<&Path>, file_name: &str) -> Pending;
    /// Asks where to save a file of the `filter`'s kind, starting in `dir` with `file_name`
    /// suggested (Help → Collection script…).
    fn pick_save_file(&mut self, dir: Option<&Path>, file_name: &str, filter: Filter) -> Pending {
        let _ = filter;
        self.pick_save(dir, file_name)
    }
    /// Asks for an inventory to import (File → Import organization…): a folder of PowerShell
    /// exports, or one export file where the dialog can pick files too.
    fn pick_folder(&mut self, dir: Option<&Path>) -> Pending;
    /// Asks where to write an export in `format`, starting in `dir` with `file_name`
    /// (`<title>.<ext>`) suggested and the list filtered to that format's files.
    fn pick_export(
        &mut self,
        dir: Option<&Path>,
        file_name: &str,
        format: ExportFormat,
    ) -> Pending {
        let _ = format;
        self.pick_save(dir, file_name)
    }
    /// Draws dialogs that live inside the window (the in-app fallback); called every frame.
    fn show(&mut self, ctx: &egui::Context) {
        let _ = ctx;
    }
    /// Whether a dialog inside the window is open (it then has the keyboard).
    fn is_showing(&self) -> bool {
        false
    }
}

/// The kind of file a dialog lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Filter {
    /// What the dialog calls these files.
    pub name: &'static str,
    /// Their extension, without the dot (the last one: `json` for `.hybrid.json`).
    pub extension: &'static str,
}

impl Filter {
    /// Topology files.
    pub const TOPOLOGY: Filter = Filter {
        name: "Hybrid topology",
        extension: "json",
    };

    /// PowerShell `Export-Clixml` files, what an import reads.
    pub const CLIXML: Filter = Filter {
        name: "PowerShell export (CLIXML)",
        extension: "xml",
    };

    /// PowerShell scripts (the collection script).
    pub const POWERSHELL: Filter = Filter {
        name: "PowerShell script",
        extension: "ps1",
    };

    /// The files of an export format.
    #[must_use]
    pub fn export(format: ExportFormat) -> Self {
        Self {
            name: format.label(),
            extension: format.extension(),
        }
    }
}

/// Whether the dialog picks a file to read or a place to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// An existing file.
    Open,
    /// A new or existing file in an existing folder.
    Save,
    /// An existing folder (or an existing file of the filter's kind) to import.
    Folder,
}

/// The extension an export in `format` is saved with: plans keep the topology extension so
/// they open in the designer.
#[must_use]
pub fn export_extension(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Json => EXTENSION,
        other => other.extension(),
    }
}

/// The last part of a path, for status messages.
#[must_use]
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
