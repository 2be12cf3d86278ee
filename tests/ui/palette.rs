//! The palette offers every node kind and link kind, walked from `ALL` (no kind named here).

use crate::support::{FakeDialogs, designer, opening};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use hybrid_designer::model::{Document, LinkKind, NodeKind};

#[test]
fn the_palette_offers_every_node_kind_and_every_link_kind() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("empty.hybrid.json");
    hybrid_designer::file::save(&path, &Document::new("Empty")).expect("save the fixture");
    let h = designer(opening(path), FakeDialogs::default());
    for kind in NodeKind::ALL {
        assert!(
            h.query_all_by_label(kind.label()).next().is_some(),
            "no palette entry for {kind:?}"
        );
    }
    for kind in LinkKind::ALL {
        assert!(
            h.query_by_role_and_label(Role::Button, kind.label())
                .is_some(),
            "no link tool for {kind:?}"
        );
    }
}
