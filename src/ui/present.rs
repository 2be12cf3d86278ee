//! Presentation mode (F5): the plan full screen on a light canvas, one slide at a time, with
//! a smooth camera move between slides; and the designer's "Views" panel that edits the
//! plan's own slides.
//!
//! The slides, their framing and the easing all come from the core ([`crate::present`]);
//! this layer only reads keys, drives the canvas camera and draws the overlay.

use super::canvas::{Canvas, CanvasOptions};
use crate::edit::Selection;
use crate::model::{Camera, Document, View};
use crate::present::{self, Deck, DeckSource, Walkthrough};
use crate::rules::Finding;
use egui::{Align2, Color32, Id, Key, Modifiers, RichText, Ui, Vec2, ViewportCommand};
use std::collections::HashSet;

/// How long the camera takes to move from one slide to the next, in seconds.
pub const MOVE_SECONDS: f64 = 0.4;

const INK: Color32 = Color32::from_rgb(0x20, 0x1F, 0x1E);
const INK_MUTED: Color32 = Color32::from_rgb(0x60, 0x5E, 0x5C);
const PAPER: Color32 = Color32::from_rgba_premultiplied(250, 250, 250, 240);
const RULE: Color32 = Color32::from_rgb(0xD2, 0xD0, 0xCE);
const TITLE_SIZE: f32 = 30.0;
const CAPTION_SIZE: f32 = 18.0;
/// Room kept between a framed slide and the caption or controls over it.
const OVERLAY_GAP: f32 = 12.0;

/// What the presenter wants after a frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PresenterOutcome {
    /// Keep presenting.
    Continue,
    /// The presenter pressed Esc (or Exit): leave presentation mode.
    Exit,
}

/// An eased camera move in progress.
#[derive(Debug, Clone, Copy)]
struct Move {
    from: Camera,
    to: Camera,
    /// egui time when the move started; `None` until its first frame.
    start: Option<f64>,
}

/// Presentation mode: the deck of slides, the camera move, and whether findings show.
pub struct Presenter {
    deck: Deck,
    show_findings: bool,
    moving: Option<Move>,
    /// The editor's camera and zoom when the presentation began, restored on exit.
    editor_camera: Option<(Camera, f32)>,
    /// The size of the presentation area last frame; a change (the window going full
    /// screen) frames the slide again.
    last_size: Option<Vec2>,
    /// Frame the slide again next frame.
    reframe: bool,
    /// Screen points covered by the caption (top) and the controls (bottom) last frame;
    /// slides are framed in the band between them.
    insets: (f32, f32),
    entered: bool,
    selection: Selection,
}

impl Presenter {
    /// A presentation of the plan's own views (its title slide when it has none); findings
    /// hidden.
    #[must_use]
    pub fn new(doc: &Document, findings: &[Finding]) -> Self {
        Self::with_deck(Deck::for_plan(doc, findings))
    }

    /// A presentation of this deck.
    #[must_use]
    pub fn with_deck(deck: Deck) -> Self {
        let show_findings = deck.source() == DeckSource::Walkthrough(Walkthrough::Findings);
        Self {
            deck,
            show_findings,
            moving: None,
            editor_camera: None,
            last_size: None,
            reframe: false,
            insets: (0.0, 0.0),
            entered: false,
            selection: Selection::default(),
        }
    }

    /// The slides and which one is showing.
    #[must_use]
    pub fn deck(&self) -> &Deck {
        &self.deck
    }

    /// Whether findings are drawn on the canvas (F toggles).
    #[must_use]
    pub fn shows_findings(&self) -> bool {
        self.show_findings
    }

    /// Whether the camera is moving between slides (the only time the presenter asks for
    /// frames of its own).
    #[must_use]
    pub fn is_moving(&self) -> bool {
        self.moving.is_some()
    }

    /// Switches to another deck, on its first slide (the Findings walkthrough turns findings
    /// on). The camera jumps; the window's controls start a move instead.
    pub fn choose(&mut self, doc: &Document, findings: &[Finding], source: DeckSource) {
        self.deck = Deck::new(doc, findings, source);
        if source == DeckSource::Walkthrough(Walkthrough::Findings) {
            self.show_findings = true;
        }
    }

    /// Draws the presentation filling `ui` and handles its keys. Call it instead of the
    /// designer's panels while presenting; on [`PresenterOutcome::Exit`] the window has been
    /// asked to leave full screen and the canvas is back on the editor's camera.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        canvas: &mut Canvas,
        doc: &Document,
        findings: &[Finding],
    ) -> PresenterOutcome {
        let ctx = ui.ctx().clone();
        if !self.entered {
            self.entered = true;
            self.editor_camera = Some((canvas.camera(), canvas.zoom()));
            ctx.send_viewport_cmd(ViewportCommand::Fullscreen(true));
            canvas.set_camera(self.deck.current().camera);
        }

        if self.handle_keys(ui, canvas) == PresenterOutcome::Exit {
            return self.exit(&ctx, canvas);
        }

        ui.style_mut().visuals = egui::Visuals::light();
        let area = ui.available_rect_before_wrap();
        self.drive_camera(&ctx, canvas, area.size());

        let view = self.deck.current().clone();
        let highlight = (!view.nodes.is_empty() || !view.links.is_empty()).then(|| {
            (
                view.nodes.iter().cloned().collect::<HashSet<_>>(),
                view.links.iter().cloned().collect::<HashSet<_>>(),
            )
        });
        let opts = CanvasOptions {
            editable: false,
            show_findings: self.show_findings,
            highlight,
            presentation: true,
        };
        let shown: &[Finding] = if self.show_findings { findings } else { &[] };
        // A presentation edits nothing: whatever the canvas reports (a click selecting a
        // node) is dropped.
        let _ = canvas.show(ui, doc, shown, &self.selection, None, &opts);

        let caption = caption_overlay(&ctx, doc, &view);
        let (outcome, controls) = self.control_bar(&ctx, canvas, doc, findings);
        let insets = (
            caption.bottom() - area.top() + OVERLAY_GAP,
            area.bottom() - controls.top() + OVERLAY_GAP,
        );
        if (insets.0 - self.insets.0).abs() > 1.0 || (insets.1 - self.insets.1).abs() > 1.0 {
            self.insets = insets;
            self.reframe = true;
            ctx.request_repaint();
        }
        match outcome {
            PresenterOutcome::Exit => self.exit(&ctx, canvas),
            PresenterOutcome::Continue => PresenterOutcome::Continue,
        }
    }

    fn exit(&mut self, ctx: &egui::Context, canvas: &mut Canvas) -> PresenterOutcome {
        ctx.send_viewport_cmd(ViewportCommand::Fullscreen(false));
        if let (Some((cam, zoom)), Some(size)) = (self.editor_camera.take(), self.last_size)
            && zoom > 0.0
        {
            // The canvas applies a camera to the size it has now (the whole screen), and the
            // editor's panels shrink it next frame while keeping its zoom and top-left corner.
            // So ask for the editor's corner and zoom at the current size.
            let (width, height) = (f64::from(size.x / zoom), f64::from(size.y / zoom));
            canvas.set_camera(Camera {
                x: cam.x,
                y: cam.y,
                width,
                height,
            });
        }
        self.moving = None;
        self.entered = false;
        PresenterOutcome::Exit
    }

    fn handle_keys(&mut self, ui: &Ui, canvas: &Canvas) -> PresenterOutcome {
        let pressed = |key: Key| ui.input_mut(|i| i.consume_key(Modifiers::NONE, key));
        if pressed(Key::Escape) {
            return PresenterOutcome::Exit;
        }
        if pressed(Key::F) {
            self.show_findings = !self.show_findings;
        }
        let before = self.deck.index();
        if pressed(Key::ArrowRight)
            | pressed(Key::Space)
            | pressed(Key::PageDown)
            | pressed(Key::ArrowDown)
        {
            self.deck.next();
        }
        if pressed(Key::ArrowLeft) | pressed(Key::PageUp) | pressed(Key::ArrowUp) {
            self.deck.prev();
        }
        if pressed(Key::Home) {
            self.deck.first();
        }
        if pressed(Key::End) {
            self.deck.last();
        }
        if self.deck.index() != before {
            self.start_move(canvas);
        }
        PresenterOutcome::Continue
    }

    fn start_move(&mut self, canvas: &Canvas) {
        let from = canvas.camera();
        self.moving = Some(Move {
            from,
            to: self.deck.current().camera,
            start: None,
        });
    }

    /// Moves the canvas camera one frame along the current move, or frames the slide again
    /// when the canvas changed size.
    fn drive_camera(&mut self, ctx: &egui::Context, canvas: &mut Canvas, size: Vec2) {
        let resized = self.last_size != Some(size);
        self.last_size = Some(size);
        let (top, bottom) = self.insets;
        let place = |cam: Camera| {
            present::clear_of_overlays(
                cam,
                f64::from(size.x),
                f64::from(size.y),
                f64::from(top),
                f64::from(bottom),
            )
        };
        if let Some(mv) = &mut self.moving {
            let now = ctx.input(|i| i.time);
            let start = *mv.start.get_or_insert(now);
            let t = ((now - start) / MOVE_SECONDS).clamp(0.0, 1.0);
            // Both ends at the screen's shape, so the zoom changes smoothly.
            let aspect = f64::from(size.x) / f64::from(size.y.max(1.0));
            let from = present::fit_aspect(mv.from, aspect);
            canvas.set_camera(present::interpolate(from, place(mv.to), t));
            if t >= 1.0 {
                self.moving = None;
                self.reframe = true;
            } else {
                ctx.request_repaint();
            }
        } else if resized || self.reframe {
            canvas.set_camera(place(self.deck.current().camera));
            // The canvas frames against the size it saw last frame, so after a resize (the
            // window going full screen) the slide is framed once more, at the new size.
            self.reframe = resized;
        }
    }

    fn control_bar(
        &mut self,
        ctx: &egui::Context,
        canvas: &Canvas,
        doc: &Document,
        findings: &[Finding],
    ) -> (PresenterOutcome, egui::Rect) {
        let mut outcome = PresenterOutcome::Continue;
        let area = egui::Area::new(Id::new("present-controls"))
            .anchor(Align2::CENTER_BOTTOM, [0.0, -20.0])
            .order(egui::Order::Foreground)
            .show(ctx, |ui| {
                ui.style_mut().visuals = egui::Visuals::light();
                for (style, size) in [
                    (egui::TextStyle::Body, 17.0),
                    (egui::TextStyle::Button, 17.0),
                ] {
                    if let Some(font) = ui.style_mut().text_styles.get_mut(&style) {
                        font.size = size;
                    }
                }
                ui.spacing_mut().button_padding = egui::vec2(10.0, 5.0);
                panel_frame().show(ui, |ui| {
                    ui.horizontal(|ui| {
                        let mut source = self.deck.source();
                        egui::ComboBox::from_id_salt("present-deck")
                            .selected_text(source.label_for(doc))
                            .show_ui(ui, |ui| {
                                for s in DeckSource::ALL {
                                    ui.selectable_value(&mut source, s, s.label_for(doc));
                                }
                            });
                        if source != self.deck.source() {
                            self.choose(doc, findings, source);
                            self.start_move(canvas);
                        }
                        ui.separator();
                        let before = self.deck.index();
                        if ui
                            .add_enabled(!self.deck.is_first(), egui::Button::new("◀ Previous"))
                            .clicked()
                        {
                            self.deck.prev();
                        }
                        ui.label(
                            RichText::new(self.deck.progress())
                                .size(16.0)
                                .strong()
                                .color(INK),
                        );
                        if ui
                            .add_enabled(!self.deck.is_last(), egui::Button::new("Next ▶"))
                            .clicked()
                        {
                            self.deck.next();
                        }
                        if self.deck.index() != before {
                            self.start_move(canvas);
                        }
                        ui.separator();
                        ui.toggle_value(&mut self.show_findings, "Findings (F)");
                        if ui.button("Exit (Esc)").clicked() {
                            outcome = PresenterOutcome::Exit;
                        }
                        ui.separator();
                        ui.label(RichText::new("Left / Right / Space: step").color(INK_MUTED));
                    });
                });
            });
        (outcome, area.response.rect)
    }
}

/// The slide's title and caption, top left, over the canvas.
fn caption_overlay(ctx: &egui::Context, doc: &Document, view: &View) -> egui::Rect {
    let width = (ctx.content_rect().width() * 0.5).clamp(320.0, 900.0);
    egui::Area::new(Id::new("present-caption"))
        .anchor(Align2::LEFT_TOP, [28.0, 24.0])
        .order(egui::Order::Foreground)
        .interactable(false)
        .show(ctx, |ui| {
            panel_frame().show(ui, |ui| {
                ui.set_max_width(width);
                // The plan's name above the slide title, unless the slide is the title slide.
                if doc.display_title() != view.title {
                    ui.label(
                        RichText::new(doc.display_title())
                            .size(15.0)
                            .color(INK_MUTED),
                    );
                }
                ui.label(
                    RichText::new(&view.title)
                        .size(TITLE_SIZE)
                        .strong()
                        .color(INK),
                );
                if !view.caption.trim().is_empty() {
                    ui.add_space(4.0);
                    ui.label(
                        RichText::new(view.caption.trim())
                            .size(CAPTION_SIZE)
                            .color(INK),
                    );
                }
            });
        })
        .response
        .rect
}

fn panel_frame() -> egui::Frame {
    egui::Frame::new()
        .fill(PAPER)
        .stroke(egui::Stroke::new(1.0, RULE))
        .corner_radius(10.0)
        .inner_margin(egui::Margin::symmetric(18, 12))
        .shadow(egui::Shadow {
            offset: [0, 2],
            blur: 12,
            spread: 0,
            color: Color32::from_black_alpha(30),
        })
}
