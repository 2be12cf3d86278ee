//! The designer window driven through `egui_kittest`, headless: gestures in, document and
//! findings out, one test binary for every suite (they share `support`). File dialogs are
//! answered by a fake; no native dialog ever opens.

mod app;
mod canvas;
mod clipboard;
mod export;
mod format11;
mod hcw;
mod import;
mod newcomer;
mod palette;
mod present;
mod support;
