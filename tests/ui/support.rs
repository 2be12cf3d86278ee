//! What the designer's kittest suites share: file dialogs answered by a fake (no native dialog
//! ever opens in a test), and the whole designer built in a 1600×1000 harness.

use egui_kittest::Harness;
use hybrid_designer::export::ExportFormat;
use hybrid_designer::ui::files::{Dialogs, Pending};
use hybrid_designer::ui::{DesignerApp, Startup};
use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The designer in a harness; the app is built on the first frame (it needs the context).
pub type Designer = Harness<'static, Option<DesignerApp>>;

/// What the fake save dialog was asked for an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportAsk {
    pub file_name: String,
    pub format: ExportFormat,
}

/// Answers file dialogs from a queue the test fills (an empty queue means "cancelled"),
/// counts the questions and records what exports asked for. Clones share the queue, so a
/// test keeps one clone and hands the other to the app.
#[derive(Clone, Default)]
pub struct FakeDialogs {
    answers: Arc<Mutex<VecDeque<PathBuf>>>,
    asked: Arc<Mutex<usize>>,
    exports: Arc<Mutex<Vec<ExportAsk>>>,
    saves: Arc<Mutex<Vec<String>>>,
    folders: Arc<Mutex<usize>>,
}

impl FakeDialogs {
    /// The next dialog chooses `path`.
    pub fn answer(&self, path: &Path) {
        self.answers
            .lock()
            .expect("lock")
            .push_back(path.to_path_buf());
    }

    /// How many dialogs were opened.
    pub fn asked(&self) -> usize {
        *self.asked.lock().expect("lock")
    }

    /// How many folder pickers (File → Import organization…) were opened.
    pub fn folder_asks(&self) -> usize {
        *self.folders.lock().expect("lock")
    }

    /// The file name each Save As dialog proposed, in order.
    pub fn saves(&self) -> Vec<String> {
        self.saves.lock().expect("lock").clone()
    }

    /// What each export dialog was opened with, in order.
    pub fn exports(&self) -> Vec<ExportAsk> {
        self.exports.lock().expect("lock").clone()
    }

    fn next(&self) -> Pending {
        *self.asked.lock().expect("lock") += 1;
        Pending::ready(self.answers.lock().expect("lock").pop_front())
    }
}

impl Dialogs for FakeDialogs {
    fn pick_open(&mut self, _dir: Option<&Path>) -> Pending {
        self.next()
    }

    fn pick_save(&mut self, _dir: Option<&Path>, file_name: &str) -> Pending {
        self.saves.lock().expect("lock").push(file_name.to_owned());
        self.next()
    }

    fn pick_folder(&mut self, _dir: Option<&Path>) -> Pending {
        *self.folders.lock().expect("lock") += 1;
        self.next()
    }

    fn pick_export(
        &mut self,
        _dir: Option<&Path>,
        file_name: &str,
        format: ExportFormat,
    ) -> Pending {
        self.exports.lock().expect("lock").push(ExportAsk {
            file_name: file_name.to_owned(),
            format,
        });
        self.next()
    }
}

/// Starting on `path`, with no recovery offer.
pub fn opening(path: impl Into<PathBuf>) -> Startup {
    Startup {
        file: Some(path.into()),
        offer_recovery: false,
    }
}

/// The designer at 60 frames a second, without recovery copies.
pub fn designer(startup: Startup, dialogs: impl Dialogs + 'static) -> Designer {
    designer_with(startup, dialogs, None, 1.0 / 60.0)
}

/// [`designer`] with recovery copies in `recovery_dir` and frames `step_dt` seconds apart.
pub fn designer_with(
    startup: Startup,
    dialogs: impl Dialogs + 'static,
    recovery_dir: Option<PathBuf>,
    step_dt: f32,
) -> Designer {
    let mut init = Some((startup, dialogs, recovery_dir));
    let mut harness = Harness::builder()
        .with_size((1600.0, 1000.0))
        .with_step_dt(step_dt)
        .build_ui_state(
            move |ui, state: &mut Option<DesignerApp>| {
                if let Some((startup, dialogs, dir)) = init.take() {
                    *state = Some(DesignerApp::new(ui.ctx(), startup, Box::new(dialogs), dir));
                }
                if let Some(app) = state {
                    app.ui(ui);
                }
            },
            None,
        );
    harness.run_steps(3);
    harness
}

/// The app inside the harness.
pub fn app(h: &Designer) -> &DesignerApp {
    h.state()
        .as_ref()
        .expect("the app is built on the first frame")
}

/// The app inside the harness, to change.
pub fn app_mut(h: &mut Designer) -> &mut DesignerApp {
    h.state_mut()
        .as_mut()
        .expect("the app is built on the first frame")
}
