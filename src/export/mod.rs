//! Exporters: SVG, PNG, JSON, findings reports (Markdown, HTML) and hand-offs: a PDF
//! handout, a Visio drawing and SARIF for CI.
//!
//! Every picture is painted from [`crate::look`]'s display lists, so exports look like the
//! canvas. Nothing here touches the screen or the disk: [`export_bytes`] returns the bytes and
//! the caller writes them (the CLI with [`crate::file::write_atomic`]).

pub mod pdf;
pub mod png;
pub mod report;
pub mod sarif;
pub mod svg;
pub mod vsdx;

use crate::edit::Selection;
use crate::model::{Document, LinkId, NodeId};
use crate::rules::{Finding, Severity};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

pub use pdf::{Paper, PdfOptions, to_pdf};
pub use png::{PngImage, PngInfo, PngOptions, render_png, render_png_to, svg_to_png, to_png};
pub use report::{ReportOptions, to_html, to_markdown};
pub use svg::{Highlight, SvgOptions, to_svg};
pub use vsdx::to_vsdx;

/// What an export produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    /// A vector picture of the plan.
    Svg,
    /// A raster picture of the plan.
    Png,
    /// The plan itself, in the file format.
    Json,
    /// The findings report as Markdown, with the diagram embedded as a `data:` URI.
    Markdown,
    /// The findings report as one self-contained HTML page with the diagram inline.
    Html,
    /// A handout: the diagram, one page per presentation slide, then the findings.
    Pdf,
    /// A Visio drawing: one shape per node, glued connectors, the node's fields as shape data.
    Vsdx,
    /// The Hybrid Configuration Wizard preview as a PowerShell script for review.
    PowerShell,
}

impl ExportFormat {
    /// Every format.
    pub const ALL: [ExportFormat; 8] = [
        ExportFormat::Svg,
        ExportFormat::Png,
        ExportFormat::Json,
        ExportFormat::Markdown,
        ExportFormat::Html,
        ExportFormat::Pdf,
        ExportFormat::Vsdx,
        ExportFormat::PowerShell,
    ];

    /// The format a file name asks for, by extension (case-insensitive): `.svg`, `.png`,
    /// `.json` (also `.hybrid.json`), `.md`/`.markdown`, `.html`/`.htm`, `.pdf`, `.vsdx`,
    /// `.ps1`.
    #[must_use]
    pub fn from_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "svg" => Some(Self::Svg),
            "png" => Some(Self::Png),
            "json" => Some(Self::Json),
            "md" | "markdown" => Some(Self::Markdown),
            "html" | "htm" => Some(Self::Html),
            "pdf" => Some(Self::Pdf),
            "vsdx" => Some(Self::Vsdx),
            "ps1" => Some(Self::PowerShell),
            _ => None,
        }
    }

    /// The usual file extension, without the dot.
    #[must_use]
    pub fn extension(self) -> &'static str {
        match self {
            Self::Svg => "svg",
            Self::Png => "png",
            Self::Json => "json",
            Self::Markdown => "md",
            Self::Html => "html",
            Self::Pdf => "pdf",
            Self::Vsdx => "vsdx",
            Self::PowerShell => "ps1",
        }
    }

    /// A name for people ("PNG image", ...), for menus and file dialogs.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Svg => "SVG image",
            Self::Png => "PNG image",
            Self::Json => "Plan (JSON)",
            Self::Markdown => "Findings report (Markdown)",
            Self::Html => "Findings report (HTML)",
            Self::Pdf => "Handout (PDF)",
            Self::Vsdx => "Visio drawing (VSDX)",
            Self::PowerShell => "HCW preview (PowerShell script)",
        }
    }
}

/// The background of a picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Background {
    /// Opaque white.
    #[default]
    White,
    /// Fully transparent (PNG alpha 0, no background rectangle in SVG).
    Transparent,
}

impl Background {
    /// The colour of the background rectangle, if any.
    #[must_use]
    pub fn color(self) -> Option<crate::look::Rgba> {
        match self {
            Self::White => Some(crate::look::Rgba::WHITE),
            Self::Transparent => None,
        }
    }
}

/// Options of [`export_bytes`].
#[derive(Debug, Clone, PartialEq)]
pub struct ExportOptions {
    /// PNG pixels per canvas unit (1 or 2 usually; clamped to 0.1..=8).
    pub scale: f32,
    /// Show finding outlines and the legend's severity counts.
    pub findings: bool,
    /// Picture background.
    pub background: Background,
    /// Export only these nodes (and the links between them); `None` = the whole plan.
    pub selection: Option<Selection>,
    /// The report's date (`YYYY-MM-DD`); `None` = the plan's evaluation date, else today.
    pub date: Option<String>,
}

impl Default for ExportOptions {
    fn default() -> Self {
        Self {
            scale: 1.0,
            findings: true,
            background: Background::White,
            selection: None,
            date: None,
        }
    }
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The picture could not be rendered (a bug: our SVG should always parse).
    #[error("the diagram could not be rendered: {0}")]
    Render(String),
    /// The PDF could not be written (a bug: the fonts and drawing are ours).
    #[error("the PDF could not be written: {0}")]
    Pdf(String),
    /// The Visio package could not be written.
    #[error("the Visio drawing could not be written: {0}")]
    Vsdx(String),
    /// Writing the result failed (the disk is full, ...).
    #[error("{0}")]
    Write(#[source] std::io::Error),
}

/// What an export produced.
#[derive(Debug, Clone, PartialEq)]
pub struct Exported {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Something the user should know about the result (a PNG of a large plan drawn at a
    /// lower scale), as a sentence without the final stop.
    pub note: Option<String>,
}

/// Export the plan in this format.
///
/// Findings are computed with [`crate::rules::validate`] on the whole plan (a selection
/// export shows the whole plan's findings on the selected nodes). PDFs use A4 paper; see
/// [`export`] for the paper and notes.
pub fn export_bytes(
    doc: &Document,
    format: ExportFormat,
    opts: &ExportOptions,
) -> Result<Vec<u8>, ExportError> {
    export(doc, format, opts, Paper::default()).map(|e| e.bytes)
}

/// Export the plan in this format, PDFs on `paper`, with a note when the result differs from
/// what was asked (see [`Exported::note`]).
pub fn export(
    doc: &Document,
    format: ExportFormat,
    opts: &ExportOptions,
    paper: Paper,
) -> Result<Exported, ExportError> {
    let mut bytes = Vec::new();
    let note = export_into(doc, format, opts, paper, &mut bytes)?;
    Ok(Exported { bytes, note })
}

/// [`export`] into a writer (a file): a PNG is streamed as it is made, so even the largest
/// image is never whole in memory. Returns the note, if any.
pub fn export_into(
    doc: &Document,
    format: ExportFormat,
    opts: &ExportOptions,
    paper: Paper,
    out: &mut dyn std::io::Write,
) -> Result<Option<String>, ExportError> {
    let exported = if format == ExportFormat::Png {
        let findings = if opts.findings {
            crate::rules::validate(doc)
        } else {
            Vec::new()
        };
        let svg_opts = SvgOptions {
            findings: opts.findings,
            background: opts.background.color(),
            selection: opts.selection.as_ref(),
            ..SvgOptions::default()
        };
        let png = PngOptions { scale: opts.scale };
        let info = render_png_to(doc, &findings, &svg_opts, &png, &mut *out)?;
        return Ok(info.note());
    } else {
        export_in_memory(doc, format, opts, paper)?
    };
    out.write_all(&exported.bytes).map_err(ExportError::Write)?;
    Ok(exported.note)
}

/// The formats made whole in memory.
fn export_in_memory(
    doc: &Document,
    format: ExportFormat,
    opts: &ExportOptions,
    paper: Paper,
) -> Result<Exported, ExportError> {
    let findings = if opts.findings
        || matches!(
            format,
            ExportFormat::Markdown | ExportFormat::Html | ExportFormat::Pdf
        ) {
        crate::rules::validate(doc)
    } else {
        Vec::new()
    };
    let svg_opts = SvgOptions {
        findings: opts.findings,
        background: opts.background.color(),
        selection: opts.selection.as_ref(),
        ..SvgOptions::default()
    };
    let plain = |bytes: Vec<u8>| Exported { bytes, note: None };
    match format {
        ExportFormat::Svg => Ok(plain(to_svg(doc, &findings, &svg_opts).into_bytes())),
        ExportFormat::Png => {
            let image = render_png(doc, &findings, &svg_opts, &PngOptions { scale: opts.scale })?;
            Ok(Exported {
                note: image.info.note(),
                bytes: image.bytes,
            })
        }
        ExportFormat::Json => {
            let text = match &opts.selection {
                Some(sel) => crate::file::to_string(&extract_selection(doc, sel)),
                None => crate::file::to_string(doc),
            };
            Ok(plain(text.into_bytes()))
        }
        ExportFormat::Markdown | ExportFormat::Html => {
            let date = report::report_date(doc, opts.date.as_deref());
            let ropts = ReportOptions {
                date: &date,
                svg: svg_opts,
            };
            Ok(plain(
                if format == ExportFormat::Html {
                    to_html(doc, &findings, &ropts)
                } else {
                    to_markdown(doc, &findings, &ropts)
                }
                .into_bytes(),
            ))
        }
        ExportFormat::Pdf => {
            let date = report::report_date(doc, opts.date.as_deref());
            let pdf_opts = PdfOptions {
                paper,
                date: &date,
                findings_on_diagram: opts.findings,
                selection: opts.selection.as_ref(),
            };
            to_pdf(doc, &findings, &pdf_opts).map(plain)
        }
        ExportFormat::Vsdx => {
            let doc = match &opts.selection {
                Some(sel) => std::borrow::Cow::Owned(extract_selection(doc, sel)),
                None => std::borrow::Cow::Borrowed(doc),
            };
            to_vsdx(&doc).map(plain)
        }
        ExportFormat::PowerShell => {
            let date = report::report_date(doc, opts.date.as_deref());
            let findings = if findings.is_empty() {
                crate::rules::validate(doc)
            } else {
                findings
            };
            let preview = crate::hcw::preview_with(doc, &findings);
            Ok(plain(crate::hcw::to_script(&preview, &date).into_bytes()))
        }
    }
}

/// The nodes a selection export shows: the selected nodes plus both ends of the selected
/// links. An empty selection means every node.
#[must_use]
pub fn selected_nodes(doc: &Document, sel: &Selection) -> BTreeSet<NodeId> {
    if sel.is_empty() {
        return doc.nodes.iter().map(|n| n.id.clone()).collect();
    }
    let mut out: BTreeSet<NodeId> = sel.nodes.clone();
    for l in &doc.links {
        if sel.links.contains(&l.id) {
            out.insert(l.from.clone());
            out.insert(l.to.clone());
        }
    }
    out.retain(|id| doc.node(id.as_str()).is_some());
    out
}

/// A new plan with the selected nodes (see [`selected_nodes`]) and every link between them;
/// the title, hybrid settings and unknown fields are kept, presentation views dropped.
/// Nodes without a position get the one the whole plan's layout gave them, so the
/// extracted plan looks the same.
#[must_use]
pub fn extract_selection(doc: &Document, sel: &Selection) -> Document {
    let keep = selected_nodes(doc, sel);
    let layout = crate::look::auto_layout(doc);
    let nodes = doc
        .nodes
        .iter()
        .filter(|n| keep.contains(&n.id))
        .map(|n| {
            let mut n = n.clone();
            if n.position.is_none() {
                n.position = layout.get(&n.id).copied();
            }
            n
        })
        .collect();
    let links = doc
        .links
        .iter()
        .filter(|l| keep.contains(&l.from) && keep.contains(&l.to))
        .cloned()
        .collect();
    Document {
        nodes,
        links,
        views: Vec::new(),
        ..doc.clone()
    }
}

/// The worst severity of the findings about each node and each link.
#[must_use]
pub fn worst_severities(
    findings: &[Finding],
) -> (HashMap<NodeId, Severity>, HashMap<LinkId, Severity>) {
    let mut nodes: HashMap<NodeId, Severity> = HashMap::new();
    let mut links: HashMap<LinkId, Severity> = HashMap::new();
    for f in findings {
        for n in &f.nodes {
            let e = nodes.entry(n.clone()).or_insert(f.severity);
            *e = (*e).min(f.severity);
        }
        for l in &f.links {
            let e = links.entry(l.clone()).or_insert(f.severity);
            *e = (*e).min(f.severity);
        }
    }
    (nodes, links)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Link, LinkKind, Node, NodeKind, Role, Version};

    #[test]
    fn format_follows_the_extension() {
        assert_eq!(
            ExportFormat::from_path(Path::new("a/plan.SVG")),
            Some(ExportFormat::Svg)
        );
        assert_eq!(
            ExportFormat::from_path(Path::new("plan.png")),
            Some(ExportFormat::Png)
        );
        assert_eq!(
            ExportFormat::from_path(Path::new("plan.hybrid.json")),
            Some(ExportFormat::Json)
        );
        assert_eq!(
            ExportFormat::from_path(Path::new("r.md")),
            Some(ExportFormat::Markdown)
        );
        assert_eq!(
            ExportFormat::from_path(Path::new("r.htm")),
            Some(ExportFormat::Html)
        );
        assert_eq!(
            ExportFormat::from_path(Path::new("r.html")),
            Some(ExportFormat::Html)
        );
        assert_eq!(
            ExportFormat::from_path(Path::new("handout.PDF")),
            Some(ExportFormat::Pdf)
        );
        assert_eq!(
            ExportFormat::from_path(Path::new("plan.vsdx")),
            Some(ExportFormat::Vsdx)
        );
        assert_eq!(ExportFormat::from_path(Path::new("r.docx")), None);
        assert_eq!(ExportFormat::from_path(Path::new("noext")), None);
        for f in ExportFormat::ALL {
            assert_eq!(
                ExportFormat::from_path(Path::new(&format!("x.{}", f.extension()))),
                Some(f)
            );
        }
    }

    fn plan() -> Document {
        let mut d = Document::new("T");
        d.nodes
            .push(Node::server("a", "A", Version::V2016, &[Role::Mailbox]).at(0.0, 0.0));
        d.nodes
            .push(Node::server("b", "B", Version::V2016, &[Role::Mailbox]));
        d.nodes
            .push(Node::new("exo", NodeKind::ExchangeOnline, "EXO").at(300.0, 0.0));
        d.links
            .push(Link::new("l1", LinkKind::SendConnector, "a", "exo"));
        d.links
            .push(Link::new("l2", LinkKind::SendConnector, "b", "exo"));
        d
    }

    #[test]
    fn extracting_a_selection_keeps_the_nodes_and_the_links_between_them() {
        let d = plan();
        let sel = Selection {
            nodes: ["a".into(), "exo".into()].into(),
            links: BTreeSet::new(),
        };
        let x = extract_selection(&d, &sel);
        assert_eq!(
            x.nodes.iter().map(|n| n.id.as_str()).collect::<Vec<_>>(),
            ["a", "exo"]
        );
        assert_eq!(
            x.links.iter().map(|l| l.id.as_str()).collect::<Vec<_>>(),
            ["l1"]
        );
        assert_eq!(x.title.as_deref(), Some("T"));
    }

    #[test]
    fn selecting_a_link_brings_its_ends_and_unpositioned_nodes_keep_their_layout_spot() {
        let d = plan();
        let sel = Selection::link("l2".into());
        let x = extract_selection(&d, &sel);
        assert_eq!(x.nodes.len(), 2);
        let b = x.node("b").expect("b kept");
        assert_eq!(b.position, crate::look::auto_layout(&d).get("b").copied());
    }

    #[test]
    fn empty_selection_means_the_whole_plan() {
        let d = plan();
        assert_eq!(
            selected_nodes(&d, &Selection::default()).len(),
            d.nodes.len()
        );
    }

    #[test]
    fn worst_severity_wins() {
        let f = |s| Finding {
            rule: "R",
            severity: s,
            message: String::new(),
            nodes: vec!["a".into()],
            links: vec![],
            fix: String::new(),
            source: "",
        };
        let (n, _) =
            worst_severities(&[f(Severity::Info), f(Severity::Error), f(Severity::Warning)]);
        assert_eq!(n["a"], Severity::Error);
    }
}
