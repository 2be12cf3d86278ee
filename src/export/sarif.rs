//! SARIF 2.1.0 output of `validate`, for code-scanning CI.
//!
//! One run: the tool's driver lists every rule of the catalog (id, short description, help
//! URI = the rule's source, default level), and there is one result per finding (rule id
//! and index, level, message with the fix, the plan file as the artifact, and logical
//! locations naming the nodes and links concerned, with their JSON pointers in the file).

use crate::model::Document;
use crate::rules::{self, Finding, Severity};
use serde_sarif::sarif;
use std::fmt::Write as _;
use std::path::Path;

/// The SARIF level of a severity: error, warning, note.
#[must_use]
pub fn level(severity: Severity) -> sarif::ResultLevel {
    match severity {
        Severity::Error => sarif::ResultLevel::Error,
        Severity::Warning => sarif::ResultLevel::Warning,
        Severity::Info => sarif::ResultLevel::Note,
    }
}

/// A path as a SARIF `uri`: relative paths stay relative (as code-scanning services want
/// them, against the checkout), absolute ones become `file://` URIs; characters outside
/// RFC 3986's unreserved set and `/` are percent-encoded.
#[must_use]
pub fn path_uri(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut out = String::with_capacity(text.len() + 8);
    if text.starts_with('/') {
        out.push_str("file://");
    }
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Whether a source is an absolute web address (the only kind `helpUri` may hold).
fn is_web_uri(source: &str) -> bool {
    source.starts_with("https://") || source.starts_with("http://")
}

fn text(s: impl Into<String>) -> sarif::Message {
    sarif::Message::builder().text(s.into()).build()
}

/// The rules of the catalog as SARIF reporting descriptors, in catalog order.
fn descriptors() -> Vec<sarif::ReportingDescriptor> {
    rules::catalog()
        .iter()
        .map(|r| {
            let config = sarif::ReportingConfiguration::builder()
                .level(serde_json::to_value(level(r.severity)).unwrap_or_default())
                .build();
            let short = sarif::MultiformatMessageString::builder()
                .text(r.summary.to_owned())
                .build();
            let help = sarif::MultiformatMessageString::builder()
                .text(format!("{} Fix: {} Source: {}", r.summary, r.fix, r.source))
                .build();
            if is_web_uri(r.source) {
                sarif::ReportingDescriptor::builder()
                    .id(r.id.to_owned())
                    .short_description(short)
                    .help(help)
                    .help_uri(r.source.to_owned())
                    .default_configuration(config)
                    .build()
            } else {
                sarif::ReportingDescriptor::builder()
                    .id(r.id.to_owned())
                    .short_description(short)
                    .help(help)
                    .default_configuration(config)
                    .build()
            }
        })
        .collect()
}

/// The logical locations of a finding: its nodes and links by name, with their JSON
/// pointer in the plan as fully qualified name.
fn logical_locations(doc: &Document, f: &Finding) -> Vec<sarif::LogicalLocation> {
    let mut out = Vec::new();
    for id in &f.nodes {
        let (name, pointer) = match doc.nodes.iter().position(|n| n.id == *id) {
            Some(i) => (doc.nodes[i].name.clone(), format!("/nodes/{i}")),
            None => (id.to_string(), format!("/nodes/{id}")),
        };
        out.push(
            sarif::LogicalLocation::builder()
                .name(name)
                .fully_qualified_name(pointer)
                .kind("object".to_owned())
                .build(),
        );
    }
    for id in &f.links {
        let (name, pointer) = match doc.links.iter().position(|l| l.id == *id) {
            Some(i) => {
                let l = &doc.links[i];
                let end = |nid: &crate::model::NodeId| {
                    doc.node(nid.as_str())
                        .map_or_else(|| nid.to_string(), |n| n.name.clone())
                };
                (
                    format!(
                        "{}: {} \u{2192} {}",
                        crate::look::link_label(l),
                        end(&l.from),
                        end(&l.to)
                    ),
                    format!("/links/{i}"),
                )
            }
            None => (id.to_string(), format!("/links/{id}")),
        };
        out.push(
            sarif::LogicalLocation::builder()
                .name(name)
                .fully_qualified_name(pointer)
                .kind("object".to_owned())
                .build(),
        );
    }
    out
}

/// The findings of the plan in `file` as a SARIF 2.1.0 log.
#[must_use]
pub fn to_sarif(doc: &Document, findings: &[Finding], file: &Path) -> sarif::Sarif {
    let uri = path_uri(file);
    let catalog = rules::catalog();
    let results: Vec<sarif::Result> = findings
        .iter()
        .map(|f| {
            let artifact = sarif::ArtifactLocation::builder()
                .uri(uri.clone())
                .index(0)
                .build();
            let physical = sarif::PhysicalLocation::builder()
                .artifact_location(artifact)
                .build();
            let location = sarif::Location::builder()
                .physical_location(physical)
                .logical_locations(logical_locations(doc, f))
                .build();
            let mut message = f.message.trim().to_owned();
            if !message.ends_with(['.', '!', '?']) {
                message.push('.');
            }
            if !f.fix.trim().is_empty() {
                message.push_str(" Fix: ");
                message.push_str(f.fix.trim());
            }
            let result = sarif::Result::builder()
                .rule_id(f.rule.to_owned())
                .level(level(f.severity))
                .message(text(message))
                .locations(vec![location]);
            match catalog.iter().position(|r| r.id == f.rule) {
                Some(i) => result.rule_index(i as i64).build(),
                None => result.build(),
            }
        })
        .collect();
    let driver = sarif::ToolComponent::builder()
        .name("hybrid-designer".to_owned())
        .version(env!("CARGO_PKG_VERSION").to_owned())
        .rules(descriptors())
        .build();
    let artifact = sarif::Artifact::builder()
        .location(sarif::ArtifactLocation::builder().uri(uri).build())
        .build();
    let run = sarif::Run::builder()
        .tool(sarif::Tool::builder().driver(driver).build())
        .artifacts(vec![artifact])
        .results(results)
        .build();
    sarif::Sarif::builder()
        .version(serde_json::to_value(sarif::Version::V2_1_0).unwrap_or_default())
        .schema(sarif::SCHEMA_URL.to_owned())
        .runs(vec![run])
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uris() {
        assert_eq!(
            path_uri(Path::new("plans/a b.hybrid.json")),
            "plans/a%20b.hybrid.json"
        );
        assert_eq!(
            path_uri(Path::new("/srv/p#1.json")),
            "file:///srv/p%231.json"
        );
    }

    #[test]
    fn severities_map_to_sarif_levels() {
        assert!(matches!(level(Severity::Error), sarif::ResultLevel::Error));
        assert!(matches!(
            level(Severity::Warning),
            sarif::ResultLevel::Warning
        ));
        assert!(matches!(level(Severity::Info), sarif::ResultLevel::Note));
    }
}
