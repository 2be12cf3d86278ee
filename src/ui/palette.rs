//! The palette on the left: node kinds to drag onto the canvas, and the link tools.

use super::canvas::{PaletteDrop, PaletteServer};
use super::command::{AppCommand, PanelCtx};
use super::theme;
use crate::look;
use crate::model::{LinkKind, NodeKind, Version};
use egui::{Color32, Id, RichText, Sense, Stroke, TextureHandle, Ui, Vec2, pos2, vec2};
use std::collections::HashMap;

/// The palette's icon size in points.
const ICON: f32 = 24.0;

/// The node icons as textures, rasterised once (at twice the size, for high-DPI screens).
#[derive(Default)]
pub(crate) struct Icons(HashMap<NodeKind, TextureHandle>);

impl Icons {
    fn get(&mut self, ctx: &egui::Context, kind: NodeKind) -> Option<&TextureHandle> {
        use std::collections::hash_map::Entry;
        match self.0.entry(kind) {
            Entry::Occupied(e) => Some(e.into_mut()),
            Entry::Vacant(e) => {
                let px = (ICON * 2.0) as u32;
                let rgba = look::icon_rgba(kind, px)?;
                let image =
                    egui::ColorImage::from_rgba_unmultiplied([px as usize, px as usize], &rgba);
                Some(e.insert(ctx.load_texture(
                    format!("palette-{}", kind.key()),
                    image,
                    egui::TextureOptions::LINEAR,
                )))
            }
        }
    }
}

/// Draws the palette. Dragging a node kind out is egui's drag and drop (the canvas takes the
/// drop); clicking a link kind picks up or puts down that link tool.
pub(crate) fn palette_ui(
    ui: &mut Ui,
    ctx: &PanelCtx<'_>,
    icons: &mut Icons,
    out: &mut Vec<AppCommand>,
) {
    egui::ScrollArea::vertical()
        .id_salt("palette_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.add_space(6.0);
            ui.label(RichText::new("Nodes").strong().size(15.0));
            ui.label(
                RichText::new("Drag onto the canvas")
                    .small()
                    .color(ui.visuals().weak_text_color()),
            );
            ui.add_space(2.0);
            for kind in NodeKind::ALL {
                node_item(ui, icons, kind);
                if kind == NodeKind::ExchangeServer {
                    version_chips(ui);
                }
            }
            ui.add_space(10.0);
            ui.label(RichText::new("Links").strong().size(15.0));
            ui.label(
                RichText::new("Pick one, then drag between nodes")
                    .small()
                    .color(ui.visuals().weak_text_color()),
            );
            ui.add_space(2.0);
            for kind in LinkKind::ALL {
                link_item(ui, ctx, kind, out);
            }
        });
}

fn node_item(ui: &mut Ui, icons: &mut Icons, kind: NodeKind) {
    let id = Id::new(("palette_node", kind.key()));
    let texture = icons.get(ui.ctx(), kind).cloned();
    let response = ui
        .dnd_drag_source(id, PaletteDrop(kind), |ui| {
            egui::Frame::new()
                .inner_margin(egui::Margin::symmetric(4, 2))
                .corner_radius(4.0)
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal(|ui| {
                        match &texture {
                            Some(t) => {
                                ui.add(egui::Image::new((t.id(), Vec2::splat(ICON))));
                            }
                            None => {
                                ui.allocate_exact_size(Vec2::splat(ICON), Sense::hover());
                            }
                        }
                        ui.add(egui::Label::new(kind.label()).selectable(false));
                    });
                });
        })
        .response;
    if response.hovered() {
        ui.painter().rect_filled(
            response.rect,
            4.0,
            ui.visuals()
                .widgets
                .hovered
                .weak_bg_fill
                .gamma_multiply(0.5),
        );
    }
    response.on_hover_text(format!(
        "Drag onto the canvas to add {}",
        kind.with_article()
    ));
}

/// A row of small drag sources, one per Exchange version, under "Exchange server": the
/// plain entry adds a server of the plan's newest version, a chip adds exactly that version.
fn version_chips(ui: &mut Ui) {
    ui.horizontal(|ui| {
        ui.add_space(ICON - 8.0);
        ui.spacing_mut().item_spacing.x = 3.0;
        for version in Version::ALL.into_iter().rev() {
            let id = Id::new(("palette_server", version.key()));
            let response = ui
                .dnd_drag_source(id, PaletteServer(version), |ui| {
                    egui::Frame::new()
                        .inner_margin(egui::Margin::symmetric(4, 1))
                        .corner_radius(4.0)
                        .fill(Color32::WHITE)
                        .stroke(Stroke::new(1.0, Color32::from_gray(175)))
                        .show(ui, |ui| {
                            ui.add(
                                egui::Label::new(RichText::new(version.short()).size(11.5))
                                    .selectable(false),
                            );
                        });
                })
                .response;
            let what = if version.is_2016_plus() {
                "a Mailbox server"
            } else {
                "a server without roles yet: choose multi-role or split roles"
            };
            response.on_hover_text(format!("Drag onto the canvas: Exchange {version}, {what}"));
        }
    });
}

fn link_item(ui: &mut Ui, ctx: &PanelCtx<'_>, kind: LinkKind, out: &mut Vec<AppCommand>) {
    let active = ctx.link_tool == Some(kind);
    let response = ui
        .horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(vec2(ICON, 14.0), Sense::hover());
            swatch(ui, rect, kind);
            // The growing atom keeps the name left-aligned in a full-width button.
            ui.add(
                egui::Button::selectable(active, (kind.label(), egui::Atom::grow()))
                    .min_size(vec2(ui.available_width(), 0.0)),
            )
        })
        .inner;
    if response.clicked() {
        out.push(AppCommand::SetLinkTool(if active {
            None
        } else {
            Some(kind)
        }));
    }
    let ends = |kinds: &[NodeKind]| {
        kinds
            .iter()
            .map(|k| k.label())
            .collect::<Vec<_>>()
            .join(", ")
    };
    response.on_hover_text(format!(
        "From {} to {}",
        ends(kind.allowed_from()),
        ends(kind.allowed_to())
    ));
}

/// A short line in the link kind's colour, width and dash pattern, with an arrow head.
fn swatch(ui: &Ui, rect: egui::Rect, kind: LinkKind) {
    let colour = theme::colour(look::link_color(kind));
    let width = look::link_width(kind).clamp(1.0, 3.0);
    let y = rect.center().y;
    let (a, b) = (pos2(rect.left() + 1.0, y), pos2(rect.right() - 4.0, y));
    let painter = ui.painter();
    match look::link_dash(kind) {
        Some(dash) => {
            let shapes = egui::Shape::dashed_line(
                &[a, b],
                Stroke::new(width, colour),
                dash.on.max(2.0),
                dash.off.max(2.0),
            );
            painter.extend(shapes);
        }
        None => {
            painter.line_segment([a, b], Stroke::new(width, colour));
        }
    }
    let tip = pos2(rect.right(), y);
    painter.add(egui::Shape::convex_polygon(
        vec![tip, pos2(tip.x - 6.0, y - 4.0), pos2(tip.x - 6.0, y + 4.0)],
        colour,
        Stroke::new(0.0, Color32::TRANSPARENT),
    ));
}
