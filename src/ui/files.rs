//! Files around the designer: native file dialogs that never block a frame, the recent-files
//! list, and the small pieces of file handling the window needs (titles, dropped files).
//!
//! Dialogs sit behind the [`Dialogs`] trait so tests answer them without ever opening one.

use super::dialogs::Mode;
pub use super::dialogs::{Dialogs, EXTENSION, Filter, Pending, export_extension};
pub use super::file_browser::InAppDialogs;
use crate::export::ExportFormat;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::pin;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::task::{Context, Poll, Wake, Waker};
use std::time::{Duration, Instant};

/// How many recent files the File menu remembers.
pub const RECENT_MAX: usize = 10;

/// The storage key of the recent-files list in eframe's persistence.
pub const RECENT_KEY: &str = "hybrid_designer.recent_files";

/// How quickly a native dialog would have to be cancelled for us to believe that no dialog was
/// shown at all: no one cancels a file dialog within a quarter of a second.
const NO_DIALOG_WITHIN: Duration = Duration::from_millis(250);

/// Whether a native dialog can probably be shown: rfd on Linux needs a desktop portal (over
/// the D-Bus session bus) or `zenity`. Elsewhere the platform always has one.
#[must_use]
pub fn native_dialogs_likely() -> bool {
    if !cfg!(any(
        target_os = "linux",
        target_os = "freebsd",
        target_os = "openbsd",
        target_os = "netbsd",
        target_os = "dragonfly"
    )) {
        return true;
    }
    let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|v| !v.is_empty());
    bus || on_path("zenity")
}

/// Whether an executable of this name is in one of `$PATH`'s folders.
fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// What a native dialog was asked, kept to ask the in-app one instead if no native dialog
/// shows.
#[derive(Debug, Clone)]
struct Request {
    mode: Mode,
    filter: Filter,
    dir: Option<PathBuf>,
    file_name: Option<String>,
}

/// A native dialog running on its thread.
struct Waiting {
    request: Request,
    /// The dialog thread's answer and how long the dialog was up.
    from_thread: Receiver<(Option<PathBuf>, Duration)>,
    /// Where the app waits for the answer.
    to_app: Sender<Option<PathBuf>>,
}

/// Native dialogs through rfd's `AsyncFileDialog`, each run to completion on its own thread and
/// handed back through a channel, so the frame loop never blocks on a dialog.
///
/// Where no native dialog can be shown (see [`native_dialogs_likely`], or a native dialog that
/// "cancels" at once), the in-app dialog takes over, for that request and every later one.
pub struct NativeDialogs {
    ctx: egui::Context,
    /// Native dialogs are believed to work.
    native: bool,
    waiting: Option<Waiting>,
    in_app: InAppDialogs,
}

impl NativeDialogs {
    /// Dialogs that wake this context when answered.
    #[must_use]
    pub fn new(ctx: egui::Context) -> Self {
        Self {
            ctx,
            native: native_dialogs_likely(),
            waiting: None,
            in_app: InAppDialogs::new(),
        }
    }

    fn ask(&mut self, request: Request) -> Pending {
        let (to_app, pending) = Pending::channel();
        if !self.native {
            self.ask_in_app(&request, to_app);
            return pending;
        }
        let (tx, rx) = channel();
        let ctx = self.ctx.clone();
        let dir = request.dir.clone();
        let file_name = request.file_name.clone();
        let filter = request.filter;
        let mode = request.mode;
        let spawned = std::thread::Builder::new()
            .name("file-dialog".into())
            .spawn(move || {
                let started = Instant::now();
                let mut dialog = rfd::AsyncFileDialog::new()
                    .add_filter(filter.name, &[filter.extension])
                    .add_filter("All files", &["*"]);
                if let Some(dir) = dir {
                    dialog = dialog.set_directory(dir);
                }
                let answer = match (mode, file_name) {
                    // A native folder picker cannot also pick files; the in-app one can.
                    (Mode::Folder, _) => block_on(dialog.pick_folder()),
                    (_, Some(name)) => block_on(dialog.set_file_name(name).save_file()),
                    (_, None) => block_on(dialog.pick_file()),
                };
                let _ = tx.send((answer.map(|h| h.path().to_path_buf()), started.elapsed()));
                ctx.request_repaint();
            });
        match spawned {
            Ok(_) => {
                self.waiting = Some(Waiting {
                    request,
                    from_thread: rx,
                    to_app,
                });
            }
            // No thread, no native dialog: ask inside the window.
            Err(_) => self.ask_in_app(&request, to_app),
        }
        pending
    }

    fn ask_in_app(&mut self, request: &Request, to_app: Sender<Option<PathBuf>>) {
        self.in_app.ask(
            request.mode,
            request.filter,
            request.dir.as_deref(),
            request.file_name.as_deref(),
            to_app,
        );
    }

    /// Passes a native answer on, or hands the request to the in-app dialog when the native
    /// one was "cancelled" too fast to have been shown.
    fn forward_native_answer(&mut self) {
        let Some(waiting) = &self.waiting else { return };
        let (answer, took) = match waiting.from_thread.try_recv() {
            Ok(reply) => reply,
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => (None, Duration::MAX),
        };
        let Some(waiting) = self.waiting.take() else {
            return;
        };
        if answer.is_none() && took < NO_DIALOG_WITHIN {
            self.native = false;
            self.ask_in_app(&waiting.request, waiting.to_app);
        } else {
            let _ = waiting.to_app.send(answer);
        }
    }
}

impl Dialogs for NativeDialogs {
    fn pick_open(&mut self, dir: Option<&Path>) -> Pending {
        self.ask(Request {
            mode: Mode::Open,
            filter: Filter::TOPOLOGY,
            dir: dir.map(Path::to_path_buf),
            file_name: None,
        })
    }

    fn pick_save(&mut self, dir: Option<&Path>, file_name: &str) -> Pending {
        self.ask(Request {
            mode: Mode::Save,
            filter: Filter::TOPOLOGY,
            dir: dir.map(Path::to_path_buf),
            file_name: Some(file_name.to_owned()),
        })
    }

    fn pick_save_file(&mut self, dir: Option<&Path>, file_name: &str, filter: Filter) -> Pending {
        self.ask(Request {
            mode: Mode::Save,
            filter,
            dir: dir.map(Path::to_path_buf),
            file_name: Some(file_name.to_owned()),
        })
    }

    fn pick_folder(&mut self, dir: Option<&Path>) -> Pending {
        self.ask(Request {
            mode: Mode::Folder,
            filter: Filter::CLIXML,
            dir: dir.map(Path::to_path_buf),
            file_name: None,
        })
    }

    fn pick_export(
        &mut self,
        dir: Option<&Path>,
        file_name: &str,
        format: ExportFormat,
    ) -> Pending {
        self.ask(Request {
            mode: Mode::Save,
            filter: Filter::export(format),
            dir: dir.map(Path::to_path_buf),
            file_name: Some(file_name.to_owned()),
        })
    }

    fn show(&mut self, ctx: &egui::Context) {
        self.forward_native_answer();
        self.in_app.show(ctx);
    }

    fn is_showing(&self) -> bool {
        self.in_app.is_showing()
    }
}

/// Wakes a parked thread.
struct ThreadWaker(std::thread::Thread);

impl Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }
}

/// Runs a future to completion on the current (dialog) thread: a dialog future needs no more
/// than parking until its backend wakes us.
fn block_on<F: Future>(future: F) -> F::Output {
    let waker = Waker::from(Arc::new(ThreadWaker(std::thread::current())));
    let mut cx = Context::from_waker(&waker);
    let mut future = pin!(future);
    loop {
        match future.as_mut().poll(&mut cx) {
            Poll::Ready(out) => return out,
            Poll::Pending => std::thread::park(),
        }
    }
}

/// The most recently used files, newest first, without duplicates.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecentFiles(Vec<PathBuf>);

impl RecentFiles {
    /// Reads the list from its stored JSON form; anything unreadable gives an empty list.
    #[must_use]
    pub fn from_json(text: &str) -> Self {
        let mut list: Vec<PathBuf> = serde_json::from_str(text).unwrap_or_default();
        list.truncate(RECENT_MAX);
        Self(list)
    }

    /// The stored JSON form.
    #[must_use]
    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_else(|_| "[]".to_owned())
    }

    /// Puts `path` first, dropping an older entry for it and the oldest beyond [`RECENT_MAX`].
    pub fn touch(&mut self, path: &Path) {
        self.0.retain(|p| p != path);
        self.0.insert(0, path.to_path_buf());
        self.0.truncate(RECENT_MAX);
    }

    /// Forgets a file (it could not be opened any more).
    pub fn remove(&mut self, path: &Path) {
        self.0.retain(|p| p != path);
    }

    /// Forgets every file.
    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// The files, newest first.
    #[must_use]
    pub fn paths(&self) -> &[PathBuf] {
        &self.0
    }
}

/// The window title: an unsaved mark, the plan's title, the file name once it has one, the
/// program name.
#[must_use]
pub fn window_title(doc_title: &str, path: Option<&Path>, dirty: bool) -> String {
    let mark = if dirty { "• " } else { "" };
    match path.and_then(Path::file_name) {
        Some(file) => format!(
            "{mark}{doc_title} — {} — Hybrid Topology Designer",
            file.to_string_lossy()
        ),
        None => format!("{mark}{doc_title} — Hybrid Topology Designer"),
    }
}

/// A file name to suggest in Save As for a plan with this title.
#[must_use]
pub fn suggested_file_name(doc_title: &str) -> String {
    format!("{}.{EXTENSION}", file_stem(doc_title))
}

/// A file name to suggest for an export of a plan with this title: `<title>.<ext>`, plans
/// keeping the topology extension so they open in the designer.
#[must_use]
pub fn suggested_export_name(doc_title: &str, format: ExportFormat) -> String {
    format!("{}.{}", file_stem(doc_title), export_extension(format))
}

/// The title as a safe file name without extension.
fn file_stem(doc_title: &str) -> String {
    let stem: String = doc_title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let stem = stem.trim_matches('-');
    if stem.is_empty() {
        "plan".to_owned()
    } else {
        stem.to_owned()
    }
}

/// The first dropped file that looks like a topology file (any `.json`), if any.
#[must_use]
pub fn dropped_topology(files: &[egui::DroppedFileHandle]) -> Option<PathBuf> {
    files
        .iter()
        .map(|f| f.path())
        .find(|p| {
            p.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        })
        .map(Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_files_put_the_newest_first_without_duplicates() {
        let mut r = RecentFiles::default();
        r.touch(Path::new("/a.hybrid.json"));
        r.touch(Path::new("/b.hybrid.json"));
        r.touch(Path::new("/a.hybrid.json"));
        assert_eq!(
            r.paths(),
            [
                PathBuf::from("/a.hybrid.json"),
                PathBuf::from("/b.hybrid.json")
            ]
        );
        let back = RecentFiles::from_json(&r.to_json());
        assert_eq!(back, r);
    }

    #[test]
    fn recent_files_keep_at_most_ten() {
        let mut r = RecentFiles::default();
        for i in 0..15 {
            r.touch(&PathBuf::from(format!("/{i}.hybrid.json")));
        }
        assert_eq!(r.paths().len(), RECENT_MAX);
        assert_eq!(r.paths()[0], PathBuf::from("/14.hybrid.json"));
    }

    #[test]
    fn unreadable_recent_list_is_empty() {
        assert!(RecentFiles::from_json("not json").paths().is_empty());
    }

    #[test]
    fn title_names_the_file_and_marks_unsaved_changes() {
        assert_eq!(
            window_title("Contoso hybrid (sample)", None, false),
            "Contoso hybrid (sample) — Hybrid Topology Designer"
        );
        assert_eq!(
            window_title("x", Some(Path::new("/tmp/plan.hybrid.json")), true),
            "• x — plan.hybrid.json — Hybrid Topology Designer"
        );
    }

    #[test]
    fn suggested_name_is_a_safe_file_name() {
        assert_eq!(
            suggested_file_name("Contoso hybrid (sample)"),
            "Contoso-hybrid--sample.hybrid.json"
        );
        assert_eq!(suggested_file_name("  "), "plan.hybrid.json");
    }

    #[test]
    fn export_names_are_the_title_with_the_format_extension() {
        assert_eq!(
            suggested_export_name("Contoso hybrid", ExportFormat::Png),
            "Contoso-hybrid.png"
        );
        assert_eq!(
            suggested_export_name("Contoso hybrid", ExportFormat::Markdown),
            "Contoso-hybrid.md"
        );
        assert_eq!(
            suggested_export_name("Contoso hybrid", ExportFormat::Json),
            "Contoso-hybrid.hybrid.json"
        );
    }

    #[test]
    fn ready_pending_answers_at_once() {
        let p = Pending::ready(Some(PathBuf::from("/x")));
        assert_eq!(p.poll(), Some(Some(PathBuf::from("/x"))));
    }
}
