//! Editing the plan's list of views. Each function returns the whole new list, which the
//! designer wraps in one `SetViews` command, so every change is a single undo step.
//! Out-of-range indices give back an unchanged copy: a stale click never panics.

use super::camera::{DEFAULT_MARGIN, frame_nodes};
use crate::look;
use crate::model::{Camera, Document, LinkId, NodeId, View};
use serde_json::Map;

/// The list with a new view of this camera appended, titled `title` (or "View N" when the
/// title is blank); nothing is highlighted.
#[must_use]
pub fn add_view(views: &[View], camera: Camera, title: &str) -> Vec<View> {
    let title = title.trim();
    let title = if title.is_empty() {
        next_view_title(views)
    } else {
        title.to_owned()
    };
    let mut out = views.to_vec();
    out.push(View {
        title,
        caption: String::new(),
        camera,
        nodes: Vec::new(),
        links: Vec::new(),
        extra: Map::new(),
    });
    out
}

/// "View N" for the smallest N ≥ `len + 1` that no view is titled with yet.
#[must_use]
pub fn next_view_title(views: &[View]) -> String {
    // Among len + 1 candidates at least one is free (pigeonhole), so the search is bounded.
    (views.len() + 1..=2 * views.len() + 1)
        .map(|n| format!("View {n}"))
        .find(|t| views.iter().all(|v| &v.title != t))
        .unwrap_or_else(|| "View".to_owned())
}

/// The list with view `from` moved to position `to` (the others keep their order).
#[must_use]
pub fn move_view(views: &[View], from: usize, to: usize) -> Vec<View> {
    let mut out = views.to_vec();
    if from < out.len() && to < out.len() && from != to {
        let v = out.remove(from);
        out.insert(to, v);
    }
    out
}

/// The list with view `index` retitled; a blank title is refused (unchanged copy).
#[must_use]
pub fn rename(views: &[View], index: usize, title: &str) -> Vec<View> {
    let mut out = views.to_vec();
    let title = title.trim();
    if let Some(v) = out.get_mut(index)
        && !title.is_empty()
    {
        title.clone_into(&mut v.title);
    }
    out
}

/// The list with view `index`'s caption replaced.
#[must_use]
pub fn set_caption(views: &[View], index: usize, caption: &str) -> Vec<View> {
    let mut out = views.to_vec();
    if let Some(v) = out.get_mut(index) {
        caption.trim_end().clone_into(&mut v.caption);
    }
    out
}

/// The list with view `index` showing this camera.
#[must_use]
pub fn recapture(views: &[View], index: usize, camera: Camera) -> Vec<View> {
    let mut out = views.to_vec();
    if let Some(v) = out.get_mut(index) {
        v.camera = camera;
    }
    out
}

/// The list with view `index` highlighting these nodes and links (empty lists: nothing dimmed).
#[must_use]
pub fn set_highlight(
    views: &[View],
    index: usize,
    nodes: &[NodeId],
    links: &[LinkId],
) -> Vec<View> {
    let mut out = views.to_vec();
    if let Some(v) = out.get_mut(index) {
        v.nodes = nodes.to_vec();
        v.links = links.to_vec();
    }
    out
}

/// The list without view `index`.
#[must_use]
pub fn delete(views: &[View], index: usize) -> Vec<View> {
    let mut out = views.to_vec();
    if index < out.len() {
        out.remove(index);
    }
    out
}

/// The views after the plan's nodes moved (a tidy layout), each framed again on the nodes it
/// showed: its highlighted nodes and the ends of its highlighted links, or else the nodes
/// whose card centres were inside its camera. A slide keeps showing what it showed; a view
/// that showed no node keeps its camera.
#[must_use]
pub fn follow_moves(views: &[View], before: &Document, after: &Document) -> Vec<View> {
    let old = look::auto_layout(before);
    views
        .iter()
        .map(|view| {
            let mut shown: Vec<NodeId> = view.nodes.clone();
            for id in &view.links {
                if let Some(link) = before.link(id.as_str()) {
                    shown.extend([link.from.clone(), link.to.clone()]);
                }
            }
            if shown.is_empty() {
                let c = view.camera;
                shown = before
                    .nodes
                    .iter()
                    .filter(|n| {
                        old.get(&n.id).is_some_and(|p| {
                            p.x >= c.x
                                && p.x <= c.x + c.width
                                && p.y >= c.y
                                && p.y <= c.y + c.height
                        })
                    })
                    .map(|n| n.id.clone())
                    .collect();
            }
            let mut moved = view.clone();
            if let Some(camera) = frame_nodes(after, &shown, DEFAULT_MARGIN) {
                moved.camera = camera;
            }
            moved
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cam() -> Camera {
        Camera {
            x: 0.0,
            y: 0.0,
            width: 100.0,
            height: 50.0,
        }
    }

    fn titles(v: &[View]) -> Vec<&str> {
        v.iter().map(|v| v.title.as_str()).collect()
    }

    #[test]
    fn added_views_get_numbered_titles_that_do_not_collide() {
        let v = add_view(&[], cam(), "");
        let v = add_view(&v, cam(), "  ");
        assert_eq!(titles(&v), ["View 1", "View 2"]);
        let v = rename(&v, 0, "View 3");
        let v = add_view(&v, cam(), "");
        assert_eq!(titles(&v), ["View 3", "View 2", "View 4"]);
    }

    #[test]
    fn moving_keeps_the_others_in_order() {
        let mut v = Vec::new();
        for t in ["a", "b", "c", "d"] {
            v = add_view(&v, cam(), t);
        }
        assert_eq!(titles(&move_view(&v, 0, 2)), ["b", "c", "a", "d"]);
        assert_eq!(titles(&move_view(&v, 3, 0)), ["d", "a", "b", "c"]);
        assert_eq!(titles(&move_view(&v, 1, 9)), ["a", "b", "c", "d"]);
    }

    #[test]
    fn stale_indices_change_nothing() {
        let v = add_view(&[], cam(), "only");
        assert_eq!(delete(&v, 5), v);
        assert_eq!(rename(&v, 5, "x"), v);
        assert_eq!(rename(&v, 0, "   "), v);
        assert!(delete(&v, 0).is_empty());
    }
}
