//! Turning this frame's keys (and egui-winit's copy, cut and paste events) into actions.

use super::Action;
use egui::{Key, KeyboardShortcut, Modifiers};

/// A shortcut as people write it: egui's text, with the symbol keys as symbols ("+", "−",
/// "=") where egui spells them out ("Plus", "Minus", "Equals").
#[must_use]
pub fn shortcut_text(ctx: &egui::Context, shortcut: &KeyboardShortcut) -> String {
    let key = match shortcut.logical_key {
        Key::Plus => "+",
        Key::Minus => "\u{2212}",
        Key::Equals => "=",
        _ => return ctx.format_shortcut(shortcut),
    };
    let modifiers = ctx.format_modifiers(shortcut.modifiers);
    if modifiers.is_empty() {
        key.to_owned()
    } else {
        format!("{modifiers}+{key}")
    }
}

/// Turns this frame's key presses into actions. Longer modifier sets are tried first, so
/// Ctrl+Shift+S is never taken for Ctrl+S; each action fires at most once a frame. While a text
/// field has the keyboard, only the actions that [`Action::works_while_typing`] are taken.
#[must_use]
pub fn actions_from_keyboard(ctx: &egui::Context) -> Vec<Action> {
    let typing = ctx.text_edit_focused();
    let mut bindings: Vec<(Action, &KeyboardShortcut)> = Action::ALL
        .iter()
        .filter(|a| !typing || a.works_while_typing())
        .flat_map(|a| a.shortcuts().iter().map(move |sc| (*a, sc)))
        .collect();
    bindings.sort_by_key(|(_, sc)| std::cmp::Reverse(modifier_count(sc.modifiers)));
    let mut fired = Vec::new();
    for (action, shortcut) in bindings {
        let pressed = ctx.input_mut(|i| i.consume_shortcut(shortcut));
        // egui-winit turns Ctrl+C and Ctrl+X into copy and cut events, not key presses.
        let pressed = pressed
            || match action {
                Action::CopyImage => consume_shifted_copy(ctx),
                Action::Copy => consume_event(ctx, &egui::Event::Copy),
                Action::Cut => consume_event(ctx, &egui::Event::Cut),
                _ => false,
            };
        if pressed && !fired.contains(&action) {
            fired.push(action);
        }
    }
    fired
}

fn modifier_count(m: Modifiers) -> usize {
    [m.alt, m.ctrl || m.command || m.mac_cmd, m.shift]
        .into_iter()
        .filter(|on| *on)
        .count()
}

/// Takes `event` out of this frame's input; returns whether it was there.
fn consume_event(ctx: &egui::Context, event: &egui::Event) -> bool {
    ctx.input_mut(|i| {
        let before = i.events.len();
        i.events.retain(|e| e != event);
        i.events.len() != before
    })
}

/// The text of a paste (Ctrl+V, which egui-winit turns into a paste event carrying the
/// clipboard's text), taken out of this frame's input.
#[must_use]
pub fn pasted_text(ctx: &egui::Context) -> Option<String> {
    ctx.input_mut(|i| {
        let at = i
            .events
            .iter()
            .position(|e| matches!(e, egui::Event::Paste(_)))?;
        match i.events.remove(at) {
            egui::Event::Paste(text) => Some(text),
            _ => None,
        }
    })
}

/// egui-winit turns Ctrl+C into a copy event, Shift or not, and sends no key event for the
/// press: a copy event with Shift held is Ctrl+Shift+C. The modifiers of this frame are those
/// at its end, so a quick press (all keys down and up within one frame) is recognised by the
/// release of C, which still carries Ctrl+Shift.
fn consume_shifted_copy(ctx: &egui::Context) -> bool {
    ctx.input_mut(|i| {
        let shifted = |m: &Modifiers| m.command && m.shift;
        let held = shifted(&i.modifiers)
            || i.events.iter().any(|e| {
                matches!(e, egui::Event::Key { key: Key::C, modifiers, .. } if shifted(modifiers))
            });
        if !held {
            return false;
        }
        let before = i.events.len();
        i.events.retain(|e| !matches!(e, egui::Event::Copy));
        i.events.len() != before
    })
}

#[cfg(test)]
mod tests {
    use super::super::{cmd, cmd_shift, plain};
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn no_two_actions_share_a_shortcut() {
        let mut owner: HashMap<(Modifiers, Key), Action> = HashMap::new();
        for action in Action::ALL {
            for sc in action.shortcuts() {
                if let Some(other) = owner.insert((sc.modifiers, sc.logical_key), action) {
                    panic!("{action:?} and {other:?} both use {sc:?}");
                }
            }
        }
    }

    #[test]
    fn every_action_is_listed_once_and_has_text_and_a_tooltip() {
        for (i, action) in Action::ALL.iter().enumerate() {
            assert!(!action.text().is_empty(), "{action:?} has no text");
            assert!(!action.tooltip().is_empty(), "{action:?} has no tooltip");
            assert!(
                !Action::ALL[i + 1..].contains(action),
                "{action:?} is listed twice"
            );
        }
    }

    #[test]
    fn symbol_keys_are_written_as_symbols_not_words() {
        let ctx = egui::Context::default();
        assert_eq!(Action::ZoomIn.shortcut_text(&ctx).as_deref(), Some("+"));
        assert_eq!(
            Action::ZoomOut.shortcut_text(&ctx).as_deref(),
            Some("\u{2212}")
        );
        assert_eq!(
            shortcut_text(&ctx, &cmd(Key::Minus)),
            format!("{}+\u{2212}", ctx.format_modifiers(Modifiers::COMMAND))
        );
        assert_eq!(
            Action::Tidy.shortcut_text(&ctx),
            Some(ctx.format_shortcut(&cmd_shift(Key::L)))
        );
    }

    #[test]
    fn longer_modifier_sets_count_more() {
        assert!(
            modifier_count(cmd_shift(Key::S).modifiers) > modifier_count(cmd(Key::S).modifiers)
        );
        assert_eq!(modifier_count(plain(Key::F2).modifiers), 0);
    }
}
