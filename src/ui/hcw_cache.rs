//! The HCW preview (`crate::hcw`) for one state of the document, worked out once per
//! change (not once per frame) and only while the Hybrid Configuration Wizard tab shows.

use crate::hcw::{self, Preview};
use crate::model::{Date, Document};
use crate::rules::Finding;

/// The preview for one state of the document, worked out only when the tab shows it.
#[derive(Debug, Default)]
pub struct HcwCache {
    /// The change key ([`crate::edit::Session::change_key`]) and day it was computed for.
    key: Option<((u64, u64), Date)>,
    preview: Option<Preview>,
}

impl HcwCache {
    /// Works the preview out again when the plan or the day changed; returns whether it did.
    pub fn refresh(
        &mut self,
        key: (u64, u64),
        as_of: Date,
        doc: &Document,
        findings: &[Finding],
    ) -> bool {
        if self.key == Some((key, as_of)) && self.preview.is_some() {
            return false;
        }
        self.preview = Some(hcw::preview_with(doc, findings));
        self.key = Some((key, as_of));
        true
    }

    /// The preview, once [`HcwCache::refresh`] ran.
    #[must_use]
    pub fn preview(&self) -> Option<&Preview> {
        self.preview.as_ref()
    }
}

/// The PowerShell script of the plan, dated as of `as_of` (what "Copy script" copies).
#[must_use]
pub fn script_text(doc: &Document, findings: &[Finding], as_of: Date) -> String {
    hcw::to_script(&hcw::preview_with(doc, findings), &as_of.to_string())
}
