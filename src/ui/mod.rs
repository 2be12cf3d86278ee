//! The designer window: a thin egui layer that turns gestures into edit commands and draws the model.

use std::path::PathBuf;

/// Open the designer window on a file, or on the embedded sample plan when `file` is `None`.
pub fn run(file: Option<PathBuf>) -> anyhow::Result<()> {
    let _ = file;
    anyhow::bail!("the designer window is not built yet")
}
